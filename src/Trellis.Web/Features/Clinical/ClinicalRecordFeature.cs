using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.CaseManagement;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Medications;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Plans;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Clinical;

/// <summary>
/// The clinical record (treatment plans, notes, safety and relapse prevention plans, medications,
/// drug tests, case management, discharge): its chart tabs, menu items, home cards, demo data and API.
/// </summary>
public static class ClinicalRecordFeature
{
    public static void Register(IServiceCollection services)
    {
        ChartTabs.AddTab(new ChartTab("treatment-plan", "Treatment plan", Permissions.ReadClinical, 20));
        ChartTabs.AddTab(new ChartTab("notes", "Notes", Permissions.ReadClinical, 30));
        ChartTabs.AddTab(new ChartTab("safety-plan", "Safety plan", Permissions.ReadClinical, 40));
        ChartTabs.AddTab(new ChartTab("relapse-prevention-plan", "Relapse prevention", Permissions.ReadClinical, 45));
        ChartTabs.AddTab(new ChartTab("medications", "Medications", Permissions.ReadClinical, 50));
        ChartTabs.AddTab(new ChartTab("drug-tests", "Drug tests", Permissions.ReadClinical, 55));
        ChartTabs.AddTab(new ChartTab("case-management", "Case management", Permissions.ReadClinical, 60));
        ChartTabs.AddTab(new ChartTab("discharge", "Discharge", Permissions.ReadClinical, 80));

        Navigation.Add(new NavItem("/notes", "Notes", Permissions.WriteNotes));
        Navigation.Add(new NavItem("/treatment-plans", "Plans due", Permissions.ReadClinical));
        Navigation.Add(new NavItem("/resources", "Community resources", Permissions.Anyone, "Resources"));
        Navigation.Add(new NavItem("/coping-skills", "Coping skills", Permissions.Anyone, "Resources"));
        Navigation.Add(new NavItem("/admin/treatment-plan-rules", "Treatment plan rules", Permissions.ManagePrograms, "Administration"));

        HomeWidgets.Add(typeof(Notes.Pages.NotesWidget), Permissions.WriteNotes);
        HomeWidgets.Add(typeof(TreatmentPlans.Pages.PlansDueWidget), Permissions.WriteTreatmentPlans);
        ParticipantWidgets.Add(typeof(Pages.MyPlansWidget));

        services.AddScoped<IDemoData, Demo.ClinicalDemoData>();
    }

    public static RouteGroupBuilder MapClinicalRecordApi(this RouteGroupBuilder root)
    {
        // Bodies are validated in the handlers (DeepValidation: nested objects, camelCase JSON paths), after
        // the record is found and its lock checked, so a change to a signed note answers 409 whatever its body.
        var api = root.MapGroup(string.Empty).DisableValidation();
        api.MapTreatmentPlansApi();
        api.MapNotesApi();
        api.MapGroupNotesApi();
        api.MapPlansApi();
        api.MapCopingSkillsApi();
        api.MapMedicationsApi();
        api.MapDrugTestsApi();
        api.MapCaseManagementApi();
        api.MapDischargeApi();
        return root;
    }
}
