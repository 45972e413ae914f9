using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Discharge;

/// <summary>Discharge and aftercare: the chart tab and API.</summary>
public sealed class DischargeFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config) =>
        services.AddSingleton(new ChartTab("discharge", "Discharge", Permissions.ReadClinical, 80));

    public static void MapApi(RouteGroupBuilder api) => api.MapGroup(string.Empty).MapDischargeApi();
}
