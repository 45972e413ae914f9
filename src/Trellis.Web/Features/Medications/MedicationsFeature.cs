using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Medications;

/// <summary>Medications, allergies, reconciliations and drug tests: chart tabs and API.</summary>
public sealed class MedicationsFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ChartTab("medications", "Medications", Permissions.ReadClinical, 50));
        services.AddSingleton(new ChartTab("drug-tests", "Drug tests", Permissions.ReadClinical, 55));
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty);
        group.MapMedicationsApi();
        group.MapDrugTestsApi();
    }
}
