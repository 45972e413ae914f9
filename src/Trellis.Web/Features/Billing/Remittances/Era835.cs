using Trellis.Web.Features.Billing.X12;

namespace Trellis.Web.Features.Billing.Remittances;

public sealed record Adjustment(string Group, string Reason, decimal Amount);

public sealed record ServicePayment(int Position, string Code, string? Modifier, string? RevenueCode, decimal Charge, decimal Paid, int Units, DateOnly? Date,
    string? LineControl, List<Adjustment> Adjustments, List<string> Remarks);

public sealed record ClaimPayment(int Position, string PatientControlNumber, string Status, decimal Charge, decimal Paid, decimal PatientResponsibility,
    string? PayerClaimNumber, string? PatientName, List<Adjustment> Adjustments, List<string> Remarks, List<ServicePayment> Services);

public sealed record Era(string PayerName, string TraceNumber, DateOnly PaymentDate, decimal TotalPaid, string Method, decimal ProviderAdjustments, List<ClaimPayment> Claims);

/// <summary>
/// Reads an 835 (005010X221A1) into payments: the payment (BPR, TRN, payer), then each claim (CLP with its
/// CAS, NM1, MOA/MIA remarks) and its service lines (SVC, DTM*472, CAS, REF*6R, LQ). The payment must balance:
/// BPR02 equals the claims' CLP04 less the provider adjustments (PLB), and each line's charge less its
/// adjustments equals its payment. Every fault names the segment and element.
/// </summary>
public static class Era835
{
    private static readonly HashSet<string> ClaimStatuses = ["1", "2", "3", "4", "19", "20", "21", "22", "23", "25"];
    private static readonly HashSet<string> Groups = ["CO", "CR", "OA", "PI", "PR"];

    public static Era Read(string text)
    {
        var segments = X12Reader.Read(text);
        var gs = segments.First(s => s.Id == "GS");
        if (gs[1] != "HP") throw new X12Exception(gs.Position, "GS", "GS01", $"This is a '{gs[1]}' group, not a claim payment (HP); send the 835 file.");
        var st = segments.First(s => s.Id == "ST");
        if (st[1] != "835") throw new X12Exception(st.Position, "ST", "ST01", $"This is a {st[1]} transaction, not an 835.");
        if (!string.IsNullOrEmpty(st[3]) && st[3] != "005010X221A1")
            throw new X12Exception(st.Position, "ST", "ST03", $"Implementation guide {st[3]} is not 005010X221A1.");

        var bpr = Find(segments, "BPR") ?? throw new X12Exception(st.Position + 1, "BPR", null, "The financial information (BPR) segment is missing.");
        var total = bpr.Amount(2, "The total paid");
        var trn = Find(segments, "TRN") ?? throw new X12Exception(bpr.Position + 1, "TRN", null, "The reassociation trace number (TRN) segment is missing.");
        var trace = trn.Required(2, "The check or EFT trace number");
        var paidOn = bpr.Date(16, "The payment date (check issue or EFT effective date)");
        var payer = segments.FirstOrDefault(s => s.Id == "N1" && s[1] == "PR")?.Required(2, "The payer's name") ?? throw new X12Exception(trn.Position, "N1", "N101", "The payer identification (N1*PR) is missing.");

        var claims = new List<ClaimPayment>();
        ClaimPayment? claim = null;
        ServicePayment? service = null;
        decimal plb = 0;
        foreach (var s in segments)
        {
            switch (s.Id)
            {
                case "CLP":
                    var status = s.Required(2, "The claim status code");
                    if (!ClaimStatuses.Contains(status)) throw new X12Exception(s.Position, "CLP", "CLP02", $"'{status}' is not a claim status code (1, 2, 3, 4, 19-23, 25).");
                    claim = new ClaimPayment(s.Position, s.Required(1, "The patient control number"), status, s.Amount(3, "The claim charge"), s.Amount(4, "The claim payment"),
                        s.Amount(5, "The patient responsibility", required: false), string.IsNullOrEmpty(s[7]) ? null : s[7], null, [], [], []);
                    claims.Add(claim);
                    service = null;
                    break;
                case "CAS":
                    if (claim is null) throw new X12Exception(s.Position, "CAS", null, "An adjustment (CAS) appears before any claim (CLP).");
                    (service?.Adjustments ?? claim.Adjustments).AddRange(Adjustments(s));
                    break;
                case "NM1" when s[1] == "QC" && claim is not null && service is null:
                    claims[^1] = claim = claim with { PatientName = $"{s[4]} {s[3]}".Trim() };
                    break;
                case "MOA" or "MIA" when claim is not null:
                    claim.Remarks.AddRange(s.Elements.Skip(1).Where(e => e.Length > 0 && char.IsLetter(e[0])));
                    break;
                case "SVC":
                    if (claim is null) throw new X12Exception(s.Position, "SVC", null, "A service line (SVC) appears before any claim (CLP).");
                    var proc = s.Components(1);
                    if (proc.Length < 2 || proc[0] is not ("HC" or "NU" or "AD" or "ER" or "HP" or "IV" or "WK"))
                        throw new X12Exception(s.Position, "SVC", "SVC01", $"'{s[1]}' is not a procedure identifier such as HC:90853.");
                    var units = s[5].Length == 0 ? 1 : (int)s.Amount(5, "The units paid");
                    service = new ServicePayment(s.Position, proc[0] == "NU" ? "" : proc[1], proc.Length > 2 && proc[2].Length > 0 ? proc[2] : null,
                        proc[0] == "NU" ? proc[1] : (s[4].Length > 0 ? s[4] : null), s.Amount(2, "The line charge"), s.Amount(3, "The line payment"), units, null, null, [], []);
                    claim.Services.Add(service);
                    break;
                case "DTM" when service is not null && s[1] == "472":
                    claim!.Services[^1] = service = service with { Date = s.Date(2, "The service date") };
                    break;
                case "REF" when service is not null && s[1] == "6R":
                    claim!.Services[^1] = service = service with { LineControl = s[2] };
                    break;
                case "LQ" when service is not null:
                    service.Remarks.Add(s.Required(2, "The remark code"));
                    break;
                case "PLB":
                    for (var i = 3; i + 1 < s.Elements.Length; i += 2)
                        if (s[i].Length > 0) plb += s.Amount(i + 1, "The provider adjustment amount");
                    break;
            }
        }
        var sum = claims.Sum(c => c.Paid) - plb;
        if (sum != total)
            throw new X12Exception(bpr.Position, "BPR", "BPR02", $"The total paid {total:0.00} does not balance: the claims' payments less provider adjustments come to {sum:0.00}.");
        foreach (var c in claims)
            foreach (var l in c.Services)
            {
                var adjusted = l.Charge - l.Adjustments.Sum(a => a.Amount);
                if (adjusted != l.Paid)
                    throw new X12Exception(l.Position, "SVC", "SVC03", $"The line paid {l.Paid:0.00} does not balance with its charge {l.Charge:0.00} less adjustments ({adjusted:0.00}).");
            }
        return new Era(payer, trace, paidOn, total, bpr[4], plb, claims);
    }

    private static X12Segment? Find(List<X12Segment> segments, string id) => segments.FirstOrDefault(s => s.Id == id);

    private static IEnumerable<Adjustment> Adjustments(X12Segment s)
    {
        var group = s.Required(1, "The adjustment group code");
        if (!Groups.Contains(group)) throw new X12Exception(s.Position, "CAS", "CAS01", $"'{group}' is not an adjustment group (CO, CR, OA, PI, PR).");
        for (var i = 2; i + 1 < s.Elements.Length || i == 2; i += 3)
        {
            if (s[i].Length == 0) { if (i == 2) throw new X12Exception(s.Position, "CAS", "CAS02", "The adjustment reason code is missing."); continue; }
            yield return new Adjustment(group, s[i], s.Amount(i + 1, "The adjustment amount"));
        }
    }
}
