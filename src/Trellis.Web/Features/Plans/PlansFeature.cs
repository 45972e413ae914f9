using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Plans;

/// <summary>Safety and relapse prevention plans and the coping skills library: chart tabs, menu and API.</summary>
public sealed class PlansFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ChartTab("safety-plan", "Safety plan", Permissions.ReadClinical, 40));
        services.AddSingleton(new ChartTab("relapse-prevention-plan", "Relapse prevention", Permissions.ReadClinical, 45));
        services.AddSingleton(new NavItem("/coping-skills", "Coping skills", Permissions.Anyone, 170, "Resources"));
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty);
        group.MapPlansApi();
        group.MapCopingSkillsApi();
    }
}
