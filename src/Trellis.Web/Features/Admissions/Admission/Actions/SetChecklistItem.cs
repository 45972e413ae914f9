using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Admissions.Admission.Actions;

/// <summary>
/// Tick or untick an item of the orientation checklist, with who and when. A Part 2 consent is never
/// ticked by hand: a valid consent record satisfies it. Called by the admission tab and
/// PUT /api/participants/{id}/orientation/{item}.
/// </summary>
public static class SetChecklistItem
{
    public static async Task<Result<OrientationStep>> RunAsync(TrellisDbContext db, Guid participantId, OrientationItem item, ChecklistUpdate input,
        CancellationToken ct = default)
    {
        if (await Admitting.FindChartAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.AdmissionRecords)) return AdmissionRules.NotAllowed;
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        var (step, refused) = await OrientationRecords.SetAsync(db, participant, item, input.Done, input.Note, ct);
        if (refused is not null) return refused;
        await db.SaveChangesAsync(ct);
        return step!;
    }
}
