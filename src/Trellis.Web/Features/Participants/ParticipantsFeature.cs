using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Participants;

/// <summary>Participants: the list, the chart's overview tab and /api/participants.</summary>
public sealed class ParticipantsFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new NavItem("/participants", "Participants", Permissions.AnyStaff, 10));
        services.AddSingleton(new ChartTab("", "Overview", Permissions.Anyone, 0));
    }

    public static void MapApi(RouteGroupBuilder api) => api.MapParticipantsApi();
}
