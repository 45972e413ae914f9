using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Staff;

/// <summary>Staff members, credentials and program assignments: pages and /api/staff.</summary>
public sealed class StaffFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new NavItem("/staff", "Staff", Permissions.AnyStaff, 100, "Administration"));
    }

    public static void MapApi(RouteGroupBuilder api) => api.MapStaffApi();
}
