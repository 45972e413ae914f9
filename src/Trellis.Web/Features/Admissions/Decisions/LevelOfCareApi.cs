using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Admissions.Decisions.Actions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Tasks;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Admissions.Decisions;

public sealed record LevelOfCareView(LevelOfCare? Current, LevelOfCareInputs Inputs, LevelOfCareSuggestion Suggestion, IReadOnlyList<LevelOfCareChangeDto> History);

public sealed record DecisionRequestDto(Guid TaskId, Guid ParticipantId, Guid? ClinicianStaffId, string Title, string? Detail, DateOnly DueOn, string Status)
{
    public static DecisionRequestDto From(CareTask t) =>
        new(t.Id, t.ParticipantId, t.AssignedToStaffId, t.Title, t.Detail, t.DueOn, EnumText.ToApi(t.Status));
}

/// <param name="IsDefault">True while the program has no settings of its own and uses the defaults.</param>
public sealed record LevelOfCareSettingsDto(Guid ProgramId, bool IntakeMayRecordDecision, bool IsDefault)
{
    public static LevelOfCareSettingsDto From(LevelOfCareSettings s) => new(s.ProgramId, s.IntakeMayRecordDecision, s.Version == 0);
}

/// <summary>
/// Level-of-care decision support: pure suggestions, a participant's suggestion from their chart,
/// recording the decision, asking a clinician for it, and the program's setting of who records it.
/// </summary>
public static class LevelOfCareApi
{
    public static RouteGroupBuilder MapLevelOfCareApi(this RouteGroupBuilder api)
    {
        // Every change validates in its action (Actions/), so the framework's validation is off here.
        var group = api.MapGroup("").WithTags("Level of care").DisableValidation();
        group.MapPost("/level-of-care/suggest", Suggest).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Suggest a level of care from hours needed, risk, current level and screen results, with every rule it checked. Stores nothing.");
        group.MapGet("/participants/{id:guid}/level-of-care", ForParticipant).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("The participant's level-of-care history and a suggestion from their chart (recent screens, open risk flags, current level).");
        group.MapPost("/participants/{id:guid}/level-of-care", Decide).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Record a level-of-care decision with its rationale; the suggestion it was made against is kept with it. Clinicians, prescribers and program directors; intake coordinators where the program's level-of-care settings allow it.");
        group.MapPost("/participants/{id:guid}/level-of-care/request", Request).RequireAuthorization(Permissions.ManageAdmissions)
            .WithSummary("Ask a clinician of the program for the decision: a care task for them (due within two days) with the suggestion attached, and a notification linking to the level-of-care page. 409 while a request is open.");
        group.MapGet("/programs/{id:guid}/level-of-care-settings", Settings).RequireAuthorization(Permissions.ManagePrograms)
            .WithSummary("Whether intake coordinators of the program record level-of-care decisions themselves (default: no, they ask a clinician). ETag: its version, \"0\" for the defaults.");
        group.MapPut("/programs/{id:guid}/level-of-care-settings", ChangeSettings).RequireAuthorization(Permissions.ManagePrograms)
            .WithSummary("Set intakeMayRecordDecision. If-Match required once the program has settings of its own; 412 when stale.");
        return api;
    }

    public static Ok<LevelOfCareSuggestion> Suggest(LevelOfCareInputs inputs) => TypedResults.Ok(LevelOfCareRules.Suggest(inputs));

    public static async Task<Results<Ok<LevelOfCareView>, ProblemHttpResult>> ForParticipant(Guid id, TrellisDbContext db,
        decimal? hours, string? current, bool? withdrawal, CancellationToken ct)
    {
        LevelOfCare? currentLevel = null;
        if (!string.IsNullOrWhiteSpace(current))
        {
            if (!EnumText.TryParse<LevelOfCare>(current, out var c)) return Refusal.Invalid("current", $"Use one of {EnumText.Allowed<LevelOfCare>()}.").ToProblem();
            currentLevel = c;
        }
        if (hours is < 0 or > 60) return Refusal.Invalid("hours", "hours must be between 0 and 60.").ToProblem();
        var participant = await ParticipantQueries.GetAsync(db, id, ct: ct);
        if (participant is null) return Refusal.NotFound("participant").ToProblem();
        var inputs = await LevelOfCareDecisions.FromChartAsync(db, participant,
            new SuggestionInput { WeeklyHoursNeeded = hours, CurrentLevel = currentLevel, WithdrawalRisk = withdrawal ?? false }, ct);
        return TypedResults.Ok(new LevelOfCareView(await LevelOfCareDecisions.CurrentLevelAsync(db, id, ct), inputs, LevelOfCareRules.Suggest(inputs),
            ParticipantDto.From(participant).LevelOfCareHistory));
    }

    public static async Task<Results<Created<LevelOfCareChangeDto>, ProblemHttpResult>> Decide(Guid id, DecisionInput input, TrellisDbContext db, CancellationToken ct)
    {
        var (change, refused) = await DecideLevelOfCare.RunAsync(db, id, input, ct);
        if (refused is not null) return refused.ToProblem();
        return TypedResults.Created($"/api/participants/{id}/level-of-care",
            new LevelOfCareChangeDto(change!.EffectiveOn, change.FromLevel is { } f ? EnumText.ToApi(f) : null, EnumText.ToApi(change.ToLevel), change.Rationale, change.DecidedByName));
    }

    public static async Task<Results<Created<DecisionRequestDto>, ProblemHttpResult>> Request(Guid id, DecisionRequestInput input, TrellisDbContext db, CancellationToken ct)
    {
        var (task, refused) = await RequestLevelOfCareDecision.RunAsync(db, id, input, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Created($"/api/tasks/{task!.Id}", DecisionRequestDto.From(task));
    }

    public static async Task<Results<Ok<LevelOfCareSettingsDto>, ProblemHttpResult>> Settings(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!db.Scope.Covers(id) || !await db.Programs.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("program").ToProblem();
        var settings = await LevelOfCareSettings.ForProgramAsync(db, id, ct);
        ETags.Set(http, settings.Version);
        return TypedResults.Ok(LevelOfCareSettingsDto.From(settings));
    }

    public static async Task<Results<Ok<LevelOfCareSettingsDto>, ProblemHttpResult>> ChangeSettings(Guid id, LevelOfCareSettingsInput input, TrellisDbContext db,
        HttpContext http, CancellationToken ct)
    {
        var (settings, refused) = await ChangeLevelOfCareSettings.RunAsync(db, id, input, ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, settings!.Version);
        return TypedResults.Ok(LevelOfCareSettingsDto.From(settings));
    }
}
