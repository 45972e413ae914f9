using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>A participant marks a notice about their schedule as read ("Got it"), so it leaves their portal. Called by their schedule page.</summary>
public static class MarkNoticeRead
{
    public static async Task<Result<ScheduleNotice>> RunAsync(TrellisDbContext db, Guid noticeId, CancellationToken ct = default)
    {
        if (await db.Set<ScheduleNotice>().FirstOrDefaultAsync(n => n.Id == noticeId, ct) is not { } notice) return Refusal.NotFound("notice");
        if (db.Me.ParticipantId != notice.ParticipantId) return Refusal.Forbidden("Only the participant a notice is for marks it read.");
        notice.ReadAt ??= db.Now;
        await db.SaveChangesAsync(ct);
        return notice;
    }
}
