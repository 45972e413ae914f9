using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.CaseManagement.Actions;

/// <summary>
/// Refer the participant to a community resource of the directory (an active one) or a named outside
/// service, and raise a follow-up task for their case manager. Called by the referral page and
/// POST /api/participants/{id}/referrals.
/// </summary>
public static class MakeReferral
{
    public static async Task<Result<Referral>> RunAsync(TrellisDbContext db, Guid participantId, ReferralInput input, CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (await ClinicalStaff.AllowedAsync(db, Permissions.CaseManagement, ct) is not { } by)
            return Refusal.Forbidden("Referrals are made by case managers, clinicians and program directors.");
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (input.ReferredOn > participant.Today(db.Now)) errors["referredOn"] = ["The referral date is in the future."];
        CommunityResource? resource = null;
        if (input.CommunityResourceId is { } rid)
        {
            resource = await db.Set<CommunityResource>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == rid, ct);
            if (resource is null) errors["communityResourceId"] = ["That resource is not in the directory."];
            else if (!resource.IsActive) errors["communityResourceId"] = [$"{resource.Name} is marked inactive in the directory; choose another."];
        }
        if (errors.Count > 0) return Refusal.Invalid(errors);
        var referral = new Referral
        {
            ParticipantId = participant.Id, CommunityResourceId = resource?.Id, ResourceName = resource?.Name ?? input.ResourceName!.Trim(),
            Need = input.Need, ReferredOn = input.ReferredOn!.Value, Reason = input.Reason!.Trim(), Status = ReferralStatus.Made,
            ReferredByStaffId = by.Id, ReferredByName = ClinicalStaff.SignatureName(by),
        };
        db.Set<Referral>().Add(referral);
        CareTasks.Raise(db, participant.Id, CareTaskKinds.Referral, Short($"Follow up on the referral to {referral.ResourceName}"),
            input.FollowUpOn ?? referral.ReferredOn.AddDays(7), participant.CaseManagerId ?? by.Id,
            detail: $"Did {participant.FirstName} connect? Record the outcome on the referral. Reason: {referral.Reason}",
            sourceType: nameof(Referral), sourceId: referral.Id);
        await db.SaveChangesAsync(ct);
        return referral;
    }

    private static string Short(string s) => s.Length <= 200 ? s : s[..199] + "…";
}
