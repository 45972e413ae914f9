using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Instruments;

/// <summary>Screening instruments: the chart's measures tab, scoring (/api/instruments) and giving one in the chart.</summary>
public sealed class InstrumentsFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ChartTab("measures", "Measures", Permissions.AnyStaff, 20));
        // Checked here, as the app starts: a bad threshold stops it with the key named, before any page mislabels a change.
        services.AddSingleton(ReliableChangeThresholds.FromConfiguration(config));
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapInstrumentsApi();
        api.MapAdministrationsApi();
    }
}
