using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Trellis.Web.Features.Fhir.Resources;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Instruments.Actions;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Actions;

/// <summary>
/// POST /fhir/QuestionnaireResponse: answers to one of the instruments, given in a participant's chart. The response is
/// read into the chart's own input (item linkId = the item's number, as this server's Questionnaire has it; a choice
/// as its LOINC answer code or its number, yes/no as a boolean) and given through <see cref="GiveInstrument"/>, so it
/// is scored on the server exactly as the chart scores it, kept as the Observation and QuestionnaireResponse of one
/// id, and a sign of suicide risk raises the Flag (with its notification and task) in the same save. AUDIT-C's
/// scoring needs the sex on file with the plan: an item with linkId "sex" answered female or male.
/// </summary>
public static class RecordQuestionnaireResponse
{
    public const string SexLinkId = "sex";

    public static async Task<Result<GivenInstrument>> RunAsync(TrellisDbContext db, QuestionnaireResponse input, CancellationToken ct = default)
    {
        if (input.Status != QuestionnaireResponse.QuestionnaireResponseStatus.Completed)
            return Refusal.Invalid("status", "Only a completed QuestionnaireResponse is scored: send status \"completed\".");
        var canonical = (input.Questionnaire ?? "").Split('|')[0].TrimEnd('/');
        if (InstrumentCatalog.Get(canonical[(canonical.LastIndexOf('/') + 1)..]) is not { } definition)
            return Refusal.Invalid("questionnaire", $"questionnaire must be one of this server's instruments, {InstrumentAnswers.QuestionnaireUrl("{base}", "{code}")} with code one of {InstrumentCatalog.Codes}.");
        var participantId = input.Subject?.Reference is { } subject ? FhirSearchValues.ReferenceId(subject, "Patient") : Guid.Empty;
        if (participantId == Guid.Empty) return Refusal.Invalid("subject", "subject must reference the participant as Patient/{id}.");

        var items = input.Item.ToList();
        var known = definition.Items.Select(i => i.Number.ToString(CultureInfo.InvariantCulture)).Append(SexLinkId).ToHashSet();
        if (items.FirstOrDefault(i => !known.Contains(i.LinkId ?? "")) is { } unknown)
            return Refusal.Invalid("item", $"{definition.Name} has no item with linkId '{unknown.LinkId}'; its items are {string.Join(", ", known.SkipLast(1))} (GET /fhir/Questionnaire/{definition.Code}).");
        if (items.GroupBy(i => i.LinkId).FirstOrDefault(g => g.Count() > 1 || g.First().Answer.Count > 1) is { } repeated)
            return Refusal.Invalid("item", $"Item {repeated.Key} is answered more than once; give one answer per item.");

        var errors = new Dictionary<string, string[]>();
        var answers = new List<JsonElement>();
        foreach (var item in definition.ScoredItems)
        {
            var given = items.FirstOrDefault(i => i.LinkId == item.Number.ToString(CultureInfo.InvariantCulture))?.Answer.FirstOrDefault()?.Value;
            var (value, error) = Read(item, given);
            if (error is not null) errors[$"item {item.Number}"] = [error];
            answers.Add(value);
        }
        int? difficulty = null;
        if (definition.UnscoredItem is { } unscored && items.FirstOrDefault(i => i.LinkId == unscored.Number.ToString(CultureInfo.InvariantCulture))?.Answer.FirstOrDefault()?.Value is { } d)
        {
            var (value, error) = Read(unscored, d);
            if (error is not null) errors[$"item {unscored.Number}"] = [error];
            else difficulty = value.GetInt32();
        }
        if (errors.Count > 0) return Refusal.Invalid(errors);
        var sex = items.FirstOrDefault(i => i.LinkId == SexLinkId)?.Answer.FirstOrDefault()?.Value switch
        {
            FhirString s => s.Value,
            Coding c => c.Code,
            _ => null,
        };
        DateTimeOffset? at = input.AuthoredElement?.ToDateTimeOffset(TimeSpan.Zero);
        return await GiveInstrument.RunAsync(db, participantId, new GiveInput { Instrument = definition.Code, Answers = answers, Sex = sex, AdministeredAt = at, Difficulty = difficulty }, ct);
    }

    /// <summary>One answer as the chart keeps it (a number, true/false, or null when skipped), or why it cannot be read.</summary>
    private static (JsonElement Value, string? Error) Read(InstrumentItem item, DataType? given)
    {
        var option = given switch
        {
            null => null,
            FhirBoolean b when item.Kind == AnswerKind.YesNo && b.Value is { } yes => item.OptionFor(yes),
            Integer n when item.Kind != AnswerKind.YesNo && n.Value is { } number => item.OptionFor(number),
            Coding c when item.Kind != AnswerKind.YesNo => item.Options.FirstOrDefault(o => o.Loinc is not null && o.Loinc == c.Code && (c.System is null || c.System == ObservationType.Loinc)),
            _ => null,
        };
        if (given is null) return (JsonSerializer.SerializeToElement<object?>(null), null);
        if (option is null)
            return (default, item.Kind == AnswerKind.YesNo
                ? $"answer with valueBoolean (item {item.Number}: {item.Text})."
                : $"answer with valueCoding (the LOINC answer code) or valueInteger, one of {string.Join(", ", item.Options.Select(o => o.Loinc is null ? o.Value.ToString() : $"{o.Loinc} or {o.Value}"))} (item {item.Number}: {item.Text}).");
        return (option.Value, null);
    }
}
