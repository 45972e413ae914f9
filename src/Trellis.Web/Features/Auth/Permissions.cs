namespace Trellis.Web.Features.Auth;

/// <summary>
/// Which roles may do what, in one place. Constants are comma lists so pages can use them in
/// [Authorize(Roles = …)]; <see cref="Split"/> gives the arrays minimal APIs want.
/// Which *records* a role may touch is decided by care-team scoping in the queries, not here.
/// </summary>
public static class Permissions
{
    public const string AnyStaff = "Administrator,ProgramDirector,Clinician,Prescriber,CaseManager,IntakeCoordinator";
    public const string Anyone = AnyStaff + ",Participant";
    public const string CreateParticipants = "Administrator,ProgramDirector,IntakeCoordinator";
    public const string EditParticipants = "Administrator,ProgramDirector,IntakeCoordinator,Clinician,CaseManager";
    public const string DeleteParticipants = "Administrator,ProgramDirector";
    public const string ManageStaff = "Administrator";
    public const string ManagePrograms = "Administrator,ProgramDirector";
    public const string ManageOrganization = "Administrator";
    public const string ReadAudit = "Administrator";
    /// <summary>See the admissions pipeline (board, list, figures) and leads of their programs.</summary>
    public const string ViewAdmissions = "Administrator,ProgramDirector,IntakeCoordinator,Clinician";
    /// <summary>Take, register, move, refer, waitlist and admit leads.</summary>
    public const string ManageAdmissions = "Administrator,ProgramDirector,IntakeCoordinator";
    /// <summary>Record weekly obligations, the orientation checklist and consents at admission.</summary>
    public const string AdmissionRecords = "Administrator,ProgramDirector,IntakeCoordinator,Clinician,CaseManager";
    /// <summary>Decide a level of care: a clinical decision, so clinical roles only.</summary>
    public const string DecideLevelOfCare = "ProgramDirector,Clinician,Prescriber";
    public const string ManageAuthorizations = "Administrator,ProgramDirector,IntakeCoordinator,CaseManager";
    /// <summary>Give a screening instrument in the chart.</summary>
    public const string GiveInstruments = "ProgramDirector,Clinician,Prescriber,CaseManager,IntakeCoordinator";
    /// <summary>Clear a suicide-risk flag, with a written reason.</summary>
    public const string ClearRiskFlags = "Clinician";

    // Clinical record (issue 5). Intake coordinators do not read clinical content (least privilege);
    // administrators may read it for compliance review but never write it.
    public const string ReadClinical = "Administrator,ProgramDirector,Clinician,Prescriber,CaseManager";
    /// <summary>Clinical content a participant also reads about themself: their treatment, safety and relapse prevention plans, their discharge copy.</summary>
    public const string ReadOwnPlans = ReadClinical + ",Participant";
    public const string WriteNotes = "ProgramDirector,Clinician,Prescriber,CaseManager";
    public const string WriteTreatmentPlans = "ProgramDirector,Clinician";
    public const string WriteSafetyPlans = "ProgramDirector,Clinician,Prescriber";
    public const string WriteRelapsePlans = "ProgramDirector,Clinician,Prescriber,CaseManager";
    public const string ManageMedications = "ProgramDirector,Prescriber,Clinician";
    public const string RecordDrugTests = "ProgramDirector,Clinician,Prescriber,CaseManager";
    public const string CaseManagement = "ProgramDirector,CaseManager,Clinician";
    public const string Discharge = "ProgramDirector,Clinician,CaseManager";
    public const string ManageResources = "Administrator";
    public const string ManageCopingSkills = "Administrator,ProgramDirector,Clinician";

    public static string[] Split(string roles) => roles.Split(',');
}
