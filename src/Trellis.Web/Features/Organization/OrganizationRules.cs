using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Organization;

/// <summary>What makes a program, track or room savable: the input's own rules, then the names the clinic already uses.</summary>
public static class OrganizationRules
{
    public static async Task<Refusal?> CheckProgramAsync(TrellisDbContext db, ProgramInput input, Guid? existingId, CancellationToken ct)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        // Names are unique across the clinic, so the check reads every program, not only the caller's.
        if (!errors.ContainsKey("name") && input.Name!.Trim() is var name
            && await db.PublishedPrograms.AnyAsync(p => p.Name == name && p.Id != existingId, ct))
            errors["name"] = [$"Another program is already called {name}."];
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    public static async Task<Refusal?> CheckTrackAsync(TrellisDbContext db, TreatmentProgram program, TrackInput input, Guid? existingId, CancellationToken ct)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        var enrolled = existingId is { } id ? (await TrackCensus.EnrolledAsync(db, ct)).GetValueOrDefault(id) : 0;
        if (!errors.ContainsKey("capacity") && input.Capacity < enrolled)
            errors["capacity"] = [$"{enrolled} participants are enrolled in this track; capacity cannot be lower. Move some to another track first."];
        if (!errors.ContainsKey("name") && input.Name!.Trim() is var name
            && await db.Tracks.AnyAsync(t => t.ProgramId == program.Id && t.Name == name && t.Id != existingId, ct))
            errors["name"] = [$"{program.Name} already has a track called {name}."];
        if (input.DefaultRoomId is { } room && !await db.Rooms.AnyAsync(r => r.Id == room, ct))
            errors.TryAdd("defaultRoomId", ["That room does not exist."]);
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    public static async Task<Refusal?> CheckRoomAsync(TrellisDbContext db, RoomInput input, Guid? existingId, CancellationToken ct)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (!errors.ContainsKey("name") && input.Name!.Trim() is var name
            && await db.Rooms.AnyAsync(r => r.Name == name && r.Id != existingId, ct))
            errors["name"] = [$"There is already a room called {name}."];
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }
}
