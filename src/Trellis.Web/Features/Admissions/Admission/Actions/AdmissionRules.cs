namespace Trellis.Web.Features.Admissions.Admission.Actions;

/// <summary>What the admission records' actions answer alike.</summary>
internal static class AdmissionRules
{
    public static readonly Refusal NotAllowed =
        Refusal.Forbidden("Obligations, the orientation checklist and consents are recorded by intake, directors, clinicians and case managers.");
}
