using System.Globalization;

namespace Trellis.Web.Features.Instruments;

/// <summary>
/// The reliable-change threshold of each instrument as this clinic uses it (issue 10: "each threshold configurable"):
/// the published figure on the <see cref="InstrumentDefinition"/> unless configuration under
/// <c>Trellis:Outcomes:ReliableChange</c> names another (for example <c>Trellis:Outcomes:ReliableChange:phq-9 = 5</c>).
/// One instance per app, made and checked when the app starts (<see cref="FromConfiguration"/>), reached through
/// <c>TrellisDbContext.ReliableChangeThresholds</c> by every screen that compares scores, so a chart, a dashboard,
/// a discharge summary and the API cannot disagree about what is reliable.
/// </summary>
public sealed class ReliableChangeThresholds
{
    public const string Section = "Trellis:Outcomes:ReliableChange";

    private readonly IReadOnlyDictionary<string, int> configured;

    private ReliableChangeThresholds(IReadOnlyDictionary<string, int> configured) => this.configured = configured;

    /// <summary>The published thresholds and nothing configured (tests, tools, design time).</summary>
    public static ReliableChangeThresholds Published { get; } = new(new Dictionary<string, int>());

    /// <summary>The threshold in points for this instrument; null where none is published or configured (AUDIT-C, DAST-10).</summary>
    public int? For(InstrumentDefinition definition) =>
        configured.TryGetValue(definition.Code, out var points) ? points : definition.ReliableChange?.Points;

    /// <summary>As above, by code ("phq-9"); null for an unknown instrument.</summary>
    public int? For(string code) => InstrumentCatalog.Get(code) is { } d ? For(d) : null;

    /// <summary>True when configuration replaced the published figure of this instrument (the pages say so).</summary>
    public bool IsConfigured(string code) => InstrumentCatalog.Get(code) is { } d && configured.ContainsKey(d.Code);

    /// <summary>Thresholds with these overrides; throws with every problem at once when one is not valid (<see cref="Problems"/>).</summary>
    public static ReliableChangeThresholds With(IReadOnlyDictionary<string, string?> overrides)
    {
        var problems = Problems(overrides);
        if (problems.Count > 0)
            throw new InvalidOperationException($"{Section} is not valid: " + string.Join(" ", problems));
        return new(overrides.Where(kv => !string.IsNullOrWhiteSpace(kv.Value))
            .ToDictionary(kv => InstrumentCatalog.Get(kv.Key)!.Code, kv => int.Parse(kv.Value!, NumberStyles.Integer, CultureInfo.InvariantCulture)));
    }

    /// <summary>Read and checked once at start: a bad value stops the app with a message naming the key, rather than mislabel change later.</summary>
    public static ReliableChangeThresholds FromConfiguration(IConfiguration config) =>
        With(config.GetSection(Section).GetChildren().ToDictionary(c => c.Key, c => c.Value));

    /// <summary>
    /// What is wrong with these overrides, one sentence each: an instrument Trellis does not score, a value that is not a
    /// whole number, or one outside 1 to the instrument's highest total (a change larger than the scale can never happen).
    /// </summary>
    public static List<string> Problems(IReadOnlyDictionary<string, string?> overrides)
    {
        var problems = new List<string>();
        foreach (var (key, value) in overrides)
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            if (InstrumentCatalog.Get(key) is not { } d)
            {
                problems.Add($"{Section}:{key}: Trellis scores no instrument \"{key}\" (use one of {InstrumentCatalog.Codes}).");
                continue;
            }
            var max = d.MaxTotal ?? int.MaxValue;
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var points))
                problems.Add($"{Section}:{key}: \"{value}\" is not a whole number of points.");
            else if (points < 1 || points > max)
                problems.Add($"{Section}:{key}: {points} is outside 1 to {max}, the most {d.Name}'s total can change.");
        }
        return problems;
    }
}
