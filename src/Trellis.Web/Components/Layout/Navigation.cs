namespace Trellis.Web.Components.Layout;

/// <summary>
/// One entry of the main menu, shown to those who hold <see cref="Permission"/> (a policy name from
/// Permissions), so nobody meets a link that answers "not allowed". A feature registers its own with
/// <c>services.AddSingleton(new NavItem(…))</c>; entries with a <see cref="Group"/> go under "More". A
/// <see cref="Badge"/> is a component (a <c>SideComponent</c>) shown after the label, such as an unread count.
/// </summary>
public sealed record NavItem(string Href, string Label, string Permission, int Order, string Group = "", Type? Badge = null);

/// <summary>
/// A notice a feature shows at the top of every page while it applies (for example an emergency access in
/// progress). The component decides for itself whether it has anything to say.
/// </summary>
public sealed record PageBanner(Type Component, int Order);
