using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Outcomes;

/// <summary>
/// Measurement-based care and program outcomes (issue 10): measurement schedules and due measures, a participant's
/// trends, the program dashboard, post-discharge follow-up, reports and exports.
/// </summary>
public sealed class OutcomesFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ChartTab("outcomes", "Outcomes", Permissions.ReadClinical, 21));
        services.AddSingleton(new NavItem("/outcomes", "Outcomes", Permissions.ReadClinical, 65));
        services.AddSingleton(new HomeCard(typeof(Pages.MeasuresDueWidget), Permissions.CarryCaseload, 85));
        services.AddSingleton(new ParticipantCard(typeof(Pages.MyMeasuresWidget), 30));
        services.AddScoped<IDemoData, Demo.OutcomesDemo>();
        services.AddHostedService<OutcomeTasksService>();
        services.AddSingleton<Data.ISaveHook, Summaries.OutcomeSummaryHook>();
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapOutcomesApi();
        api.MapReportsApi();
        api.MapFollowUpsApi();
    }

    /// <summary>The pages' CSV downloads (cookie sign-in), the same handler as /api/reports/{key}.</summary>
    public static void MapEndpoints(IEndpointRouteBuilder app) =>
        app.MapGet("/outcomes/export/{key}", ReportsApi.Table).RequireAuthorization(Permissions.ReadClinical).ExcludeFromDescription();
}
