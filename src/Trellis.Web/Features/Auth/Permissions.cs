using System.Collections.Frozen;
using Microsoft.AspNetCore.Authorization;
using R = Trellis.Web.Features.Auth.Roles;

namespace Trellis.Web.Features.Auth;

/// <summary>
/// Which roles may do what, in one place. Each constant is the name of an authorization policy,
/// registered once at start-up: pages use <c>[Authorize(Policy = Permissions.X)]</c>, route groups
/// <c>.RequireAuthorization(Permissions.X)</c>, and code asks <c>CurrentUser.May(Permissions.X)</c>.
/// Which *records* a role may touch is decided by care-team scoping in the queries, not here.
/// </summary>
public static class Permissions
{
    public const string AnyStaff = nameof(AnyStaff);
    public const string Anyone = nameof(Anyone);
    public const string OwnPortal = nameof(OwnPortal);
    /// <summary>Invite and revoke support people (family, friends) under the participant's consent: the participant themself and those who edit charts.</summary>
    public const string InviteSupportPeople = nameof(InviteSupportPeople);
    /// <summary>A support person's own page: what the participant's consent names, nothing else (Features/Portal/Support).</summary>
    public const string SupportPortal = nameof(SupportPortal);
    public const string CreateParticipants = nameof(CreateParticipants);
    public const string EditParticipants = nameof(EditParticipants);
    public const string DeleteParticipants = nameof(DeleteParticipants);
    public const string ManageStaff = nameof(ManageStaff);
    public const string ManagePrograms = nameof(ManagePrograms);
    public const string ManageOrganization = nameof(ManageOrganization);
    public const string ReadAudit = nameof(ReadAudit);
    /// <summary>See the admissions pipeline (board, list, figures) and leads of their programs.</summary>
    public const string ViewAdmissions = nameof(ViewAdmissions);
    /// <summary>Take, register, move, refer, waitlist and admit leads.</summary>
    public const string ManageAdmissions = nameof(ManageAdmissions);
    /// <summary>Record weekly obligations, the orientation checklist and consents at admission.</summary>
    public const string AdmissionRecords = nameof(AdmissionRecords);
    /// <summary>Decide a level of care: a clinical decision, so clinical roles only.</summary>
    public const string DecideLevelOfCare = nameof(DecideLevelOfCare);
    /// <summary>Record a level-of-care decision where the program allows intake to (LevelOfCareSettings); clinical roles always may.</summary>
    public const string DecideLevelOfCareWhereAllowed = nameof(DecideLevelOfCareWhereAllowed);
    public const string ManageAuthorizations = nameof(ManageAuthorizations);
    /// <summary>Give a screening instrument in the chart.</summary>
    public const string GiveInstruments = nameof(GiveInstruments);
    /// <summary>Clear a suicide-risk flag, with a written reason.</summary>
    public const string ClearRiskFlags = nameof(ClearRiskFlags);
    /// <summary>See the risk flags of their programs on the home page.</summary>
    public const string WatchRiskFlags = nameof(WatchRiskFlags);
    /// <summary>Carry a caseload (a home card of the participants they are primary for).</summary>
    public const string CarryCaseload = nameof(CarryCaseload);
    /// <summary>Watch hours delivered against the weekly minimum.</summary>
    public const string WatchHours = nameof(WatchHours);
    /// <summary>See staff licences that expired or expire soon (a home card).</summary>
    public const string WatchLicences = nameof(WatchLicences);

    // Clinical record (issue 5). Intake coordinators do not read clinical content (least privilege);
    // administrators may read it for compliance review but never write it.
    public const string ReadClinical = nameof(ReadClinical);
    /// <summary>Clinical content a participant also reads about themself: their treatment, safety and relapse prevention plans, their discharge copy.</summary>
    public const string ReadOwnPlans = nameof(ReadOwnPlans);
    public const string WriteNotes = nameof(WriteNotes);
    /// <summary>Individual and group therapy notes.</summary>
    public const string WriteTherapyNotes = nameof(WriteTherapyNotes);
    /// <summary>Medication management notes.</summary>
    public const string WriteMedicationNotes = nameof(WriteMedicationNotes);
    /// <summary>Case management notes.</summary>
    public const string WriteCaseNotes = nameof(WriteCaseNotes);
    public const string WriteTreatmentPlans = nameof(WriteTreatmentPlans);
    /// <summary>Sign a treatment plan: its clinicians, and the participant it belongs to.</summary>
    public const string SignTreatmentPlans = nameof(SignTreatmentPlans);
    public const string WriteSafetyPlans = nameof(WriteSafetyPlans);
    public const string WriteRelapsePlans = nameof(WriteRelapsePlans);
    public const string ManageMedications = nameof(ManageMedications);
    public const string RecordDrugTests = nameof(RecordDrugTests);
    public const string CaseManagement = nameof(CaseManagement);
    public const string Discharge = nameof(Discharge);
    public const string ManageResources = nameof(ManageResources);
    public const string ManageCopingSkills = nameof(ManageCopingSkills);

    // Scheduling.
    /// <summary>Track templates, closures, generation, the program's scheduling rules, anyone's availability.</summary>
    public const string ManageSchedule = nameof(ManageSchedule);
    /// <summary>One-off changes to a session (room, facilitator, time, capacity) and cancelling one.</summary>
    public const string EditSessions = nameof(EditSessions);
    /// <summary>Those who run groups and see people: they take attendance.</summary>
    public const string TakeAttendance = nameof(TakeAttendance);
    public const string BookAppointments = nameof(BookAppointments);
    /// <summary>Change attendance after the program's lock days (with a reason).</summary>
    public const string ChangeLockedAttendance = nameof(ChangeLockedAttendance);

    // Emergency access ("break the glass", ONC 170.315(d)(6)).
    public const string BreakTheGlass = nameof(BreakTheGlass);
    public const string ReviewEmergencyAccess = nameof(ReviewEmergencyAccess);
    public const string RestrictCharts = nameof(RestrictCharts);
    public const string SeeEmergencyAccess = nameof(SeeEmergencyAccess);

    // Billing (issue 9). The Billing role is not in Staff: AnyStaff opens the chart (its risk flags,
    // level-of-care rationale), and billing sees only what a claim needs, on its own pages.
    /// <summary>Payers, charges, claims, remittances, balances and reports (read).</summary>
    public const string ViewBilling = nameof(ViewBilling);
    /// <summary>Release charges, build and send claims, import remittances, fee schedules, payers, the billing identity.</summary>
    public const string ManageBilling = nameof(ManageBilling);
    /// <summary>Record a participant's coverage (intake does it during admission) and take their payments.</summary>
    public const string RecordCoverage = nameof(RecordCoverage);
    /// <summary>The chart's Billing tab (coverage and balance), for roles that open the chart.</summary>
    public const string ChartBilling = nameof(ChartBilling);

    // FHIR (issue 12). Who's who and where, without clinical content: a participant's identity and demographics,
    // staff and their NPIs, the clinic, its programs, rooms and payers. Every signed-in role, billing included.
    public const string ReadDirectory = nameof(ReadDirectory);

    private static readonly string[] Staff = [R.Administrator, R.ProgramDirector, R.Clinician, R.Prescriber, R.CaseManager, R.IntakeCoordinator];
    private static readonly string[] Clinical = [R.Administrator, R.ProgramDirector, R.Clinician, R.Prescriber, R.CaseManager];

    private static readonly FrozenDictionary<string, string[]> Table = new Dictionary<string, string[]>
    {
        [AnyStaff] = Staff,
        [Anyone] = [.. Staff, R.Participant],
        [OwnPortal] = [R.Participant],
        [InviteSupportPeople] = [R.Administrator, R.ProgramDirector, R.IntakeCoordinator, R.Clinician, R.CaseManager, R.Participant],
        [SupportPortal] = [R.SupportPerson],
        [CreateParticipants] = [R.Administrator, R.ProgramDirector, R.IntakeCoordinator],
        [EditParticipants] = [R.Administrator, R.ProgramDirector, R.IntakeCoordinator, R.Clinician, R.CaseManager],
        [DeleteParticipants] = [R.Administrator, R.ProgramDirector],
        [ManageStaff] = [R.Administrator],
        [ManagePrograms] = [R.Administrator, R.ProgramDirector],
        [ManageOrganization] = [R.Administrator],
        [ReadAudit] = [R.Administrator],
        [ViewAdmissions] = [R.Administrator, R.ProgramDirector, R.IntakeCoordinator, R.Clinician],
        [ManageAdmissions] = [R.Administrator, R.ProgramDirector, R.IntakeCoordinator],
        [AdmissionRecords] = [R.Administrator, R.ProgramDirector, R.IntakeCoordinator, R.Clinician, R.CaseManager],
        [DecideLevelOfCare] = [R.ProgramDirector, R.Clinician, R.Prescriber],
        [DecideLevelOfCareWhereAllowed] = [R.IntakeCoordinator],
        [ManageAuthorizations] = [R.Administrator, R.ProgramDirector, R.IntakeCoordinator, R.CaseManager],
        [GiveInstruments] = [R.ProgramDirector, R.Clinician, R.Prescriber, R.CaseManager, R.IntakeCoordinator],
        [ClearRiskFlags] = [R.Clinician],
        [WatchRiskFlags] = [R.ProgramDirector, R.Clinician, R.Prescriber],
        [CarryCaseload] = [R.Clinician, R.Prescriber, R.CaseManager],
        [WatchHours] = [R.ProgramDirector, R.CaseManager],
        [WatchLicences] = [R.Administrator, R.ProgramDirector],
        [ReadClinical] = Clinical,
        [ReadOwnPlans] = [.. Clinical, R.Participant],
        [WriteNotes] = [R.ProgramDirector, R.Clinician, R.Prescriber, R.CaseManager],
        [WriteTherapyNotes] = [R.ProgramDirector, R.Clinician],
        [WriteMedicationNotes] = [R.Prescriber],
        [WriteCaseNotes] = [R.ProgramDirector, R.CaseManager, R.Clinician],
        [WriteTreatmentPlans] = [R.ProgramDirector, R.Clinician],
        [SignTreatmentPlans] = [R.ProgramDirector, R.Clinician, R.Participant],
        [WriteSafetyPlans] = [R.ProgramDirector, R.Clinician, R.Prescriber],
        [WriteRelapsePlans] = [R.ProgramDirector, R.Clinician, R.Prescriber, R.CaseManager],
        [ManageMedications] = [R.ProgramDirector, R.Prescriber, R.Clinician],
        [RecordDrugTests] = [R.ProgramDirector, R.Clinician, R.Prescriber, R.CaseManager],
        [CaseManagement] = [R.ProgramDirector, R.CaseManager, R.Clinician],
        [Discharge] = [R.ProgramDirector, R.Clinician, R.CaseManager],
        [ManageResources] = [R.Administrator],
        [ManageCopingSkills] = [R.Administrator, R.ProgramDirector, R.Clinician],
        [ManageSchedule] = [R.Administrator, R.ProgramDirector],
        [EditSessions] = [R.Administrator, R.ProgramDirector, R.Clinician],
        [TakeAttendance] = [R.ProgramDirector, R.Clinician, R.Prescriber, R.CaseManager],
        [BookAppointments] = Staff,
        [ChangeLockedAttendance] = [R.ProgramDirector],
        [BreakTheGlass] = [R.ProgramDirector, R.Clinician, R.Prescriber],
        [ReviewEmergencyAccess] = [R.Administrator, R.ProgramDirector],
        [RestrictCharts] = [R.Administrator, R.ProgramDirector],
        [SeeEmergencyAccess] = [R.Administrator, R.ProgramDirector, R.Clinician, R.Prescriber],
        [ViewBilling] = [R.Billing, R.Administrator, R.ProgramDirector],
        [ManageBilling] = [R.Billing, R.Administrator],
        [RecordCoverage] = [R.Billing, R.Administrator, R.ProgramDirector, R.IntakeCoordinator],
        [ChartBilling] = [R.Administrator, R.ProgramDirector, R.IntakeCoordinator, R.CaseManager],
        [ReadDirectory] = [.. Staff, R.Participant, R.Billing],
    }.ToFrozenDictionary();

    /// <summary>The roles that hold a permission.</summary>
    public static IReadOnlyList<string> RolesOf(string permission) =>
        Table.TryGetValue(permission, out var roles) ? roles : throw new ArgumentException($"'{permission}' is not a permission.", nameof(permission));

    /// <summary>Every permission as a named policy (once, at start-up).</summary>
    public static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (name, roles) in Table) builder.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles));
        return builder;
    }
}
