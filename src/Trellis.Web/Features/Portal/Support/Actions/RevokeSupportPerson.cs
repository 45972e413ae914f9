using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Portal.Support.Actions;

/// <summary>
/// Ends a support person's access at once: the link and its consent are revoked (kept, never deleted) and every open
/// session of their account is closed, so their next request is refused; the session check would drop the participant
/// from their principal anyway. By the participant or their care team.
/// </summary>
public static class RevokeSupportPerson
{
    public static async Task<Result<SupportPerson>> RunAsync(TrellisDbContext db, Guid participantId, Guid supportId, CancellationToken ct = default)
    {
        var link = await db.Set<SupportPerson>().Include(s => s.Consent).Include(s => s.Participant!).ThenInclude(p => p.Program)
            .FirstOrDefaultAsync(s => s.Id == supportId && s.ParticipantId == participantId, ct);
        if (link is null) return Refusal.NotFound("support person");
        if (!db.Me.May(Permissions.InviteSupportPeople) || (db.Me.ParticipantId is { } me && me != participantId))
            return Refusal.Forbidden("Support people are revoked by the participant or their care team.");
        if (link.RevokedAt is not null) return Refusal.Conflict("Already revoked", $"{link.Name}'s access already ended.");
        link.RevokedAt = db.Now;
        link.RevokedBy = db.Me.DisplayName;
        if (link.Consent!.RevokedOn is null)
        {
            link.Consent.RevokedOn = link.Participant!.Today(db.Now);
            link.Consent.RevocationNote = $"Revoked in Trellis by {db.Me.DisplayName}; the support person's access ended.";
        }
        await SessionService.RevokeAllAsync(db, link.UserId, "support consent revoked", ct); // saves the revocation with the sessions
        return link;
    }
}
