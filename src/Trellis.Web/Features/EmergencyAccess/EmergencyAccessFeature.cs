using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.EmergencyAccess;

/// <summary>Emergency access to charts outside the care team, its banner, the directors' review and chart restrictions.</summary>
public sealed class EmergencyAccessFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<IPrincipalClaims, EmergencyAccessClaims>();
        services.AddSingleton(new PrincipalSource(typeof(EmergencyAccessGrant)));
        services.AddSingleton(new PageBanner(typeof(Pages.EmergencyBanner), 10));
        services.AddSingleton(new NavItem("/emergency-access", "Emergency access", Permissions.SeeEmergencyAccess, 85, "Care"));
        services.AddSingleton(new ChartTab("access", "Access", Permissions.ReviewEmergencyAccess, 95));
        services.AddSingleton(new ChartFlag(typeof(Pages.RestrictedFlag), 30));
    }

    public static void MapApi(RouteGroupBuilder api) => EmergencyAccessApi.Map(api);
}
