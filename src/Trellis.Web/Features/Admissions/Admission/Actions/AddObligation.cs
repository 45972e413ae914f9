using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Admissions.Admission.Actions;

/// <summary>
/// Record a weekly obligation (a shift, a school run, caring) that treatment has to fit around. Called by
/// the admission tab and POST /api/participants/{id}/obligations.
/// </summary>
public static class AddObligation
{
    public static async Task<Result<WeeklyObligation>> RunAsync(TrellisDbContext db, Guid participantId, ObligationInput input, CancellationToken ct = default)
    {
        if (await Admitting.FindChartAsync(db, participantId, ct) is null) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.AdmissionRecords)) return AdmissionRules.NotAllowed;
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        var obligation = Admitting.AddObligation(db, participantId, input);
        await db.SaveChangesAsync(ct);
        return obligation;
    }
}
