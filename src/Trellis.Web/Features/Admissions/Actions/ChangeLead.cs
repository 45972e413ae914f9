namespace Trellis.Web.Features.Admissions.Actions;

/// <summary>
/// Correct a lead's contact details and what they are looking for, from the version the person saw.
/// The program changes here only while the lead has no chart (then it is the chart's). Called by the
/// lead's edit page and PUT /api/admissions/leads/{id}.
/// </summary>
public static class ChangeLead
{
    public static async Task<Result<AdmissionCase>> RunAsync(TrellisDbContext db, Guid leadId, InquiryInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await Pipeline.LoadAsync(db, leadId, ct) is not { } lead) return LeadRules.NotFound;
        if (!db.Me.May(Auth.Permissions.ManageAdmissions)) return LeadRules.NotAllowed;
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        if (expected.Check(lead.Version) is { } stale) return stale;
        if (input.ProgramId != lead.ProgramId)
        {
            if (lead.ParticipantId is not null) return Refusal.Invalid("programId", "This lead has a chart; its program is changed in the chart.");
            if (await Pipeline.CheckProgramAsync(db, input.ProgramId, ct) is { } wrongProgram) return wrongProgram;
        }
        Pipeline.UpdateDetails(lead, input);
        return await db.SaveOrStaleAsync(lead, ct) is { } lost ? lost : lead;
    }
}
