using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.CaseManagement.Actions;

/// <summary>
/// Record where a referral stands, from the version last seen; a final outcome (connected, declined, could
/// not connect, closed) closes its follow-up task. Called by the referral page and PUT /api/referrals/{id}.
/// </summary>
public static class RecordReferralOutcome
{
    public static async Task<Result<Referral>> RunAsync(TrellisDbContext db, Guid referralId, ReferralOutcomeInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Set<Referral>().FirstOrDefaultAsync(r => r.Id == referralId, ct) is not { } referral) return Refusal.NotFound("referral");
        if (!db.Me.May(Permissions.CaseManagement)) return Refusal.Forbidden("Referrals are followed by case managers, clinicians and program directors.");
        if (expected.Check(referral.Version) is { } stale) return stale;
        var participant = (await Charts.FindAsync(db, referral.ParticipantId, ct))!;
        var today = participant.Today(db.Now);
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (input.OutcomeOn is { } on && (on > today || on < referral.ReferredOn))
            errors["outcomeOn"] = [$"The outcome date is between the referral ({referral.ReferredOn:MMM d}) and today."];
        if (errors.Count > 0) return Refusal.Invalid(errors);
        referral.Status = input.Status!.Value;
        referral.Outcome = ClinicalText.Clean(input.Outcome);
        referral.OutcomeOn = referral.IsOpen ? input.OutcomeOn : input.OutcomeOn ?? today;
        if (!referral.IsOpen)
        {
            var tasks = await db.Tasks.Where(t => t.SourceType == nameof(Referral) && t.SourceId == referral.Id && t.Status == CareTaskStatus.Open).ToListAsync(ct);
            foreach (var t in tasks) CareTasks.Complete(db, t, $"{Referral.StatusText(referral.Status)}: {referral.Outcome}");
        }
        if (!await Concurrency.SaveIfUnchangedAsync(db, referral, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        return referral;
    }
}
