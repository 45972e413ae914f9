using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Admissions.Actions;

/// <summary>
/// Record an inquiry intake took by phone, a referral or a walk-in: a new lead at the Inquiry stage,
/// and intake is told. Called by the "Record an inquiry" page and POST /api/admissions/leads.
/// </summary>
public static class RecordInquiry
{
    public static async Task<Result<AdmissionCase>> RunAsync(TrellisDbContext db, InquiryInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageAdmissions)) return LeadRules.NotAllowed;
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        if (await Pipeline.CheckProgramAsync(db, input.ProgramId, ct) is { } wrongProgram) return wrongProgram;
        // Only the public form sends web inquiries; staff record what came by phone unless they say otherwise.
        if (input.Source == InquirySource.WebForm) input.Source = InquirySource.Phone;
        var lead = Pipeline.Create(db, input);
        await Pipeline.NotifyIntakeAsync(db, lead, ct);
        await db.SaveChangesAsync(ct);
        return lead;
    }
}
