using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Home;

/// <summary>Home: the first menu item, and the caseload card of staff who carry one.</summary>
public sealed class HomeFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new NavItem("/", "Home", Permissions.Anyone, 0));
        services.AddSingleton(new HomeCard(typeof(MyCaseloadWidget), Permissions.CarryCaseload, 10));
    }
}
