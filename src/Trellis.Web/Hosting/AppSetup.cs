using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Authorization;
using Scalar.AspNetCore;
using Trellis.Web.Components;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Hosting;

/// <summary>The app's services and request pipeline; Program.cs only calls these two.</summary>
public static class AppSetup
{
    public static WebApplicationBuilder AddTrellis(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        var env = builder.Environment;

        services.AddHttpContextAccessor();
        services.AddSingleton(TimeProvider.System);
        services.AddTrellisAudit(config, env);
        services.AddSingleton<ContextServices>();
        services.AddTrellisDatabase(config, env);
        services.AddDataProtection().SetApplicationName("Trellis").PersistKeysToDbContext<TrellisDbContext>();

        services.AddTrellisAuth(config, env);
        services.AddTrellisApi();
        services.AddTrellisRateLimits(config);
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>().AddSchemaTransformer<HonestRequiredTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<Trellis.Web.Features.Outcomes.Demo.DemoGenerator>();
        services.AddScoped(sp => CurrentUser.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext));
        services.AddScoped<StatusMessage>();
        services.AddFeatures(config);

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind a reverse proxy (docs/operations.md) the client address and scheme come from it.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in config.GetSection("Trellis:KnownProxies").Get<string[]>() ?? [])
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        });
        return builder;
    }

    public static WebApplication UseTrellis(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", CreateScopeForErrors = true });
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // Pages: an error status renders the status page in place (it must be registered here, not in a
        // UseWhen branch: a branch has no router, so the re-executed request would find no page and stay empty).
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.Use(KeepStatusPagesOffTheApi);
        app.UseWhen(IsApi, b => b.UseStatusCodePages());
        app.Use(SecurityHeaders);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseTwoFactorEnrollment();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>();

        app.MapHealthChecks("/health", new() { ResponseWriter = DatabaseHealthCheck.WriteAsync }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Trellis API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();

        var api = app.MapGroup("/api")
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = BearerTokenHandler.SchemeName })
            .AddEndpointFilter<AuditFailedAccess>();
        app.MapFeatures(api);
        return app;
    }

    /// <summary>The API answers every error status as ProblemDetails (the branch above), never with the HTML status page.</summary>
    private static Task KeepStatusPagesOffTheApi(HttpContext http, Func<Task> next)
    {
        if (IsApi(http) && http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        return next();
    }

    private static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/fhir");

    private static Task SecurityHeaders(HttpContext http, Func<Task> next)
    {
        var h = http.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        if (!http.Request.Path.StartsWithSegments("/api/reference"))
            h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        // Pages show health information: never let a shared or browser cache keep them.
        if (!http.Request.Path.StartsWithSegments("/_framework") && !http.Request.Path.StartsWithSegments("/css"))
            h.CacheControl = "no-cache, no-store"; // the value anti-forgery sets too, so it need not override (and warn)
        return next();
    }
}
