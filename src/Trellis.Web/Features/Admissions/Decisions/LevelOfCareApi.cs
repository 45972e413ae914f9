using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Admissions.Decisions;

public sealed record LevelOfCareView(LevelOfCare? Current, LevelOfCareInputs Inputs, LevelOfCareSuggestion Suggestion, IReadOnlyList<LevelOfCareChangeDto> History);

/// <summary>Level-of-care decision support: pure suggestions, a participant's suggestion from their chart, and recording the decision.</summary>
public static class LevelOfCareApi
{
    public static RouteGroupBuilder MapLevelOfCareApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Level of care");
        group.MapPost("/level-of-care/suggest", Suggest).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Suggest a level of care from hours needed, risk, current level and screen results, with every rule it checked. Stores nothing.");
        group.MapGet("/participants/{id:guid}/level-of-care", ForParticipant).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("The participant's level-of-care history and a suggestion from their chart (recent screens, open risk flags, current level).");
        group.MapPost("/participants/{id:guid}/level-of-care", Decide).RequireAuthorization(Permissions.DecideLevelOfCare)
            .WithSummary("Record a level-of-care decision with its rationale; the suggestion it was made against is kept with it.");
        return api;
    }

    public static Ok<LevelOfCareSuggestion> Suggest(LevelOfCareInputs inputs) => TypedResults.Ok(LevelOfCareRules.Suggest(inputs));

    public static async Task<Results<Ok<LevelOfCareView>, ProblemHttpResult, ValidationProblem>> ForParticipant(Guid id, TrellisDbContext db,
        decimal? hours, string? current, bool? withdrawal, CancellationToken ct)
    {
        LevelOfCare? currentLevel = null;
        if (!string.IsNullOrWhiteSpace(current))
        {
            if (!EnumText.TryParse<LevelOfCare>(current, out var c)) return Problems.Invalid("current", $"Use one of {EnumText.Allowed<LevelOfCare>()}.");
            currentLevel = c;
        }
        if (hours is < 0 or > 60) return Problems.Invalid("hours", "hours must be between 0 and 60.");
        var participant = await ParticipantQueries.GetAsync(db, id, ct: ct);
        if (participant is null) return Problems.NotFound("participant");
        var inputs = await LevelOfCareDecisions.FromChartAsync(db, participant,
            new SuggestionInput { WeeklyHoursNeeded = hours, CurrentLevel = currentLevel, WithdrawalRisk = withdrawal ?? false }, ct);
        return TypedResults.Ok(new LevelOfCareView(await LevelOfCareDecisions.CurrentLevelAsync(db, id, ct), inputs, LevelOfCareRules.Suggest(inputs),
            ParticipantDto.From(participant).LevelOfCareHistory));
    }

    public static async Task<Results<Created<LevelOfCareChangeDto>, ProblemHttpResult>> Decide(Guid id, DecisionInput input, TrellisDbContext db,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var participant = await db.Participants.Include(p => p.Program).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is null) return Problems.NotFound("participant");
        var inputs = await LevelOfCareDecisions.FromChartAsync(db, participant, input.Suggestion, ct);
        var change = await LevelOfCareDecisions.RecordAsync(db, participant, input, LevelOfCareRules.Suggest(inputs), input.CurrentLevel, Caller.From(user), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/participants/{id}/level-of-care",
            new LevelOfCareChangeDto(change.EffectiveOn, change.FromLevel is { } f ? EnumText.ToApi(f) : null, EnumText.ToApi(change.ToLevel), change.Rationale, change.DecidedByName));
    }
}
