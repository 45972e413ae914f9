using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Outcomes.Actions;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Outcomes;

public sealed record DatedScore(DateOnly Date, int Score);

/// <summary>One instrument given at least twice in the stay (the contract of GET /api/participants/{id}/outcomes).</summary>
public sealed record InstrumentOutcomeDto(string Instrument, DatedScore Baseline, DatedScore Latest, int Change, bool ReliableImprovement, bool ReliableDeterioration,
    bool Response, bool? Remission, bool? CaseAtStart, bool? Recovery, bool? ReliableRecovery);

public sealed record DueMeasureDto(string Instrument, DateOnly DueOn, bool Overdue);

public sealed record MeasurementScheduleDto(Guid ProgramId, IReadOnlyList<MeasureRule> Rules, bool IsDefault);

/// <summary>A participant's outcomes and due measures, and a program's measurement schedule, over the API.</summary>
public static class OutcomesApi
{
    public static void MapOutcomesApi(this RouteGroupBuilder api)
    {
        var chart = api.MapGroup("/participants/{id:guid}").WithTags("Outcomes").RequireAuthorization(Permissions.ReadClinical);
        chart.MapGet("/outcomes", Outcomes).WithSummary("One entry per instrument given at least twice since the admission baseline: baseline, latest, change and what it means (reliable change, response, remission, caseness, recovery).");
        chart.MapGet("/measures/due", Due).WithSummary("Measures due now under the program's schedule: [{ instrument, dueOn, overdue }].");

        var schedule = api.MapGroup("/programs/{id:guid}/measurement-schedule").WithTags("Outcomes").RequireAuthorization(Permissions.AnyStaff);
        schedule.MapGet("/", GetSchedule).WithSummary("The program's measurement schedule (empty when it has none). ETag: its version, \"0\" when none.");
        schedule.MapPut("/", PutSchedule).RequireAuthorization(Permissions.ManagePrograms)
            .WithSummary("Set the schedule: rules [{ instrument, atAdmission, everyDays (7–180), atDischarge }]. If-Match once the program has one; 412 when stale.");
    }

    public static async Task<Results<Ok<List<InstrumentOutcomeDto>>, ProblemHttpResult>> Outcomes(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await ParticipantTrendQueries.LoadAsync(db, id, ct) is not { } trends) return Refusal.NotFound("participant").ToProblem();
        return TypedResults.Ok(trends.Instruments.Where(t => t.Outcome is not null).Select(t => ToDto(t, t.Outcome!)).ToList());
    }

    public static InstrumentOutcomeDto ToDto(InstrumentTrend t, ChangeOutcome o) => new(t.Definition.Code, new(t.Baseline.On, t.Baseline.Score), new(t.Latest.On, t.Latest.Score),
        o.Change, o.ReliableImprovement, o.ReliableDeterioration, o.Response, o.Remission, o.CaseAtStart, o.Recovery, o.ReliableRecovery);

    public static async Task<Results<Ok<List<DueMeasureDto>>, ProblemHttpResult>> Due(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("participant").ToProblem();
        var mine = await DueMeasures.ForParticipantAsync(db, id, ct);
        return TypedResults.Ok((mine?.Occasions ?? []).Where(o => o.IsOpenNow).OrderBy(o => o.DueOn)
            .Select(o => new DueMeasureDto(o.Instrument, o.DueOn, o.State == OccasionState.Overdue)).ToList());
    }

    public static async Task<Results<Ok<MeasurementScheduleDto>, ProblemHttpResult>> GetSchedule(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!await db.Programs.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("program").ToProblem();
        var s = await MeasurementSchedule.ForProgramAsync(db, id, ct);
        ETags.Set(http, s?.Version ?? 0);
        return TypedResults.Ok(new MeasurementScheduleDto(id, s?.Rules ?? [], s is null));
    }

    public static async Task<Results<Ok<MeasurementScheduleDto>, ProblemHttpResult>> PutSchedule(Guid id, MeasurementScheduleInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (s, refused) = await SetMeasurementSchedule.RunAsync(db, id, input ?? new(), ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, s!.Version);
        return TypedResults.Ok(new MeasurementScheduleDto(id, s.Rules, false));
    }
}
