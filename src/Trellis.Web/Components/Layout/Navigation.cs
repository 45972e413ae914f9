using System.Security.Claims;
using Trellis.Web.Features.Auth;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Components.Layout;

/// <summary>One entry of the main menu, shown to the roles listed (comma list, as in Permissions).</summary>
public sealed record NavItem(string Href, string Label, string Roles, string Group = "");

/// <summary>
/// The main menu. A feature adds its pages here; the layout shows each person only what their
/// roles can open, so nobody meets a link that answers "not allowed".
/// </summary>
public static class Navigation
{
    public static readonly Registry<NavItem> Registry = new(
    [
        new("/", "Home", Permissions.Anyone),
        new("/participants", "Participants", Permissions.AnyStaff),
        new("/tasks", "Tasks", Permissions.AnyStaff),
        new("/staff", "Staff", Permissions.AnyStaff, "Administration"),
        new("/admin/programs", "Programs, tracks and rooms", Permissions.ManagePrograms, "Administration"),
        new("/admin/security", "Security", Permissions.ManageOrganization, "Administration"),
        new("/admin/audit", "Audit trail", Permissions.ReadAudit, "Administration"),
    ]);

    public static void Add(NavItem item) => Registry.Add(item);

    public static IEnumerable<NavItem> For(ClaimsPrincipal user) =>
        Registry.Items.Where(i => Permissions.Split(i.Roles).Any(user.IsInRole));
}
