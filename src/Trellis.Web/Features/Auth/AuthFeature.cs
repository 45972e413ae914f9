using Trellis.Web.Components.Layout;

namespace Trellis.Web.Features.Auth;

/// <summary>Sign-in, sessions and security settings: the security page, /api/auth and the account form posts.</summary>
public sealed class AuthFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new NavItem("/admin/security", "Security", Permissions.ManageOrganization, 120, "Administration"));
        services.AddAccountLinks(config);
        services.AddTrellisPasskeys(config);
        services.AddSingleton(new Participants.ChartTab("portal", "Portal", Permissions.EditParticipants, 95));
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapAuthApi();
        api.MapInvitationApi();
        api.MapPasskeysApi();
    }

    public static void MapEndpoints(IEndpointRouteBuilder app) => app.MapAccountEndpoints().MapPasskeyPages();
}
