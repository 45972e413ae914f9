using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Disclosures;

/// <summary>
/// 42 CFR Part 2 consent-based disclosure to outside recipients (issue 12 point 6): who is a recipient and what it reads
/// (<see cref="Part2Disclosures"/>, applied by the scope filters), the § 2.32 notice (<see cref="RedisclosureNotice"/>), and
/// the disclosure log the participant and their care team are shown.
/// </summary>
public sealed class DisclosuresFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ChartTab("disclosures", "Disclosures", Permissions.AnyStaff, 96));
        services.AddSingleton(new NavItem("/my/disclosures", "Who saw my records", Permissions.OwnPortal, 47));
        services.AddScoped<IDemoData, DisclosuresDemoData>();
    }

    public static void MapApi(RouteGroupBuilder api) => DisclosuresApi.Map(api);
}
