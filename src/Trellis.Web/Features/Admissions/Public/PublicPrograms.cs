using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Admissions.Public;

public sealed record PublicTrack(string Name, Weekdays Days, TimeOnly Start, TimeOnly End, decimal HoursPerWeek, bool HasOpenings, bool ByVideo);

public sealed record PublicProgram(Guid Id, string Name, string? Description, bool IsPart2, Population Population, decimal MinimumWeeklyHours,
    string TimeZoneName, IReadOnlyList<PublicTrack> Tracks);

/// <summary>
/// What the public pages show about programs: the real tracks and times from the database, and
/// whether a track has a place now. Only counts leave here (never a person), so the public pages
/// may read across every program.
/// </summary>
public static class PublicPrograms
{
    public static async Task<List<PublicProgram>> LoadAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        var programs = await db.PublishedPrograms.AsNoTracking().Where(p => p.IsActive)
            .Include(p => p.Tracks.Where(t => t.IsActive)).OrderBy(p => p.Name).ToListAsync(ct);
        var census = await TrackCensus.EnrolledAsync(db, ct);
        var video = await db.Rooms.AsNoTracking().Where(r => r.IsTelehealth).Select(r => r.Id).ToListAsync(ct);
        return programs.Select(p => new PublicProgram(p.Id, p.Name, p.Description, p.IsPart2, p.Population, p.MinimumWeeklyHours, ZoneName(p.TimeZoneId),
            p.Tracks.OrderBy(t => t.StartTime).Select(t => new PublicTrack(t.Name, t.Weekdays, t.StartTime, t.EndTime, t.HoursPerWeek,
                census.GetValueOrDefault(t.Id) < t.Capacity, t.DefaultRoomId is { } r && video.Contains(r))).ToList())).ToList();
    }

    /// <summary>"Pacific time" from America/Los_Angeles, as people say it.</summary>
    public static string ZoneName(string timeZoneId)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone)) return timeZoneId;
        var name = zone.StandardName.Replace(" Standard Time", "").Replace(" Time", "");
        return string.IsNullOrWhiteSpace(name) || name.Contains('/') || name.StartsWith("GMT") ? timeZoneId : $"{name} time";
    }

    /// <summary>"Monday, Wednesday and Thursday".</summary>
    public static string DaysInWords(Weekdays days)
    {
        var names = days.Days().Select(d => d.ToString()).ToList();
        return names.Count switch { 0 => "no days", 1 => names[0], _ => string.Join(", ", names[..^1]) + " and " + names[^1] };
    }

    /// <summary>"9:00 am – 12:00 pm".</summary>
    public static string TimeRange(TimeOnly start, TimeOnly end) => $"{Clock(start)} – {Clock(end)}";

    public static string Clock(TimeOnly t) =>
        t.ToString("h:mm", System.Globalization.CultureInfo.InvariantCulture) + (t.Hour < 12 ? " am" : " pm");
}
