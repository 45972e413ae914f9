using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling;

/// <summary>Scheduling and attendance: menu, chart tab and flag, home cards, demo data, session generation, the API and the calendar feed.</summary>
public sealed class SchedulingFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new NavItem("/schedule/today", "Schedule", Permissions.AnyStaff, 40));
        services.AddSingleton(new NavItem("/my/schedule", "My schedule", Permissions.OwnPortal, 41));
        services.AddSingleton(new NavItem("/schedule/hours", "Hours per week", Permissions.AnyStaff, 140, "Scheduling"));
        services.AddSingleton(new NavItem("/schedule/closures", "Closures and holidays", Permissions.AnyStaff, 150, "Scheduling"));
        services.AddSingleton(new ChartTab("schedule", "Schedule", Permissions.AnyStaff, 30));
        services.AddSingleton(new ChartFlag(typeof(Hours.Pages.HoursFlag), 20));
        services.AddSingleton(new HomeCard(typeof(Views.Pages.TodayWidget), Permissions.AnyStaff, 60));
        services.AddSingleton(new HomeCard(typeof(Hours.Pages.HoursWidget), Permissions.WatchHours, 70));
        services.AddSingleton(new ParticipantCard(typeof(Views.Pages.MyScheduleWidget), 10));
        services.AddScoped<Demo.IDemoData, SchedulingDemo.SchedulingDemoData>();
        services.AddHostedService<SessionGenerationService>();
    }

    /// <summary>Every endpoint validates its body in its action (Actions/), so the framework's validation is off for the group.</summary>
    public static void MapApi(RouteGroupBuilder api)
    {
        var group = api.MapGroup(string.Empty).DisableValidation();
        group.MapSessionsApi();
        group.MapAttendanceApi();
        group.MapAppointmentsApi();
        group.MapScheduleApi();
        group.MapClosuresApi();
    }

    public static void MapEndpoints(IEndpointRouteBuilder app) => app.MapCalendarFeed();
}
