using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.X12;

namespace Trellis.Web.Features.Billing.Remittances;

public sealed record LineAnswer(ClaimLine Line, decimal Paid, List<Adjustment> Adjustments);

public sealed record ClaimAnswer(Claim Claim, string Status, string PatientLast, string PatientFirst, string MemberId, string PayerClaimNumber, List<LineAnswer> Lines)
{
    public decimal Paid => Lines.Sum(l => l.Paid);
    public decimal PatientResponsibility => Lines.Sum(l => l.Adjustments.Where(a => a.Group == "PR").Sum(a => a.Amount));
}

/// <summary>
/// Writes a payer's 835 for claims: what the demo clinic's payers answer, and what the benchmark posts. A payer
/// writes these, not the clinic; it lives here so the demo and the benchmark need no outside file.
/// </summary>
public static class Era835Writer
{
    public static string Write(string payerName, string payerTaxId, string payeeName, string payeeNpi, string trace, DateOnly paidOn, IReadOnlyList<ClaimAnswer> answers, long controlNumber)
    {
        var w = new X12Writer();
        var icn = controlNumber.ToString("D9");
        var date = X12Writer.Date(paidOn);
        w.Segment("ISA", "00", new string(' ', 10), "00", new string(' ', 10), "ZZ", X12Writer.Pad(payerTaxId, 15), "ZZ", X12Writer.Pad(payeeNpi, 15),
            paidOn.ToString("yyMMdd"), "1200", "^", "00501", icn, "0", "P", ":");
        w.Segment("GS", "HP", payerTaxId, payeeNpi, date, "1200", controlNumber.ToString(), "X", "005010X221A1");
        w.StartCount();
        w.Segment("ST", "835", "0001", "005010X221A1");
        var total = answers.Sum(a => a.Paid);
        w.Segment("BPR", total > 0 ? "I" : "H", X12Writer.Amount(total), "C", total > 0 ? "ACH" : "NON", total > 0 ? "CCP" : "", "", "", "", "", "", "", "", "", "", "", date);
        w.Segment("TRN", "1", trace, "1" + payerTaxId);
        w.Segment("DTM", "405", date);
        w.Segment("N1", "PR", X12Writer.Clean(payerName));
        w.Segment("N1", "PE", X12Writer.Clean(payeeName), "XX", payeeNpi);
        w.Segment("LX", "1");
        foreach (var a in answers)
        {
            var c = a.Claim;
            // A reversal (22) repeats the answer it takes back with every amount negated, the charges included.
            var sign = a.Status == "22" ? -1 : 1;
            w.Segment("CLP", c.Number, a.Status, X12Writer.Amount(sign * c.Total), X12Writer.Amount(a.Paid), X12Writer.Amount(a.PatientResponsibility),
                c.Type == Payers.ClaimType.Institutional ? "MA" : "12", a.PayerClaimNumber, c.Type == Payers.ClaimType.Institutional ? "13" : "11", c.Frequency);
            w.Segment("NM1", "QC", "1", X12Writer.Clean(a.PatientLast), X12Writer.Clean(a.PatientFirst), "", "", "", "MI", a.MemberId);
            w.Segment("DTM", "232", X12Writer.Date(c.From));
            w.Segment("DTM", "233", X12Writer.Date(c.To));
            foreach (var l in a.Lines)
            {
                var line = l.Line;
                w.Segment("SVC", X12Writer.Composite("HC", line.Code, line.Modifier), X12Writer.Amount(sign * line.Amount), X12Writer.Amount(l.Paid),
                    c.Type == Payers.ClaimType.Institutional ? line.RevenueCode : "", line.Units.ToString());
                w.Segment("DTM", "472", X12Writer.Date(line.ServiceDate));
                foreach (var g in l.Adjustments.GroupBy(x => x.Group))
                    w.Segment("CAS", [g.Key, .. g.SelectMany(x => new[] { x.Reason, X12Writer.Amount(x.Amount), "" }).SkipLast(1)]);
                w.Segment("REF", "6R", line.Id.ToString("N"));
                w.Segment("AMT", "B6", X12Writer.Amount(sign * line.Amount - l.Adjustments.Where(x => x.Group != "PR").Sum(x => x.Amount)));
            }
        }
        w.Segment("SE", (w.Counted + 1).ToString(), "0001");
        w.Segment("GE", "1", controlNumber.ToString());
        w.Segment("IEA", "1", icn);
        return w.ToString();
    }
}
