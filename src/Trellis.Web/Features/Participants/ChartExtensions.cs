namespace Trellis.Web.Features.Participants;

/// <summary>
/// A tab of the participant chart: a page at /participants/{id}/{Slug} wrapped in ChartFrame, shown to
/// those who hold <see cref="Permission"/>. Each feature registers its own tab
/// (<c>services.AddSingleton(new ChartTab(…))</c>), so the chart grows without this folder knowing every feature.
/// </summary>
public sealed record ChartTab(string Slug, string Label, string Permission, int Order);

/// <summary>A component shown in the chart header's flag area (it takes a Participant parameter), registered by the feature that raises the flag.</summary>
public sealed record ChartFlag(Type Component, int Order);
