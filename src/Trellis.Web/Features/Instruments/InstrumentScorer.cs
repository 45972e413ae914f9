using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Trellis.Web.Features.Instruments;

/// <summary>Either a result or the errors that stopped scoring, keyed like the request ("answers[3]", "sex").</summary>
public sealed record ScoreOutcome(InstrumentResult? Result, IReadOnlyDictionary<string, string[]> Errors)
{
    [MemberNotNullWhen(true, nameof(Result))]
    public bool IsValid => Result is not null;
}

/// <summary>Validates answers and scores an instrument exactly as published. Pure: no I/O, nothing stored.</summary>
public static class InstrumentScorer
{
    /// <param name="code">An instrument code such as "phq-9"; an unknown code is an error under the key "code".</param>
    /// <param name="answers">One answer per scored item, in order: a whole number, true/false for Yes/No items, or null where the form skips the item.</param>
    /// <param name="sex">"female" or "male"; required for AUDIT-C, ignored by the others.</param>
    public static ScoreOutcome Score(string code, IReadOnlyList<JsonElement> answers, string? sex = null)
    {
        var definition = InstrumentCatalog.Get(code);
        if (definition is null)
            return new(null, new Dictionary<string, string[]> { ["code"] = [$"There is no instrument '{code}'; use one of {InstrumentCatalog.Codes}."] });
        return Score(definition, answers, sex);
    }

    public static ScoreOutcome Score(InstrumentDefinition definition, IReadOnlyList<JsonElement> answers, string? sex = null)
    {
        var errors = new Dictionary<string, string[]>();
        var chosen = AnswerReader.Read(definition, answers, errors);
        var parsedSex = definition.Code == AuditC.Code ? AuditC.ReadSex(sex, errors) : null;
        if (errors.Count > 0) return new(null, errors);

        var result = definition.Code switch
        {
            Phq9.Code => Phq9.Score(chosen),
            Gad7.Code => Gad7.Score(chosen),
            AuditC.Code => AuditC.Score(chosen, parsedSex!.Value),
            Dast10.Code => Dast10.Score(chosen),
            CssrsScreener.Code => CssrsScreener.Score(chosen),
            Pcl5.Code => Pcl5.Score(chosen),
            _ => throw new InvalidOperationException($"{definition.Code} is in the catalog but has no scoring rule."),
        };
        return new(result, errors);
    }

    /// <summary>Sum of the points of the chosen options; skipped items and unsummed options add nothing.</summary>
    internal static int Total(IEnumerable<AnswerOption?> chosen) => chosen.Sum(o => o?.Points ?? 0);
}
