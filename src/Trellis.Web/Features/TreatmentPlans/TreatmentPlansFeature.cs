using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.TreatmentPlans;

/// <summary>Treatment plans: the chart tab, plans due, the per-program rules, the due-plans card and the API.</summary>
public sealed class TreatmentPlansFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ChartTab("treatment-plan", "Treatment plan", Permissions.ReadClinical, 21));
        services.AddSingleton(new NavItem("/treatment-plans", "Plans due", Permissions.ReadClinical, 60));
        services.AddSingleton(new NavItem("/admin/treatment-plan-rules", "Treatment plan rules", Permissions.ManagePrograms, 180, "Administration"));
        services.AddSingleton(new HomeCard(typeof(Pages.PlansDueWidget), Permissions.WriteTreatmentPlans, 90));
    }

    // Clinical bodies are validated in the handlers, after the record's lock is checked.
    public static void MapApi(RouteGroupBuilder api) => api.MapGroup(string.Empty).MapTreatmentPlansApi();
}
