using Microsoft.AspNetCore.RateLimiting;
using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Admissions.Authorizations;
using Trellis.Web.Features.Admissions.Decisions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Admissions;

/// <summary>
/// Admissions (issue 3): the public pages and self-check, inquiries and the pipeline, level-of-care
/// decisions, authorizations, admission and orientation.
/// </summary>
public sealed class AdmissionsFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new NavItem("/admissions", "Admissions", Permissions.ViewAdmissions, 30));
        services.AddSingleton(new ChartTab("level-of-care", "Level of care", Permissions.AnyStaff, 25));
        services.AddSingleton(new ChartTab("admission", "Admission", Permissions.AnyStaff, 60));
        services.AddSingleton(new ChartTab("authorizations", "Authorizations", Permissions.AnyStaff, 65));
        services.AddSingleton(new HomeCard(typeof(Pages.PipelineWidget), Permissions.ViewAdmissions, 30));
        services.AddSingleton(new HomeCard(typeof(Authorizations.Pages.AttentionWidget), Permissions.ManageAuthorizations, 40));
        services.AddScoped<IDemoData, Demo.AdmissionsDemoData>();
        services.AddScoped<IDemoData, Demo.AuthorizationUseDemo>();
        services.Configure<RateLimiterOptions>(Public.PublicForms.UseFriendlyRejection);
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapLeadsApi();
        api.MapAdmissionApi();
        api.MapLevelOfCareApi();
        api.MapAuthorizationsApi();
    }
}
