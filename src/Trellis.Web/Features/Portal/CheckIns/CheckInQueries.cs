using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Plans;

namespace Trellis.Web.Features.Portal.CheckIns;

public sealed record NamedSkill(Guid Id, string Name);

public sealed record CheckInDto(Guid Id, DateTimeOffset CheckedInAt, DateOnly Day, int Mood, int Craving, double? SleepHours, bool Used, string? Substances,
    IReadOnlyList<NamedSkill> CopingSkills, string? Note, IReadOnlyList<string> Alerts);

/// <summary>Reading check-ins: the participant's own list, the chart tab and both APIs read here (through the scope filters).</summary>
public static class CheckInQueries
{
    /// <summary>How far back lists and trends reach: a stay of IOP is weeks, and 90 days fits on a phone.</summary>
    public const int Days = 90;

    public static async Task<List<CheckInDto>> RecentAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default)
    {
        var since = db.Now.AddDays(-Days);
        var rows = await db.Set<CheckIn>().AsNoTracking().Where(c => c.ParticipantId == participantId && c.CheckedInAt >= since)
            .OrderByDescending(c => c.CheckedInAt).Take(500).ToListAsync(ct);
        var skillIds = rows.SelectMany(r => r.CopingSkillIds).Distinct().ToList();
        var names = skillIds.Count == 0 ? [] : await db.Set<CopingSkill>().AsNoTracking().Where(s => skillIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        await db.AuditReadAsync(nameof(CheckIn), rows.Select(r => ((object)r.Id, (Guid?)participantId)), "check-in list", ct);
        return rows.Select(r => new CheckInDto(r.Id, r.CheckedInAt, r.Day, r.Mood, r.Craving, r.SleepHours, r.Used, r.Substances,
            r.CopingSkillIds.Where(names.ContainsKey).Select(id => new NamedSkill(id, names[id])).ToList(), r.Note, r.Alerts)).ToList();
    }

    public static CheckInDto Dto(CheckIn c, IReadOnlyList<CopingSkill> skills) => new(c.Id, c.CheckedInAt, c.Day, c.Mood, c.Craving, c.SleepHours, c.Used, c.Substances,
        skills.Where(s => c.CopingSkillIds.Contains(s.Id)).Select(s => new NamedSkill(s.Id, s.Name)).ToList(), c.Note, c.Alerts);
}
