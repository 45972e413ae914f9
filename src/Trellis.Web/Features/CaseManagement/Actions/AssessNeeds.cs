using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.CaseManagement.Actions;

/// <summary>
/// Record a needs assessment: a rating for every life domain (housing, employment, transport, childcare,
/// legal, finances, benefits), a significant or urgent need described. A reassessment is a new record, so
/// the history shows needs being met. Called by the needs page and POST /api/participants/{id}/needs-assessments.
/// </summary>
public static class AssessNeeds
{
    public static async Task<Result<NeedsAssessment>> RunAsync(TrellisDbContext db, Guid participantId, NeedsAssessmentInput input, CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (await ClinicalStaff.AllowedAsync(db, Permissions.CaseManagement, ct) is not { } by)
            return Refusal.Forbidden("Needs are assessed by case managers, clinicians and program directors.");
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (input.AssessedOn > participant.Today(db.Now)) errors["assessedOn"] = ["The assessment date is in the future."];
        if (errors.Count > 0) return Refusal.Invalid(errors);
        var a = new NeedsAssessment
        {
            ParticipantId = participant.Id, AssessedOn = input.AssessedOn!.Value, Summary = ClinicalText.Clean(input.Summary),
            AssessedByStaffId = by.Id, AssessedByName = ClinicalStaff.SignatureName(by),
            Needs = input.Needs.OrderBy(n => n.Domain).Select(n => new NeedRating { Domain = n.Domain, Level = n.Level, Note = ClinicalText.Clean(n.Note) }).ToList(),
        };
        db.Set<NeedsAssessment>().Add(a);
        await db.SaveChangesAsync(ct);
        return a;
    }
}
