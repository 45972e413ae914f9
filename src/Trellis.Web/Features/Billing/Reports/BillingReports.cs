using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Billing.Accounts;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Remittances;

namespace Trellis.Web.Features.Billing.Reports;

[CsvHelper.CsvRecord] public sealed partial record AgingRow(string Payer, decimal Days0To30, decimal Days31To60, decimal Days61To90, decimal Over90, decimal Total, int Claims);
[CsvHelper.CsvRecord] public sealed partial record DenialRow(string Reason, string Text, int Claims, decimal Amount);
[CsvHelper.CsvRecord] public sealed partial record MonthRow(string Program, string Month, decimal Charges, decimal Payments, decimal Adjustments, decimal PatientPayments);
[CsvHelper.CsvRecord] public sealed partial record HeldRow(string Reason, string Text, int Charges, decimal Amount);

/// <summary>
/// The four billing reports, each read through the caller's scope (claims, charges and remittance details are
/// participant records): accounts receivable aging by payer, denials by reason, money by program and month,
/// and held charges by reason. Pages, the API and CSV all read these.
/// </summary>
public static class BillingReports
{
    /// <summary>Open balances of live claims sent to payers, by days since sent: 0–30, 31–60, 61–90, over 90.</summary>
    public static async Task<List<AgingRow>> AgingAsync(TrellisDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var open = await db.Set<Claim>().AsNoTracking().Where(c => c.ReplacedByClaimId == null && c.SentAt != null
                && c.Status != ClaimStatus.Void && c.Status != ClaimStatus.Draft && c.Status != ClaimStatus.Ready)
            .Select(c => new { Payer = c.Payer!.Name, c.SentAt, c.Total, c.PriorPayerAmount, c.Paid, c.Adjusted, c.PatientResponsibility }).ToListAsync(ct);
        return open.Select(c => new { c.Payer, Age = today.DayNumber - DateOnly.FromDateTime(c.SentAt!.Value.UtcDateTime).DayNumber, Balance = c.Total - c.PriorPayerAmount - c.Paid - c.Adjusted - c.PatientResponsibility })
            .Where(c => c.Balance > 0).GroupBy(c => c.Payer).OrderBy(g => g.Key)
            .Select(g => new AgingRow(g.Key, g.Where(c => c.Age <= 30).Sum(c => c.Balance), g.Where(c => c.Age is > 30 and <= 60).Sum(c => c.Balance),
                g.Where(c => c.Age is > 60 and <= 90).Sum(c => c.Balance), g.Where(c => c.Age > 90).Sum(c => c.Balance), g.Sum(c => c.Balance), g.Count())).ToList();
    }

    /// <summary>Adjustments that are not the ordinary contractual write-down or patient share, by reason code (a payment the payer reversed no longer counts).</summary>
    public static async Task<List<DenialRow>> DenialsAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var posted = await db.Set<RemittanceClaim>().AsNoTracking().Where(r => r.StatusCode != RemittanceClaim.Reversal && r.ReversedById == null).Select(r => new { r.ClaimId, r.Adjustments }).ToListAsync(ct);
        return posted.SelectMany(p => p.Adjustments.Where(a => !ReasonCodes.IsOrdinary(a.Group, a.Reason)).Select(a => (p.ClaimId, a)))
            .GroupBy(x => x.a.Group + "-" + x.a.Reason).OrderByDescending(g => g.Sum(x => x.a.Amount))
            .Select(g => new DenialRow(g.Key, ReasonCodes.Reason(g.First().a.Reason), g.Select(x => x.ClaimId).Distinct().Count(), g.Sum(x => x.a.Amount))).ToList();
    }

    /// <summary>Charges by month of service; payer payments and adjustments by month paid; patients' payments by month paid.</summary>
    public static async Task<List<MonthRow>> ByMonthAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var programs = await db.Programs.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var charges = await db.Set<Charge>().AsNoTracking().Where(c => c.Status != ChargeStatus.Void).Select(c => new { c.ProgramId, c.ServiceDate, c.Amount }).ToListAsync(ct);
        var paid = await (from r in db.Set<RemittanceClaim>().AsNoTracking()
                          join c in db.Set<Claim>() on r.ClaimId equals c.Id
                          join m in db.Set<Remittance>() on r.RemittanceId equals m.Id
                          select new { c.ProgramId, m.PaymentDate, r.Paid, r.Charge, r.PatientResponsibility, c.PriorPayerAmount, r.StatusCode }).ToListAsync(ct);
        var patients = await db.Set<AccountEntry>().AsNoTracking().Where(e => e.Kind == AccountEntryKind.Payment)
            .Select(e => new { e.Participant!.ProgramId, e.On, e.Amount }).ToListAsync(ct);
        static string Month(DateOnly d) => d.ToString("yyyy-MM");
        var keys = charges.Select(c => (c.ProgramId, Month(c.ServiceDate))).Concat(paid.Select(p => (p.ProgramId, Month(p.PaymentDate))))
            .Concat(patients.Select(p => (p.ProgramId, Month(p.On)))).Distinct();
        return keys.Select(k => new MonthRow(programs.GetValueOrDefault(k.ProgramId, "?"), k.Item2,
                charges.Where(c => c.ProgramId == k.ProgramId && Month(c.ServiceDate) == k.Item2).Sum(c => c.Amount),
                paid.Where(p => p.ProgramId == k.ProgramId && Month(p.PaymentDate) == k.Item2).Sum(p => p.Paid),
                paid.Where(p => p.ProgramId == k.ProgramId && Month(p.PaymentDate) == k.Item2).Sum(p => p.StatusCode == RemittanceClaim.Reversal
                    // A reversal's amounts are the original's negated, except the prior payer's part: it takes the original's adjustments back in its own month.
                    ? p.Charge + p.PriorPayerAmount - p.Paid - p.PatientResponsibility
                    : p.Charge - p.PriorPayerAmount - p.Paid - p.PatientResponsibility),
                -patients.Where(p => p.ProgramId == k.ProgramId && Month(p.On) == k.Item2).Sum(p => p.Amount)))
            .OrderBy(r => r.Program).ThenBy(r => r.Month).ToList();
    }

    public static async Task<List<HeldRow>> HeldAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var held = await db.Set<Charge>().AsNoTracking().Where(c => c.Status == ChargeStatus.Held).Select(c => new { c.Holds, c.Amount }).ToListAsync(ct);
        return held.SelectMany(c => c.Holds.Select(h => h.Code).Distinct().Select(code => (code, c.Amount))).GroupBy(x => x.code)
            .OrderByDescending(g => g.Count()).Select(g => new HeldRow(g.Key, HoldReasons.Label(g.Key), g.Count(), g.Sum(x => x.Amount))).ToList();
    }

    /// <summary>The rows as CSV (RFC 4180, a header line of the property names).</summary>
    public static string Csv<T>(IEnumerable<T> rows)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var csv = CsvHelper.CsvWriter.Create(writer, null, leaveOpen: true))
            csv.WriteRecords(rows);
        return writer.ToString();
    }
}
