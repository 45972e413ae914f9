using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.CaseManagement;

public static class SaveCaseManagement
{
    public static (NeedsAssessment? Assessment, Dictionary<string, string[]> Errors) AddAssessment(TrellisDbContext db, Participant participant,
        NeedsAssessmentInput input, StaffMember by, DateOnly today)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (input.AssessedOn > today) errors["assessedOn"] = ["The assessment date is in the future."];
        if (errors.Count > 0) return (null, errors);
        var a = new NeedsAssessment
        {
            ParticipantId = participant.Id, AssessedOn = input.AssessedOn!.Value, Summary = ClinicalText.Clean(input.Summary),
            AssessedByStaffId = by.Id, AssessedByName = ClinicalStaff.SignatureName(by),
            Needs = input.Needs.OrderBy(n => n.Domain).Select(n => new NeedRating { Domain = n.Domain, Level = n.Level, Note = ClinicalText.Clean(n.Note) }).ToList(),
        };
        db.Set<NeedsAssessment>().Add(a);
        return (a, []);
    }

    public static async Task<(Referral? Referral, Dictionary<string, string[]> Errors)> AddReferralAsync(TrellisDbContext db, Participant participant,
        ReferralInput input, StaffMember by, DateOnly today, CancellationToken ct = default)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (input.ReferredOn > today) errors["referredOn"] = ["The referral date is in the future."];
        CommunityResource? resource = null;
        if (input.CommunityResourceId is { } rid)
        {
            resource = await db.Set<CommunityResource>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == rid, ct);
            if (resource is null) errors["communityResourceId"] = ["That resource is not in the directory."];
            else if (!resource.IsActive) errors["communityResourceId"] = [$"{resource.Name} is marked inactive in the directory; choose another."];
        }
        if (errors.Count > 0) return (null, errors);
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
        return (referral, []);
    }

    /// <summary>Records where a referral stands; a final outcome closes its follow-up task.</summary>
    public static async Task<Dictionary<string, string[]>> RecordOutcomeAsync(TrellisDbContext db, Referral referral, ReferralOutcomeInput input, DateOnly today, CancellationToken ct = default)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (input.OutcomeOn is { } on && (on > today || on < referral.ReferredOn))
            errors["outcomeOn"] = [$"The outcome date is between the referral ({referral.ReferredOn:MMM d}) and today."];
        if (errors.Count > 0) return errors;
        referral.Status = input.Status!.Value;
        referral.Outcome = ClinicalText.Clean(input.Outcome);
        referral.OutcomeOn = referral.IsOpen ? input.OutcomeOn : input.OutcomeOn ?? today;
        if (!referral.IsOpen)
        {
            var tasks = await db.Tasks.Where(t => t.SourceType == nameof(Referral) && t.SourceId == referral.Id && t.Status == CareTaskStatus.Open).ToListAsync(ct);
            foreach (var t in tasks) CareTasks.Complete(db, t, $"{StatusText(referral.Status)}: {referral.Outcome}");
        }
        return [];
    }

    public static string StatusText(ReferralStatus s) => s switch
    {
        ReferralStatus.Made => "Referred",
        ReferralStatus.Scheduled => "Appointment scheduled",
        ReferralStatus.Connected => "Connected",
        ReferralStatus.Declined => "Declined",
        ReferralStatus.NotReached => "Could not connect",
        _ => "Closed",
    };

    private static string Short(string s) => s.Length <= 200 ? s : s[..199] + "…";
}
