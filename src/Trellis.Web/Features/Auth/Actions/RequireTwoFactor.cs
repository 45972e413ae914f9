using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Auth.Actions;

/// <summary>
/// Require (or stop requiring) two-factor sign-in of every staff member: administrators only. Staff without
/// an authenticator are then sent to set one up before anything else. Audited by the change audit. Called
/// by the security page.
/// </summary>
public static class RequireTwoFactor
{
    public static async Task<Result<Organization.Organization>> RunAsync(TrellisDbContext db, bool require, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageOrganization)) return Refusal.Forbidden("Only administrators change the security settings.");
        if (await db.Clinic.FirstOrDefaultAsync(ct) is not { } org) return Refusal.NotFound("organization");
        org.RequireTwoFactorForStaff = require;
        await db.SaveChangesAsync(ct);
        return org;
    }
}
