using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Web.Features.Billing.Claims;

/// <summary>
/// The claim check a clearinghouse would run first, in words: what a payer rejects before reading a claim.
/// A claim with problems stays a draft; one without is ready to send.
/// </summary>
public static class ClaimCheck
{
    public static async Task RunAsync(TrellisDbContext db, Claim claim, Payer payer, CancellationToken ct)
    {
        var problems = new List<string>();
        var coverage = await db.Set<PayerCoverage>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == claim.CoverageId, ct);
        var participant = await db.Participants.AsNoTracking().FirstAsync(p => p.Id == claim.ParticipantId, ct);
        if (coverage?.MemberId is null) problems.Add("The coverage has no member id.");
        if (claim.Diagnoses.Count == 0) problems.Add("The chart has no diagnosis; a claim needs at least the principal ICD-10-CM code.");
        if (string.IsNullOrWhiteSpace(participant.AddressLine) || string.IsNullOrWhiteSpace(participant.City) || string.IsNullOrWhiteSpace(participant.PostalCode))
            problems.Add("The participant's address is incomplete (street, city and ZIP code are sent to the payer).");
        if (claim.Lines.Count == 0) problems.Add("The claim has no lines.");
        if (claim.Lines.Any(l => string.IsNullOrEmpty(l.Code))) problems.Add("A line has no procedure code.");
        if (claim.Type == ClaimType.Institutional && claim.Lines.Any(l => string.IsNullOrEmpty(l.RevenueCode))) problems.Add("An institutional line has no revenue code.");
        var staff = claim.Lines.Select(l => l.RenderingStaffId).Append(claim.Type == ClaimType.Institutional ? claim.AttendingStaffId : null)
            .Where(s => s is not null).Select(s => s!.Value).Distinct().ToList();
        var withNpi = await db.Set<RenderingProvider>().AsNoTracking().Where(r => staff.Contains(r.StaffMemberId)).Select(r => r.StaffMemberId).ToListAsync(ct);
        foreach (var missing in staff.Except(withNpi))
        {
            var name = await db.Staff.AsNoTracking().Where(s => s.Id == missing).Select(s => s.FirstName + " " + s.LastName).FirstOrDefaultAsync(ct);
            problems.Add($"{name} has no NPI on file (Billing › Clinicians).");
        }
        if (claim.Type == ClaimType.Institutional && claim.AttendingStaffId is null) problems.Add("No attending clinician: give the participant a primary clinician.");
        claim.Problems = problems;
        claim.Status = problems.Count == 0 ? ClaimStatus.Ready : ClaimStatus.Draft;
    }
}
