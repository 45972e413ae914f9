using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Home;

namespace Trellis.Web.Features.Clinical;

/// <summary>
/// The clinical record's shared parts: the participant's "my plans" card (treatment, safety and relapse
/// prevention plans, discharge copy) and the demo data that documents the demo clinic's weeks.
/// Each part of the record (treatment plans, notes, plans, medications, case management, discharge)
/// registers its own tab, menu items and routes.
/// </summary>
public sealed class ClinicalRecordFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ParticipantCard(typeof(Pages.MyPlansWidget), 20));
        services.AddScoped<IDemoData, Demo.ClinicalDemoData>();
    }
}
