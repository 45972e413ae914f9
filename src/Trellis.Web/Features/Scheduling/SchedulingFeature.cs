using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Scheduling;

/// <summary>Scheduling and attendance: registrations, and the API under /api plus the calendar feed.</summary>
public static class SchedulingFeature
{
    public static void Register(IServiceCollection services)
    {
        Navigation.Add(new NavItem("/schedule/today", "Schedule", Permissions.AnyStaff));
        Navigation.Add(new NavItem("/my/schedule", "My schedule", Roles.Participant));
        Navigation.Add(new NavItem("/schedule/hours", "Hours per week", Permissions.AnyStaff, "Scheduling"));
        Navigation.Add(new NavItem("/schedule/closures", "Closures and holidays", Permissions.AnyStaff, "Scheduling"));
        ChartTabs.AddTab(new ChartTab("schedule", "Schedule", Permissions.AnyStaff, 30));
        ChartTabs.AddFlag(typeof(Hours.Pages.HoursFlag));
        HomeWidgets.Add(typeof(Views.Pages.TodayWidget), Permissions.AnyStaff);
        HomeWidgets.Add(typeof(Hours.Pages.HoursWidget), "ProgramDirector,CaseManager");
        ParticipantWidgets.Add(typeof(Views.Pages.MyScheduleWidget));
        services.AddScoped<Demo.IDemoData, SchedulingDemo.SchedulingDemoData>();
        services.AddHostedService<SessionGenerationService>();
    }

    public static RouteGroupBuilder MapSchedulingApi(this RouteGroupBuilder api)
    {
        api.MapSessionsApi();
        api.MapAppointmentsApi();
        api.MapScheduleApi();
        api.MapClosuresApi();
        return api;
    }
}
