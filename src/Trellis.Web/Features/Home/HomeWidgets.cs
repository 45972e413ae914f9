using System.Security.Claims;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Home;

/// <summary>
/// Cards a feature adds to staff home pages (today's sessions, open tasks, due reviews…), each a
/// component shown to the roles listed. Features register theirs here.
/// </summary>
public static class HomeWidgets
{
    public static readonly List<(Type Component, string Roles)> Items = [];

    public static IEnumerable<Type> For(ClaimsPrincipal user) =>
        Items.Where(w => Permissions.Split(w.Roles).Any(user.IsInRole)).Select(w => w.Component);
}
