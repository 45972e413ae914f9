namespace Trellis.Web.Features.Admissions.Actions;

/// <summary>
/// Move a lead to another stage: on through the pipeline, or to an outcome (referred elsewhere, closed)
/// or the waitlist, each with its reason. Admission is not a move (<see cref="Admission.Actions.Admit"/>).
/// A pre-admission chart's status follows the stage. Called by the lead page and POST /api/admissions/leads/{id}/move.
/// </summary>
public static class MoveLead
{
    public static async Task<Result<AdmissionCase>> RunAsync(TrellisDbContext db, Guid leadId, MoveInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await Pipeline.LoadAsync(db, leadId, ct) is not { } lead) return LeadRules.NotFound;
        if (!db.Me.May(Auth.Permissions.ManageAdmissions)) return LeadRules.NotAllowed;
        if (expected.CheckIfSent(lead.Version) is { } stale) return stale;
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        if (await Pipeline.CheckMoveAsync(db, lead, input, ct) is { } refused) return refused;
        await Pipeline.MoveAsync(db, lead, input, ct);
        return await db.SaveOrStaleAsync(lead, ct) is { } lost ? lost : lead;
    }
}
