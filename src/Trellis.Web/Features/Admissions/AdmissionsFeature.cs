using Microsoft.AspNetCore.RateLimiting;
using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Admissions.Authorizations;
using Trellis.Web.Features.Admissions.Decisions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Risk;

namespace Trellis.Web.Features.Admissions;

/// <summary>
/// Admissions (issue 3): the public pages and self-check, inquiries and the pipeline, level-of-care
/// decisions, authorizations, admission and orientation; with the chart's instruments and risk flags.
/// </summary>
public static class AdmissionsFeature
{
    public static void Register(IServiceCollection services)
    {
        Navigation.Add(new NavItem("/admissions", "Admissions", Permissions.ViewAdmissions));
        ChartTabs.AddTab(new ChartTab("measures", "Measures", Permissions.AnyStaff, 20));
        ChartTabs.AddTab(new ChartTab("level-of-care", "Level of care", Permissions.AnyStaff, 25));
        ChartTabs.AddTab(new ChartTab("admission", "Admission", Permissions.AnyStaff, 60));
        ChartTabs.AddTab(new ChartTab("authorizations", "Authorizations", Permissions.AnyStaff, 65));
        ChartTabs.AddFlag(typeof(Risk.Pages.RiskFlagBadge));
        HomeWidgets.Add(typeof(Pages.PipelineWidget), Permissions.ViewAdmissions);
        HomeWidgets.Add(typeof(Authorizations.Pages.AttentionWidget), Permissions.ManageAuthorizations);
        HomeWidgets.Add(typeof(Risk.Pages.RiskWidget), "ProgramDirector,Clinician,Prescriber");
        services.AddScoped<IDemoData, Demo.AdmissionsDemoData>();
        services.AddScoped<IDemoData, Demo.AuthorizationUseDemo>();
        services.Configure<RateLimiterOptions>(Public.PublicForms.UseFriendlyRejection);
    }

    public static RouteGroupBuilder MapAdmissionsApi(this RouteGroupBuilder api)
    {
        api.MapLeadsApi();
        api.MapAdmissionApi();
        api.MapLevelOfCareApi();
        api.MapAuthorizationsApi();
        api.MapAdministrationsApi();
        api.MapRiskApi();
        return api;
    }
}
