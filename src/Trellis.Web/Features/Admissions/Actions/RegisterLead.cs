namespace Trellis.Web.Features.Admissions.Actions;

/// <summary>
/// Open a chart for a lead (or link the chart a returning person already has) and start screening.
/// Called by the lead page and POST /api/admissions/leads/{id}/register.
/// </summary>
public static class RegisterLead
{
    public static async Task<Result<AdmissionCase>> RunAsync(TrellisDbContext db, Guid leadId, RegisterInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await Pipeline.LoadAsync(db, leadId, ct) is not { } lead) return LeadRules.NotFound;
        if (!db.Me.May(Auth.Permissions.ManageAdmissions)) return LeadRules.NotAllowed;
        if (expected.CheckIfSent(lead.Version) is { } stale) return stale;
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        if ((await Registration.RegisterAsync(db, lead, input, ct)).Refusal is { } refused) return refused;
        return await db.SaveOrStaleAsync(lead, ct) is { } lost ? lost : lead;
    }
}
