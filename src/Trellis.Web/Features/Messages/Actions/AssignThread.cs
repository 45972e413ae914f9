using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notifications;

namespace Trellis.Web.Features.Messages.Actions;

/// <summary>Who of the care team answers the thread: a staff member's id, or null to give it back to the whole team.</summary>
public sealed class AssignThreadInput
{
    public Guid? StaffId { get; set; }
}

/// <summary>
/// Assigns a participant's thread to a member of their clinical care team (the caller themself or a colleague), or back
/// to the whole team. Only the clinical care team assigns; another chart is a 404. The first assignment needs no
/// version, later ones name the thread row's (If-Match; 412 when stale). The colleague is told by an in-app
/// notification. PUT /api/participants/{id}/messages/assignment and the chart's Messages tab call it.
/// </summary>
public static class AssignThread
{
    public static async Task<Result<MessageThread>> RunAsync(TrellisDbContext db, Guid participantId, AssignThreadInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.ReadClinical) || db.Me.StaffId is null) return Refusal.Forbidden("Only the participant's clinical care team assigns their messages.");
        var row = await db.Set<MessageThread>().FirstOrDefaultAsync(t => t.ParticipantId == participantId, ct);
        var current = row?.Version ?? 0;
        if ((row is not null || expected.Version is not null || expected.Malformed) && expected.Check(current) is { } stale) return stale;
        if (input.StaffId is { } staffId && (await MessageQueries.CareTeamAsync(db, participant.ProgramId, ct)).All(s => s.Id != staffId))
            return Refusal.Invalid("staffId", "Choose someone of this participant's clinical care team.");
        if (row is null) db.Set<MessageThread>().Add(row = new MessageThread { ParticipantId = participantId });
        if (row.AssignedStaffId == input.StaffId) return row;
        row.AssignedStaffId = input.StaffId;
        row.AssignedAt = input.StaffId is null ? null : db.Now;
        row.AssignedByStaffId = db.Me.StaffId;
        if (input.StaffId is { } to && to != db.Me.StaffId)
            Notifier.Notify(db, [to], "message_assigned", $"{db.Me.DisplayName} asked you to answer {participant.DisplayName}'s messages",
                link: $"/participants/{participantId}/messages", participantId: participantId);
        try
        {
            if (await Concurrency.SaveIfUnchangedAsync(db, row, current, ct: ct)) return row;
        }
        catch (DbUpdateException) { }
        db.ChangeTracker.Clear();
        return Refusal.Stale(await db.Set<MessageThread>().AsNoTracking().Where(t => t.ParticipantId == participantId).Select(t => (long?)t.Version).FirstOrDefaultAsync(ct) ?? 0);
    }
}
