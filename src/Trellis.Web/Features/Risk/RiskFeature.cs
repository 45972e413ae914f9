using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Risk;

/// <summary>Risk flags: the chart header's badge, the home card of open flags and /api/risk-flags.</summary>
public sealed class RiskFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ChartFlag(typeof(Pages.RiskFlagBadge), 10));
        services.AddSingleton(new HomeCard(typeof(Pages.RiskWidget), Permissions.WatchRiskFlags, 50));
    }

    public static void MapApi(RouteGroupBuilder api) => api.MapRiskApi();
}
