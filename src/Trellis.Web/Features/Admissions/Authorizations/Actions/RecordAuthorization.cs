using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Admissions.Authorizations.Actions;

/// <summary>
/// Record a payer's authorization for a participant: days or units per level of care, dates, status
/// and reviewer. Called by the authorization page and POST /api/participants/{id}/authorizations.
/// </summary>
public static class RecordAuthorization
{
    public static async Task<Result<InsuranceAuthorization>> RunAsync(TrellisDbContext db, Guid participantId, AuthorizationInput input, CancellationToken ct = default)
    {
        if (await Admission.Admitting.FindChartAsync(db, participantId, ct) is null) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.ManageAuthorizations)) return ChangeAuthorization.NotAllowed;
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        var authorization = new InsuranceAuthorization { ParticipantId = participantId };
        input.ApplyTo(authorization);
        db.Add(authorization);
        await db.SaveChangesAsync(ct);
        return authorization;
    }
}
