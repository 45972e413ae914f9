using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Notifications;

/// <summary>Sends in-app notifications. Added to the context; the caller saves with the change that caused them.</summary>
public static class Notifier
{
    public static void Notify(TrellisDbContext db, IEnumerable<Guid?> recipients, string kind, string title,
        string? body = null, string? link = null, Guid? participantId = null, bool urgent = false)
    {
        foreach (var id in recipients.Where(r => r is not null).Select(r => r!.Value).Distinct())
            db.Notifications.Add(new Notification
            {
                RecipientStaffId = id, Kind = kind, Title = title, Body = body, Link = link,
                ParticipantId = participantId, IsUrgent = urgent, CreatedAt = db.Now,
            });
    }

    /// <summary>Program directors assigned to a program: they hear about risk and engagement alerts.</summary>
    public static async Task<List<Guid?>> ProgramDirectorsAsync(TrellisDbContext db, Guid programId, CancellationToken ct = default) =>
        await (from s in db.Staff
               join ur in db.UserRoles on s.UserId equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where s.IsActive && r.Name == Auth.Roles.ProgramDirector && s.Programs.Any(a => a.ProgramId == programId)
               select (Guid?)s.Id).ToListAsync(ct);

    public static Task<int> UnreadCountAsync(TrellisDbContext db, Guid staffId, CancellationToken ct = default) =>
        db.Notifications.CountAsync(n => n.RecipientStaffId == staffId && n.ReadAt == null, ct);
}
