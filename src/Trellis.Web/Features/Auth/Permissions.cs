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

    public static string[] Split(string roles) => roles.Split(',');
}
