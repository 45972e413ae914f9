using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Risk;

namespace Trellis.Web.Features.Instruments;

/// <summary>An instrument given in the chart, and the suicide-risk flag it raised or added a sign to (null when none).</summary>
public sealed record GivenInstrument(InstrumentAdministration Administration, RiskFlag? Flag);

/// <summary>
/// Giving an instrument in the chart: score it exactly as the public scorer does, keep the answers
/// and the score with who and when, and act on any sign of suicide risk in the same save. The
/// <see cref="Actions.GiveInstrument"/> action (chart page and API) and the demo record through here.
/// </summary>
public static class Administrations
{
    public const string FromChart = "chart";
    public const string FromPortal = "portal";

    /// <summary>
    /// Scores the answers and, when valid, adds the administration (and any risk flag, notification
    /// and task) to the context, given by whoever the context acts for. The caller saves. Nothing is
    /// added when the answers are wrong: the refusal names each one ("answers[3]", "sex", "difficulty").
    /// </summary>
    public static async Task<Result<GivenInstrument>> RecordAsync(TrellisDbContext db, Participant participant, InstrumentDefinition definition,
        IReadOnlyList<JsonElement> answers, string? sex, DateTimeOffset administeredAt, string source = FromChart, CancellationToken ct = default,
        int? difficulty = null)
    {
        var outcome = InstrumentScorer.Score(definition, answers, sex);
        var errors = new Dictionary<string, string[]>(outcome.Errors);
        if (DifficultyError(definition, difficulty) is { } wrong) errors[Difficulty] = [wrong];
        if (errors.Count > 0 || !outcome.IsValid) return Refusal.Invalid(errors);
        var result = outcome.Result;
        var administration = new InstrumentAdministration
        {
            ParticipantId = participant.Id, InstrumentCode = definition.Code,
            AnswersJson = JsonSerializer.Serialize(answers),
            Sex = definition.Code == AuditC.Code ? sex?.Trim().ToLowerInvariant() : null,
            Total = result.Total, Band = result.Band, Risk = result.Risk, Positive = result.Positive,
            Flags = [.. result.Flags], Difficulty = difficulty, AdministeredAt = administeredAt, AdministeredByStaffId = db.Me.StaffId, Source = source,
        };
        db.InstrumentAdministrations.Add(administration);
        // Given, in the chart or the portal: the open overdue-measure task for this instrument is done now, not at the next sweep.
        foreach (var task in await db.Tasks.Where(t => t.ParticipantId == participant.Id && t.Kind == Outcomes.OutcomeTasks.OverdueKind
                     && t.Status == Tasks.CareTaskStatus.Open && t.SourceType == Outcomes.OutcomeTasks.SourceOf(definition.Code)).ToListAsync(ct))
            Tasks.CareTasks.Complete(db, task, source == FromPortal ? "Answered by the participant in the portal." : "Given in the chart.");

        RiskFlag? flag = null;
        if (result.Flags.Contains(InstrumentFlags.SuicideRisk))
        {
            var zone = participant.Program?.TimeZoneId ?? await db.Programs.Where(p => p.Id == participant.ProgramId).Select(p => p.TimeZoneId).FirstOrDefaultAsync(ct);
            flag = await RiskFlags.RaiseSuicideRiskAsync(db, participant, RiskReason(definition, answers, result, administeredAt, zone),
                result.Risk is { } level ? $"C-SSRS {level}" : $"PHQ-9 item 9: {ItemNineLabel(definition, answers)?.ToLowerInvariant()}",
                nameof(InstrumentAdministration), administration.Id, ct);
        }
        return new GivenInstrument(administration, flag);
    }

    /// <summary>The field (form and API) that carries the answer to an instrument's unscored item.</summary>
    public const string Difficulty = "difficulty";

    /// <summary>Why an answer to the unscored item cannot be kept; null when it can (or was not given).</summary>
    public static string? DifficultyError(InstrumentDefinition definition, int? difficulty)
    {
        if (difficulty is not { } value) return null;
        if (definition.UnscoredItem is not { } item) return $"{definition.Name} has no difficulty question; leave difficulty out.";
        return item.OptionFor(value) is null
            ? $"difficulty must be one of {string.Join(", ", item.Options.Select(o => $"{o.Value.GetRawText()} ({o.Label.ToLowerInvariant()})"))}."
            : null;
    }

    /// <summary>"Somewhat difficult", for the chart; null when the question was not asked.</summary>
    public static string? DifficultyLabel(InstrumentAdministration a) =>
        a.Difficulty is { } v ? InstrumentCatalog.Get(a.InstrumentCode)?.UnscoredItem?.OptionFor(v)?.Label : null;

    /// <summary>The sentence the flag, the notification and the task carry.</summary>
    public static string RiskReason(InstrumentDefinition definition, IReadOnlyList<JsonElement> answers, InstrumentResult result, DateTimeOffset at, string? timeZoneId = null)
    {
        var when = ProgramClock.Show(at, timeZoneId);
        if (definition.Code == Phq9.Code)
            return $"PHQ-9 on {when}: item 9 (thoughts of being better off dead or of self-harm) answered \"{ItemNineLabel(definition, answers)}\"; total {result.Total}/27.";
        return $"{definition.Name} on {when}: {result.Risk} risk.";
    }

    private static string? ItemNineLabel(InstrumentDefinition definition, IReadOnlyList<JsonElement> answers)
    {
        if (definition.Code != Phq9.Code || answers.Count < 9 || answers[8].ValueKind != JsonValueKind.Number) return null;
        return definition.Items[8].OptionFor(answers[8].GetInt32())?.Label;
    }

    /// <summary>
    /// A form's radio value as the scorer reads answers: "2" a number, "true" a Yes, empty a skip.
    /// Anything else stays a string, so the scorer names the item it does not fit.
    /// </summary>
    public static JsonElement FormValue(string? value)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) return JsonSerializer.SerializeToElement<object?>(null);
        if (int.TryParse(v, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)) return JsonSerializer.SerializeToElement(n);
        if (bool.TryParse(v, out var b)) return JsonSerializer.SerializeToElement(b);
        return JsonSerializer.SerializeToElement(v);
    }

    /// <summary>The answers as stored, back to JSON elements (for showing or re-scoring).</summary>
    public static IReadOnlyList<JsonElement> Answers(InstrumentAdministration a)
    {
        using var doc = JsonDocument.Parse(a.AnswersJson);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>A participant's administrations, newest first, within the caller's scope.</summary>
    public static IQueryable<InstrumentAdministration> For(TrellisDbContext db, Guid participantId, string? code = null)
    {
        var q = db.InstrumentAdministrations.AsNoTracking().Where(a => a.ParticipantId == participantId);
        if (code is not null) q = q.Where(a => a.InstrumentCode == code);
        return q.OrderByDescending(a => a.AdministeredAt);
    }

    /// <summary>Staff names for "given by", in one query.</summary>
    public static async Task<Dictionary<Guid, string>> StaffNamesAsync(TrellisDbContext db, IEnumerable<Guid?> ids, CancellationToken ct = default)
    {
        var wanted = ids.Where(i => i is not null).Select(i => i!.Value).Distinct().ToList();
        return await db.Staff.Where(s => wanted.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.FirstName + " " + s.LastName, ct);
    }
}
