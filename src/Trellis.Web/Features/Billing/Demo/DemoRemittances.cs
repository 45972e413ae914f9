using Bogus;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Remittances;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Web.Features.Billing.Demo;

/// <summary>
/// What the demo's payers answer for the claims sent: Medicare pays the IOP tier less 20 % coinsurance,
/// the others an allowed share less the patient's part; one commercial claim is denied for a missing
/// authorization, so the work queue has a denial to work.
/// </summary>
internal static class DemoRemittances
{
    public static async Task<List<string>> ForSentAsync(TrellisDbContext db, Faker f, DateOnly paidOn, CancellationToken ct)
    {
        var clinic = await db.Set<BillingIdentity>().AsNoTracking().FirstAsync(ct);
        var claims = await db.Set<Claim>().AsNoTracking().Include(c => c.Lines).Include(c => c.Participant).Include(c => c.Payer)
            .Where(c => c.Status == ClaimStatus.Sent).OrderBy(c => c.Number).ToListAsync(ct);
        var coverageIds = claims.Select(c => c.CoverageId).ToList();
        var members = await db.Set<PayerCoverage>().AsNoTracking().Where(c => coverageIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.MemberId ?? "", ct);
        var chargeIds = claims.SelectMany(c => c.Lines.Select(l => l.ChargeId)).Distinct().ToList();
        var expected = await db.Set<Charge>().AsNoTracking().Where(c => chargeIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => (c.Expected, c.Amount), ct);
        var files = new List<string>();
        var denied = false;
        var control = 700000L;
        foreach (var group in claims.GroupBy(c => c.Payer!))
        {
            var answers = new List<ClaimAnswer>();
            foreach (var c in group)
            {
                var deny = !denied && group.Key.Kind == PayerKind.Commercial;
                denied |= deny;
                var lines = c.Lines.OrderBy(l => l.Number).Select(l => deny
                    ? new LineAnswer(l, 0, [new Adjustment("CO", "197", l.Amount)])
                    : Pay(l, group.Key, expected.GetValueOrDefault(l.ChargeId))).ToList();
                answers.Add(new ClaimAnswer(c, deny ? "4" : "1", c.Participant!.LegalLastName, c.Participant.LegalFirstName, members.GetValueOrDefault(c.CoverageId, ""),
                    f.Random.Replace("##############"), lines));
            }
            files.Add(Era835Writer.Write(group.Key.Name, "99" + f.Random.Replace("#######"), clinic.Name, clinic.Npi, f.Random.Replace("EFT#########"), paidOn, answers, ++control));
        }
        return files;
    }

    /// <summary>Allowed, paid and the patient's share of one line; each line balances by construction (charge − CO − PR = paid).</summary>
    private static LineAnswer Pay(ClaimLine line, Payer payer, (decimal? Expected, decimal Amount) charge)
    {
        var allowedShare = payer.Kind == PayerKind.Medicare && charge.Expected is { } e && charge.Amount > 0 ? e / charge.Amount : 0.85m;
        var allowed = Math.Round(line.Amount * Math.Min(1, allowedShare), 2);
        var patientShare = payer.Kind switch { PayerKind.Medicare => 0.20m, PayerKind.Medicaid => 0m, _ => 0.10m };
        var patient = Math.Round(allowed * patientShare, 2);
        var adjustments = new List<Adjustment>();
        if (line.Amount - allowed != 0) adjustments.Add(new Adjustment("CO", "45", line.Amount - allowed));
        if (patient != 0) adjustments.Add(new Adjustment("PR", payer.Kind == PayerKind.Medicare ? "2" : "3", patient));
        return new LineAnswer(line, allowed - patient, adjustments);
    }
}
