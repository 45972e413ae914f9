using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Outcomes;
using Trellis.Web.Features.Plans;
using Trellis.Web.Features.Risk;

namespace Trellis.Web.Features.Portal.Measures.Actions;

/// <summary>Body of POST /api/me/measures/{instrument}: one answer per scored item, as the chart's give form takes them.</summary>
public sealed class MeasureAnswersInput
{
    public IReadOnlyList<JsonElement>? Answers { get; set; }
    /// <summary>AUDIT-C only: female or male.</summary>
    public string? Sex { get; set; }
    /// <summary>PHQ-9 only, optional: the unscored difficulty item, 0–3.</summary>
    public int? Difficulty { get; set; }
}

/// <summary>A questionnaire the participant answered, its score, and the crisis answer when it showed a sign of suicide risk.</summary>
public sealed record AnsweredMeasure(InstrumentAdministration Administration, InstrumentResult Result, RiskFlag? Flag, Crisis? Crisis);

/// <summary>
/// A participant answers a questionnaire their program's schedule has due now, in the portal. Scored and kept by the
/// chart's own path (<see cref="Administrations.RecordAsync"/>, source "portal"): a sign of suicide risk flags the chart,
/// notifies the clinician and directors and asks for a safety plan in the same save, and the answer carries 988. Giving
/// it satisfies the due date, and closes the overdue task at once. Called by the portal page and POST /api/me/measures/{instrument}.
/// </summary>
public static class AnswerMeasure
{
    public static async Task<Result<AnsweredMeasure>> RunAsync(TrellisDbContext db, string? instrument, MeasureAnswersInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.OwnPortal) || db.Me.ParticipantId is not { } pid) return Refusal.Forbidden("Questionnaires in the portal are answered by participants; staff give them in the chart.");
        var participant = await db.Participants.AsNoTracking().Include(p => p.Program).FirstOrDefaultAsync(p => p.Id == pid, ct);
        if (participant is null) return Refusal.NotFound("participant");
        if (InstrumentCatalog.Get(instrument) is not { } definition)
            return new Refusal(404, "Not found", $"There is no questionnaire '{Echo.Short(instrument)}'. Those Trellis knows are {InstrumentCatalog.Codes}.");
        var due = await DueMeasures.ForParticipantAsync(db, pid, ct);
        if (due?.Occasions.Any(o => o.IsOpenNow && o.Instrument == definition.Code) != true)
            return Refusal.Conflict("Not due", $"{definition.Name} is not due for you now. Your program asks for questionnaires on a schedule; the ones due show on your home page.");
        if (input.Answers is not { } answers) return Refusal.Invalid("answers", $"answers must be a list (JSON array) with one answer per {definition.Name} question.");

        var (given, refused) = await Administrations.RecordAsync(db, participant, definition, answers, input.Sex, db.Now, Administrations.FromPortal, ct, input.Difficulty);
        if (refused is not null) return refused;
        await db.SaveChangesAsync(ct);

        var result = InstrumentScorer.Score(definition, answers, input.Sex).Result!;
        var crisis = given!.Flag is null ? null : Crisis.Now(await PlanVersions.LatestCompleteAsync<SafetyPlan>(db, pid, ct) is not null);
        return new AnsweredMeasure(given.Administration, result, given.Flag, crisis);
    }
}
