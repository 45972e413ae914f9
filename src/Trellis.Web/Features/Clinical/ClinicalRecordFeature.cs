using Trellis.Web.Features.CaseManagement;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Medications;
using Trellis.Web.Features.Notes;
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
    }

    public static RouteGroupBuilder MapClinicalRecordApi(this RouteGroupBuilder api)
    {
        api.MapTreatmentPlansApi();
        api.MapNotesApi();
        api.MapGroupNotesApi();
        api.MapPlansApi();
        api.MapCopingSkillsApi();
        api.MapMedicationsApi();
        api.MapDrugTestsApi();
        api.MapCaseManagementApi();
        api.MapDischargeApi();
        return api;
    }
}
