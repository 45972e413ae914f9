using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Organization;

public sealed record TrackDto(Guid Id, string Name, string Days, TimeOnly StartTime, TimeOnly EndTime, int Capacity, decimal HoursPerWeek, bool IsActive);
public sealed record ProgramDto(Guid Id, string Name, string? Description, Population Population, LevelOfCare LevelOfCare,
    decimal MinimumWeeklyHours, bool IsPart2, string TimeZoneId, bool IsActive, IReadOnlyList<TrackDto> Tracks);
public sealed record RoomDto(Guid Id, string Name, string? Location, int Capacity, bool IsTelehealth, bool IsActive);

public static class ProgramsApi
{
    public static RouteGroupBuilder MapProgramsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Programs");
        group.MapGet("/programs", List).RequireAuthorization(Permissions.Anyone)
            .WithSummary("Programs with their tracks (weekdays and times).");
        group.MapGet("/programs/{id:guid}", Get).RequireAuthorization(Permissions.Anyone);
        group.MapGet("/rooms", Rooms).RequireAuthorization(Permissions.AnyStaff);
        return api;
    }

    public static async Task<Ok<List<ProgramDto>>> List(TrellisDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Programs.AsNoTracking().Include(p => p.Tracks).OrderBy(p => p.Name).ToListAsync(ct)).Select(ToDto).ToList());

    public static async Task<Results<Ok<ProgramDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        var p = await db.Programs.AsNoTracking().Include(x => x.Tracks).FirstOrDefaultAsync(x => x.Id == id, ct);
        return p is null ? Refusal.NotFound("program").ToProblem() : TypedResults.Ok(ToDto(p));
    }

    public static async Task<Ok<List<RoomDto>>> Rooms(TrellisDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Rooms.AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new RoomDto(r.Id, r.Name, r.Location, r.Capacity, r.IsTelehealth, r.IsActive)).ToListAsync(ct));

    public static ProgramDto ToDto(TreatmentProgram p) => new(p.Id, p.Name, p.Description, p.Population, p.LevelOfCare,
        p.MinimumWeeklyHours, p.IsPart2, p.TimeZoneId, p.IsActive,
        p.Tracks.OrderBy(t => t.StartTime).Select(t => new TrackDto(t.Id, t.Name, t.Weekdays.ToShortText(), t.StartTime, t.EndTime,
            t.Capacity, t.HoursPerWeek, t.IsActive)).ToList());
}
