namespace Trellis.Web.Features.Admissions.Actions;

/// <summary>
/// Give an open lead to an owner without moving it: to the caller ("Take this lead") when no owner is
/// named. The owner is an active intake coordinator, program director or clinician of the lead's
/// program. Called by the lead page and POST /api/admissions/leads/{id}/assign.
/// </summary>
public static class AssignLead
{
    public static async Task<Result<AdmissionCase>> RunAsync(TrellisDbContext db, Guid leadId, Guid? ownerStaffId, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await Pipeline.LoadAsync(db, leadId, ct) is not { } lead) return LeadRules.NotFound;
        if (!db.Me.May(Auth.Permissions.ManageAdmissions)) return LeadRules.NotAllowed;
        if (expected.CheckIfSent(lead.Version) is { } stale) return stale;
        var owner = ownerStaffId ?? db.Me.StaffId;
        if (owner is null || !await Pipeline.IsOwnerChoiceAsync(db, owner.Value, lead.ProgramId, ct))
            return Refusal.Invalid("ownerStaffId", ownerStaffId is null
                ? "Only intake coordinators, program directors and clinicians of this program can own a lead; choose who to give it to."
                : Pipeline.OwnerChoiceMessage);
        if (!lead.IsOpen) return Refusal.Invalid("lead", "This lead is closed; reopen it by moving it to an open stage.");
        await Pipeline.AssignAsync(db, lead, owner.Value, ct);
        return await db.SaveOrStaleAsync(lead, ct) is { } lost ? lost : lead;
    }
}
