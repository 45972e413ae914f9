namespace Trellis.Web.Features.Participants;

/// <summary>A tab of the participant chart: a page at /participants/{id}/{Slug}, shown to the roles listed.</summary>
public sealed record ChartTab(string Slug, string Label, string Roles, int Order);

/// <summary>
/// The chart's tabs and header flags. Each feature adds its own tab (a routable page wrapped in
/// ChartFrame) and any flag it raises (a component taking a Participant), so the chart grows
/// without this folder knowing about every feature.
/// </summary>
public static class ChartTabs
{
    public static readonly Infrastructure.Registry<ChartTab> Tabs = new(
    [
        new("", "Overview", Auth.Permissions.Anyone, 0),
        new("tasks", "Tasks", Auth.Permissions.AnyStaff, 90),
    ]);

    /// <summary>Components shown in the chart header's flag area, each given the Participant.</summary>
    public static readonly Infrastructure.Registry<Type> Flags = new();

    public static void AddTab(ChartTab tab) => Tabs.Add(tab);
    public static void AddFlag(Type component) => Flags.Add(component);
}
