namespace Trellis.Web.Features.Instruments;

/// <summary>The instruments Trellis scores, by code.</summary>
public static class InstrumentCatalog
{
    public static IReadOnlyList<InstrumentDefinition> All { get; } =
        [Phq9.Definition, Gad7.Definition, AuditC.Definition, Dast10.Definition, CssrsScreener.Definition, Pcl5.Definition];

    /// <summary>"phq-9", "PHQ-9" or " phq-9 " all find PHQ-9; anything else is null.</summary>
    public static InstrumentDefinition? Get(string? code) =>
        All.FirstOrDefault(d => string.Equals(d.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>"phq-9, gad-7, …" for messages that name what exists.</summary>
    public static string Codes { get; } = string.Join(", ", All.Select(d => d.Code));
}
