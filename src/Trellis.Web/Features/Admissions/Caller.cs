using System.Security.Claims;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Admissions;

/// <summary>The signed-in staff member as records name them: their staff id and their display name.</summary>
public sealed record Caller(Guid? StaffId, string Name)
{
    public static Caller From(ClaimsPrincipal user) => new(
        Guid.TryParse(user.FindFirstValue(TrellisClaims.Staff), out var id) ? id : null,
        user.FindFirstValue(TrellisClaims.DisplayName) ?? user.Identity?.Name ?? "unknown");

    public static readonly Caller System = new(null, "Trellis");
}
