using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Admissions.Admission.Actions;

/// <summary>
/// Record a signed consent to disclose with every element the rules require (42 CFR 2.31 for a Part 2
/// consent, which only a Part 2 program records). Called by the consent form and POST /api/participants/{id}/consents.
/// </summary>
public static class RecordConsent
{
    public static async Task<Result<DisclosureConsent>> RunAsync(TrellisDbContext db, Guid participantId, ConsentInput input, CancellationToken ct = default)
    {
        if (await Admitting.FindChartAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.AdmissionRecords)) return AdmissionRules.NotAllowed;
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        if (input.Kind == ConsentKind.Part2 && participant.Program?.IsPart2 != true)
            return Refusal.Invalid("kind", $"{participant.Program?.Name} is not a 42 CFR Part 2 program; record a release of information instead.");
        var consent = OrientationRecords.AddConsent(db, participantId, input);
        await db.SaveChangesAsync(ct);
        return consent;
    }
}
