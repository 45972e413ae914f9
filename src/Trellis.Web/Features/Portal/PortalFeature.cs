using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Portal.CheckIns;

namespace Trellis.Web.Features.Portal;

/// <summary>
/// The participant portal (issue 11): daily check-ins with the program's alert rules, questionnaires due answered in the
/// portal, and the chart tab where the care team reads the check-ins.
/// </summary>
public sealed class PortalFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ChartTab("check-ins", "Check-ins", Permissions.ReadClinical, 22));
        services.AddSingleton(new ParticipantCard(typeof(CheckIns.Pages.CheckInCard), 5));
        services.AddHostedService<CheckInSweepService>();
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapCheckInsApi();
        Measures.MeasuresApi.MapMeasuresApi(api);
    }
}
