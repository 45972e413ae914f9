using Microsoft.AspNetCore.Identity;

namespace Trellis.Web.Features.Auth;

/// <summary>A sign-in account: a staff member's or a participant's.</summary>
public sealed class TrellisUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public Guid? StaffMemberId { get; set; }
    public Guid? ParticipantId { get; set; }
    /// <summary>Disabled accounts cannot sign in and lose every open session and token.</summary>
    public bool IsDisabled { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string ProgramDirector = nameof(ProgramDirector);
    public const string Clinician = nameof(Clinician);
    public const string Prescriber = nameof(Prescriber);
    public const string CaseManager = nameof(CaseManager);
    public const string IntakeCoordinator = nameof(IntakeCoordinator);
    public const string Participant = nameof(Participant);
    /// <summary>A family member or friend a participant invited under a signed consent: sees only what it names (Features/Portal/Support).</summary>
    public const string SupportPerson = nameof(SupportPerson);
    /// <summary>Billing specialist: payers, coverage, charges, claims, remittances and balances; never note text, plans or measures.</summary>
    public const string Billing = nameof(Billing);

    public static readonly string[] All = [Administrator, ProgramDirector, Clinician, Prescriber, CaseManager, IntakeCoordinator, Participant, Billing, SupportPerson];
    public static readonly string[] Staff = [Administrator, ProgramDirector, Clinician, Prescriber, CaseManager, IntakeCoordinator, Billing];

    public static string Label(string role) => role switch
    {
        ProgramDirector => "Program director",
        CaseManager => "Case manager",
        IntakeCoordinator => "Intake coordinator",
        Billing => "Billing specialist",
        SupportPerson => "Support person",
        _ => role,
    };
}
