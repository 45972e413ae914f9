using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Outcomes;
using Trellis.Web.Features.Portal.Measures.Actions;

namespace Trellis.Web.Features.Portal.Measures;

/// <summary>Body of POST /api/me/measures/{instrument}; shapes are read here, the action checks the rest.</summary>
public sealed record MeasureAnswersRequest(JsonElement? Answers, JsonElement? Sex = null, JsonElement? Difficulty = null);

/// <summary>The score a participant sees: total and band in words, and the crisis answer first when there is one.</summary>
public sealed record MeasureScoreDto(Guid Id, string Instrument, DateTimeOffset AnsweredAt, int? Total, int? MaxTotal, string? Band, string? Risk, string Explanation, Crisis? Crisis);

/// <summary>A participant's own questionnaires over the API: what is due, what they answered, and answering one.</summary>
public static class MeasuresApi
{
    public static void MapMeasuresApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/measures").WithTags("Portal").RequireAuthorization(Permissions.OwnPortal);
        me.MapGet("/due", Due).WithSummary("Your questionnaires due now under your program's schedule: [{ instrument, dueOn, overdue }].");
        me.MapGet("/", Mine).WithSummary("Questionnaires you answered or were given, newest first: instrument, date, total and band.");
        me.MapPost("/{instrument}", Answer).WithSummary("Answer a questionnaire that is due: { answers: [...] } (plus sex for audit-c). 201 with the score; a sign of suicide risk adds a crisis object naming 988, and your clinician is told at once.");
    }

    public static async Task<Results<Ok<List<DueMeasureDto>>, ProblemHttpResult>> Due(TrellisDbContext db, CancellationToken ct)
    {
        if (db.Me.ParticipantId is not { } pid) return Refusal.NotFound("participant").ToProblem();
        var mine = await DueMeasures.ForParticipantAsync(db, pid, ct);
        return TypedResults.Ok((mine?.Occasions ?? []).Where(o => o.IsOpenNow).OrderBy(o => o.DueOn)
            .Select(o => new DueMeasureDto(o.Instrument, o.DueOn, o.State == OccasionState.Overdue)).ToList());
    }

    public static async Task<Results<Ok<List<MeasureScoreDto>>, ProblemHttpResult>> Mine(TrellisDbContext db, CancellationToken ct)
    {
        if (db.Me.ParticipantId is not { } pid) return Refusal.NotFound("participant").ToProblem();
        var rows = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(Administrations.For(db, pid).Take(200), ct);
        await db.AuditReadAsync(nameof(InstrumentAdministration), rows.Select(r => ((object)r.Id, (Guid?)pid)), "portal measures", ct);
        return TypedResults.Ok(rows.Select(a => new MeasureScoreDto(a.Id, a.InstrumentCode, a.AdministeredAt, a.Total, InstrumentCatalog.Get(a.InstrumentCode)?.MaxTotal, a.Band, a.Risk,
            InstrumentScorer.Score(a.InstrumentCode, Administrations.Answers(a), a.Sex).Result?.Explanation ?? "", null)).ToList());
    }

    public static async Task<Results<Created<MeasureScoreDto>, ProblemHttpResult>> Answer(string instrument, MeasureAnswersRequest? request, TrellisDbContext db, CancellationToken ct)
    {
        if (request is null) return Refusal.Invalid("body", "Send {\"answers\": [...]} with one answer per question.").ToProblem();
        var (shapes, bad) = AnswerShapes.Read(request.Answers, request.Sex, request.Difficulty);
        if (bad is not null) return bad.ToProblem();
        var input = new MeasureAnswersInput { Answers = shapes!.Answers, Sex = shapes.Sex, Difficulty = shapes.Difficulty };
        var (answered, refused) = await AnswerMeasure.RunAsync(db, instrument, input, ct);
        if (refused is not null) return refused.ToProblem();
        return TypedResults.Created("/api/me/measures", Dto(answered!));
    }

    public static MeasureScoreDto Dto(AnsweredMeasure m) => new(m.Administration.Id, m.Administration.InstrumentCode, m.Administration.AdministeredAt,
        m.Result.Total, m.Result.MaxTotal, m.Result.Band, m.Result.Risk, m.Result.Explanation, m.Crisis);
}
