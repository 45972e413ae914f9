using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Messages;

/// <summary>Reads of the threads that the inbox page, the chart tab, the badge and the API share (all through the scope filters).</summary>
public static class MessageQueries
{
    public const string EmergencyNote = "Not for emergencies: call or text 988.";

    /// <summary>One row per thread of the participants in the caller's scope, newest first, with the unread count and who answers it.</summary>
    public static async Task<List<InboxRow>> InboxAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var rows = await db.Set<SecureMessage>().GroupBy(m => new { m.ParticipantId, m.Participant!.PreferredName, m.Participant.LegalFirstName, m.Participant.LegalLastName })
            .Select(g => new
            {
                g.Key.ParticipantId, g.Key.PreferredName, g.Key.LegalFirstName, g.Key.LegalLastName,
                Unread = g.Count(m => m.FromParticipant && m.ReadAt == null), LastAt = g.Max(m => m.SentAt),
            }).ToListAsync(ct);
        var lastFrom = await db.Set<SecureMessage>().Where(m => !db.Set<SecureMessage>().Any(n => n.ParticipantId == m.ParticipantId && n.SentAt > m.SentAt))
            .Select(m => new { m.ParticipantId, m.FromParticipant }).ToListAsync(ct);
        var from = lastFrom.GroupBy(x => x.ParticipantId).ToDictionary(g => g.Key, g => g.First().FromParticipant);
        var assigned = await db.Set<MessageThread>().Where(t => t.AssignedStaffId != null)
            .Select(t => new { t.ParticipantId, t.AssignedStaffId }).ToDictionaryAsync(t => t.ParticipantId, t => t.AssignedStaffId, ct);
        var names = await ClinicalStaff.NamesAsync(db, assigned.Values, ct);
        return rows.Select(r =>
        {
            var to = assigned.GetValueOrDefault(r.ParticipantId);
            return new InboxRow(r.ParticipantId, Participant.NameOf(r.PreferredName, r.LegalFirstName, r.LegalLastName), r.Unread, r.LastAt,
                from.GetValueOrDefault(r.ParticipantId), to, to is { } s ? names.GetValueOrDefault(s) : null);
        }).OrderByDescending(r => r.LastAt).ToList();
    }

    /// <summary>
    /// Unread messages for the caller: from participants in their programs (staff of the clinical care team), or from
    /// the care team (the participant). Zero for anyone else.
    /// </summary>
    public static Task<int> UnreadAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        if (db.Me.ParticipantId is { } pid) return db.Set<SecureMessage>().CountAsync(m => m.ParticipantId == pid && !m.FromParticipant && m.ReadAt == null, ct);
        return db.Me.May(Permissions.ReadClinical) ? db.Set<SecureMessage>().CountAsync(m => m.FromParticipant && m.ReadAt == null, ct) : Task.FromResult(0);
    }

    /// <summary>Who may answer a participant's thread: active staff of their program whose role reads the chart, and the caller.</summary>
    public static async Task<List<StaffChoice>> CareTeamAsync(TrellisDbContext db, Guid programId, CancellationToken ct = default)
    {
        var team = await Pipeline.StaffWithRolesAsync(db, [.. Permissions.RolesOf(Permissions.ReadClinical)], programId, ct);
        if (db.Me.StaffId is { } me && team.All(s => s.Id != me) && await ClinicalStaff.CurrentAsync(db, ct) is { } self)
            team.Add(new StaffChoice(self.Id, self.FullName));
        return team;
    }

    /// <summary>The thread's assignment (a row of version 0 and nobody when none was made).</summary>
    public static async Task<AssignmentDto> AssignmentAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default)
    {
        var row = await db.Set<MessageThread>().AsNoTracking().FirstOrDefaultAsync(t => t.ParticipantId == participantId, ct);
        if (row?.AssignedStaffId is not { } staffId) return new(participantId, null, null, row?.AssignedAt, row?.Version ?? 0);
        var names = await ClinicalStaff.NamesAsync(db, [staffId], ct);
        return new(participantId, staffId, names.GetValueOrDefault(staffId), row.AssignedAt, row.Version);
    }
}
