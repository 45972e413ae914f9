using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Portal.CheckIns.Actions;

namespace Trellis.Web.Features.Portal.CheckIns;

/// <summary>Check-ins over the API: the participant's own (/api/me), the chart's (staff in scope), and a program's rules.</summary>
public static class CheckInsApi
{
    public static void MapCheckInsApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/check-ins").WithTags("Portal").RequireAuthorization(Permissions.OwnPortal);
        me.MapPost("/", Create).WithSummary("Check in: { mood 0–10, craving 0–10, sleepHours, used, substances, copingSkillIds (from your own safety plan), note }. Rules of the program may alert the care team.");
        me.MapGet("/", Mine).WithSummary("Your check-ins of the last 90 days, newest first.");

        api.MapGet("/participants/{id:guid}/check-ins", OfParticipant).WithTags("Portal").RequireAuthorization(Permissions.ReadOwnPlans)
            .WithSummary("A participant's check-ins of the last 90 days, newest first, with the rules each one met (clinical staff in scope, and the participant themself; another chart answers 404).");

        var rules = api.MapGroup("/programs/{id:guid}/check-in-rules").WithTags("Portal").RequireAuthorization(Permissions.AnyStaff);
        rules.MapGet("/", GetRules).WithSummary("When the care team hears about a check-in: craving at or above, mood at or below, use reported, days without one. ETag: its version, \"0\" for the defaults.");
        rules.MapPut("/", PutRules).RequireAuthorization(Permissions.ManagePrograms).WithSummary("Set the program's check-in rules (null turns one off). If-Match once the program has its own; 412 when stale.");
    }

    public static async Task<Results<Created<CheckInDto>, ProblemHttpResult>> Create(CheckInInput? input, TrellisDbContext db, CancellationToken ct)
    {
        var (checkIn, refused) = await RecordCheckIn.RunAsync(db, input ?? new(), ct);
        if (refused is not null) return refused.ToProblem();
        var skills = await PlanSkills.OfAsync(db, checkIn!.ParticipantId, ct);
        return TypedResults.Created("/api/me/check-ins", CheckInQueries.Dto(checkIn, skills));
    }

    public static async Task<Results<Ok<List<CheckInDto>>, ProblemHttpResult>> Mine(TrellisDbContext db, CancellationToken ct) =>
        db.Me.ParticipantId is { } pid ? TypedResults.Ok(await CheckInQueries.RecentAsync(db, pid, ct)) : Refusal.NotFound("participant").ToProblem();

    public static async Task<Results<Ok<List<CheckInDto>>, ProblemHttpResult>> OfParticipant(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("participant").ToProblem();
        return TypedResults.Ok(await CheckInQueries.RecentAsync(db, id, ct));
    }

    public static async Task<Results<Ok<CheckInRulesDto>, ProblemHttpResult>> GetRules(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("program").ToProblem();
        var rules = await CheckInRules.ForProgramAsync(db, id, ct);
        ETags.Set(http, rules.Version);
        return TypedResults.Ok(CheckInRulesDto.From(rules));
    }

    public static async Task<Results<Ok<CheckInRulesDto>, ProblemHttpResult>> PutRules(Guid id, CheckInRulesInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (rules, refused) = await SetCheckInRules.RunAsync(db, id, input ?? new(), ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, rules!.Version);
        return TypedResults.Ok(CheckInRulesDto.From(rules));
    }
}
