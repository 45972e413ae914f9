using System.Security.Claims;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Home;

/// <summary>
/// Cards a feature adds to staff home pages (today's sessions, open tasks, due reviews…), each a
/// component shown to the roles listed. Features register theirs here.
/// </summary>
public static class HomeWidgets
{
    public static readonly Infrastructure.Registry<(Type Component, string Roles)> Registry = new();

    public static void Add(Type component, string roles) => Registry.Add((component, roles));

    public static IEnumerable<Type> For(ClaimsPrincipal user) =>
        Registry.Items.Where(w => Permissions.Split(w.Roles).Any(user.IsInRole)).Select(w => w.Component);
}
