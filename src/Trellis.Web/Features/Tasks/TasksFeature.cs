using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Tasks;

/// <summary>Care tasks: the task list, the chart's tasks tab, the "my tasks" card and /api/tasks.</summary>
public sealed class TasksFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new NavItem("/tasks", "Tasks", Permissions.AnyStaff, 20));
        services.AddSingleton(new ChartTab("tasks", "Tasks", Permissions.AnyStaff, 90));
        services.AddSingleton(new HomeCard(typeof(Pages.MyTasksWidget), Permissions.AnyStaff, 20));
    }

    public static void MapApi(RouteGroupBuilder api) => api.MapTasksApi();
}
