using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Auth;

public static class AuthSetup
{

    public static IServiceCollection AddTrellisAuth(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.Configure<SecurityOptions>(config.GetSection("Security"));
        services.AddSingleton<PrincipalCache>();
        services.AddSingleton<ISaveHook, AccessStampHook>();
        var security = config.GetSection("Security").Get<SecurityOptions>() ?? new SecurityOptions();

        services.AddIdentityCore<TrellisUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = security.MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<TrellisDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddScoped<SessionService>();
        services.AddScoped<SignInService>();
        services.AddHostedService<SignInWarmup>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "trellis.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(Math.Max(security.IdleTimeoutMinutes, security.ParticipantIdleTimeoutMinutes));
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateCookieAsync;
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "trellis.2fa";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = security.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });

        services.AddAuthorizationBuilder().AddPermissionPolicies();
        return services;
    }

    /// <summary>Every request re-checks the server-side session; a closed one signs the browser out.</summary>
    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext ctx)
    {
        var sessions = ctx.HttpContext.RequestServices.GetRequiredService<SessionService>();
        var id = ctx.Principal?.FindFirst(TrellisClaims.Session)?.Value;
        var principal = Guid.TryParse(id, out var sid) ? await sessions.ValidateAsync(sid, IdentityConstants.ApplicationScheme) : null;
        if (principal is null)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        ctx.ReplacePrincipal(principal);
    }

    // API paths answer 401/403 rather than redirecting to the sign-in page. A signed-in person refused a
    // page gets the 403 status page at the address they asked for (no redirect to a page of its own).
    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/fhir") || status == StatusCodes.Status403Forbidden)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
