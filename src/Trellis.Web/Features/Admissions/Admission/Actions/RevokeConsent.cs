using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Admissions.Admission.Actions;

/// <summary>
/// Record that the participant revoked a consent (on a day, today by default). It is kept, marked
/// revoked, never deleted. Called by the admission tab and POST /api/participants/{id}/consents/{consentId}/revoke.
/// </summary>
public static class RevokeConsent
{
    public static async Task<Result<DisclosureConsent>> RunAsync(TrellisDbContext db, Guid participantId, Guid consentId, RevokeInput input,
        CancellationToken ct = default)
    {
        var consent = await db.Set<DisclosureConsent>().Include(c => c.Participant!).ThenInclude(p => p.Program)
            .FirstOrDefaultAsync(c => c.Id == consentId && c.ParticipantId == participantId, ct);
        if (consent is null) return Refusal.NotFound("consent");
        if (!db.Me.May(Permissions.AdmissionRecords)) return AdmissionRules.NotAllowed;
        if (consent.RevokedOn is not null) return Refusal.Invalid("consent", $"This consent was already revoked on {consent.RevokedOn:MMM d, yyyy}.");
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        var on = input.RevokedOn ?? consent.Participant!.Today(db.Now);
        if (on < consent.SignedOn) return Refusal.Invalid("revokedOn", "A consent cannot be revoked before it was signed.");
        consent.RevokedOn = on;
        consent.RevocationNote = Pipeline.Clean(input.Note);
        await db.SaveChangesAsync(ct);
        return consent;
    }
}
