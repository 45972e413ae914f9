using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Admissions.Decisions;

/// <summary>Names of the levels of care, for people and for clinicians.</summary>
public static class LevelText
{
    public static string Of(LevelOfCare level) => level switch
    {
        LevelOfCare.Outpatient => "Outpatient (ASAM 1)",
        LevelOfCare.IntensiveOutpatient => "Intensive outpatient (ASAM 2.1)",
        LevelOfCare.PartialHospitalization => "Partial hospitalization (ASAM 2.5)",
        LevelOfCare.Residential => "Residential or medically monitored (ASAM 3)",
        _ => "Inpatient (ASAM 4)",
    };

    public static string Plain(LevelOfCare level) => level switch
    {
        LevelOfCare.Outpatient => "Weekly outpatient therapy",
        LevelOfCare.IntensiveOutpatient => "An intensive outpatient program (IOP)",
        LevelOfCare.PartialHospitalization => "A day program (partial hospitalization)",
        LevelOfCare.Residential => "A program with medical care, such as withdrawal management or residential treatment",
        _ => "Urgent care in hospital",
    };
}
