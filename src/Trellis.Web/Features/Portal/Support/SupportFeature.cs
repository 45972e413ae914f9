using Trellis.Web.Features.Auth;
using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Portal.Support;

/// <summary>Family and support people (issue 11 point 10): invited under the participant's consent, they see only what it names.</summary>
public sealed class SupportFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<IPrincipalClaims, SupportClaims>();
        services.AddSingleton(new PrincipalSource(typeof(SupportPerson)));
        services.AddSingleton(new PrincipalSource(typeof(Admissions.Admission.DisclosureConsent)));
        services.AddSingleton(new ChartTab("support-people", "Support people", Permissions.EditParticipants, 26));
        services.AddSingleton(new NavItem("/my/support-people", "Support people", Permissions.OwnPortal, 46));
        services.AddScoped<IDemoData, SupportDemoData>();
    }

    public static void MapApi(RouteGroupBuilder api) => api.MapSupportApi();

}
