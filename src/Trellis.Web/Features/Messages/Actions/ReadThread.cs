using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Messages.Actions;

/// <summary>
/// Opens a participant's thread, oldest first: the participant their own, their clinical care team any in their
/// programs (another chart is a 404 through the scope filter). Opening it marks the other side's messages read and is
/// audited. The API's GET and the portal, chart and inbox pages all call it.
/// </summary>
public static class ReadThread
{
    public const int Limit = 500;

    public static async Task<Result<List<SecureMessage>>> RunAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == participantId, ct)) return Refusal.NotFound("participant");
        var own = db.Me.ParticipantId == participantId;
        if (!own && !db.Me.May(Permissions.ReadClinical)) return Refusal.Forbidden("Only the participant and their clinical care team read this thread.");
        var messages = await db.Set<SecureMessage>().Include(m => m.Attachment).Where(m => m.ParticipantId == participantId).OrderByDescending(m => m.SentAt).Take(Limit).ToListAsync(ct);
        messages.Reverse();
        foreach (var m in messages.Where(m => m.ReadAt is null && m.FromParticipant != own)) m.ReadAt = db.Now;
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        await db.AuditReadAsync(nameof(SecureMessage), messages.Select(m => ((object)m.Id, (Guid?)participantId)), "message thread", ct);
        return messages;
    }
}
