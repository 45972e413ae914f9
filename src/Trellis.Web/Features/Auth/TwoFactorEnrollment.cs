using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Auth;

/// <summary>The administrator's "require two-factor sign-in for all staff" rule.</summary>
public static class TwoFactorEnrollment
{
    public const string SetupPath = "/account/two-factor";

    public static async Task<bool> IsRequiredAsync(TrellisDbContext db) =>
        await db.Clinic.AsNoTracking().AnyAsync(o => o.RequireTwoFactorForStaff);

    public static async Task<bool> IsRequiredButMissingAsync(TrellisDbContext db, UserManager<TrellisUser> users, TrellisUser user) =>
        user.StaffMemberId is not null && !await users.GetTwoFactorEnabledAsync(user) && await IsRequiredAsync(db);

    /// <summary>
    /// Sends staff who must enrol to the enrolment page before any other page. API calls are refused
    /// at sign-in instead (AuthApi.Login), so only page requests are checked here.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorEnrollment(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var path = http.Request.Path;
        if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirst(TrellisClaims.Staff) is not null
            && HttpMethods.IsGet(http.Request.Method)
            && !path.StartsWithSegments("/account") && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/fhir")
            && !path.StartsWithSegments("/_framework") && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/health")
            && Path.GetExtension(path.Value) is "" or null)
        {
            var db = http.RequestServices.GetRequiredService<TrellisDbContext>();
            var users = http.RequestServices.GetRequiredService<UserManager<TrellisUser>>();
            var user = await users.GetUserAsync(http.User);
            if (user is not null && await IsRequiredButMissingAsync(db, users, user))
            {
                http.Response.Redirect(SetupPath + "?required=1");
                return;
            }
        }
        await next();
    });
}
