using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Organization;

/// <summary>The organization, its programs, tracks and rooms: admin pages and /api/programs.</summary>
public sealed class OrganizationFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config) =>
        services.AddSingleton(new NavItem("/admin/programs", "Programs, tracks and rooms", Permissions.ManagePrograms, 110, "Administration"));

    public static void MapApi(RouteGroupBuilder api) => api.MapProgramsApi();
}
