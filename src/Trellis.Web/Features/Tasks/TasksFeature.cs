using Trellis.Web.Features.Home;

namespace Trellis.Web.Features.Tasks;

public static class TasksFeature
{
    public static void Register(IServiceCollection services)
    {
        HomeWidgets.Add(typeof(MyCaseloadWidget), "Clinician,Prescriber,CaseManager");
        HomeWidgets.Add(typeof(Pages.MyTasksWidget), Auth.Permissions.AnyStaff);
    }

    public static RouteGroupBuilder MapTasksApi(RouteGroupBuilder api) => TasksApi.MapTasksApi(api);
}
