using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>A template group saved, and how many future sessions were made or changed to follow it.</summary>
public sealed record TemplateSaved(SessionTemplate Template, int SessionsChanged);

/// <summary>
/// Add a group to a track's weekly template, or change one (<paramref name="templateId"/>). It must fit
/// inside the track's days and hours without overlapping the track's other groups, its facilitators
/// are active staff of the track's program, and a facilitator or room already used by another track's
/// group at that time is refused, so a double booking is not generated into every week. Saving updates
/// every future session made from it that nobody changed by hand. Called by the template page.
/// </summary>
public static class SaveTemplate
{
    public static async Task<Result<TemplateSaved>> RunAsync(TrellisDbContext db, Guid trackId, Guid? templateId, TemplateInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        var track = await db.Tracks.Include(t => t.Program).AsNoTracking().FirstOrDefaultAsync(t => t.Id == trackId, ct);
        if (track is null || !db.Scope.Covers(track.ProgramId)) return Refusal.NotFound("track");
        SessionTemplate? existing = null;
        if (templateId is { } id && (existing = await db.Set<SessionTemplate>().Include(t => t.Facilitators).FirstOrDefaultAsync(t => t.Id == id && t.TrackId == trackId, ct)) is null)
            return Refusal.NotFound("template group");
        if (!db.Me.May(Permissions.ManageSchedule)) return Refusal.Forbidden("Track templates are changed by program directors and administrators.");
        if (existing is not null && expected.Check(existing.Version) is { } stale) return stale;

        if (await CheckAsync(db, track, existing, input, ct) is { } invalid) return invalid;
        var template = existing ?? new SessionTemplate { TrackId = track.Id };
        input.ApplyTo(template);
        if (existing is null) { db.Add(template); await db.SaveChangesAsync(ct); }
        else if (!await Concurrency.SaveIfUnchangedAsync(db, existing, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        return new TemplateSaved(template, await SessionGeneration.ApplyTemplateAsync(db, template, ct));
    }

    private static async Task<Refusal?> CheckAsync(TrellisDbContext db, Track track, SessionTemplate? existing, TemplateInput input, CancellationToken ct)
    {
        var errors = new InputErrors(input);
        var enrolled = (await TrackCensus.EnrolledAsync(db, ct)).GetValueOrDefault(track.Id);
        if (input.Capacity is int cap && cap < enrolled) errors.Add("capacity", $"{enrolled} participants are enrolled in this track; capacity cannot be lower.");
        var facilitators = input.FacilitatorIds.Distinct().ToList();
        if (facilitators.Count > 0 && await SessionQueries.StaffOf(db, track.ProgramId).CountAsync(s => facilitators.Contains(s.Id), ct) != facilitators.Count)
            errors.Add("facilitatorIds", $"Every facilitator must be an active staff member assigned to {track.Program!.Name}.");
        if (input.Title is not null && input.StartTime is { } start && input.EndTime is { } end)
        {
            var probe = new SessionTemplate
            {
                Id = existing?.Id ?? Guid.Empty, TrackId = track.Id, Title = input.Title, Weekdays = input.Weekdays, StartTime = start, EndTime = end,
                IsActive = input.IsActive, RoomId = input.RoomId,
            };
            var others = await db.Set<SessionTemplate>().AsNoTracking().Where(t => t.TrackId == track.Id).ToListAsync(ct);
            foreach (var (field, message) in SessionPlanner.Check(probe, track, others))
                errors.Add(field == "Weekdays" ? "days" : Camel(field), message);
            foreach (var (field, message) in await TemplateConflicts.FindAsync(db, probe, track, facilitators, ct))
                errors.Add(Camel(field), message);
        }
        return errors.Refusal;
    }

    private static string Camel(string field) => JsonNamingPolicy.CamelCase.ConvertName(field);
}
