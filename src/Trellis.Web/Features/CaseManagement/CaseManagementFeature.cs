using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.CaseManagement;

/// <summary>Case management: needs assessments and referrals (chart tab), the community resources directory and API.</summary>
public sealed class CaseManagementFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ChartTab("case-management", "Case management", Permissions.ReadClinical, 61));
        services.AddSingleton(new NavItem("/resources", "Community resources", Permissions.Anyone, 160, "Resources"));
    }

    public static void MapApi(RouteGroupBuilder api) => api.MapGroup(string.Empty).MapCaseManagementApi();
}
