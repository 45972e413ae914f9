using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Mail;
using Trellis.Web.Features.Portal.Documents.Actions;

namespace Trellis.Web.Features.Portal.Support.Actions;

/// <summary>Body of POST /api/participants/{id}/support-people and the invitation form: who, what they may see, and the consent's signature.</summary>
public sealed class SupportInviteInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the support person's name."), MaxLength(200, ErrorMessage = "Keep the name to 200 characters.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Enter their email: the invitation is sent there."), EmailAddress(ErrorMessage = "Enter a valid email address."), MaxLength(256)]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Say who they are to the participant, for example mother, partner, friend."), MaxLength(60, ErrorMessage = "Keep the relationship to 60 characters.")]
    public string? Relationship { get; set; }

    /// <summary>They may see the schedule of the participant's family sessions.</summary>
    public bool SeesFamilySessions { get; set; }

    /// <summary>They may see general information about the program.</summary>
    public bool SeesProgramInformation { get; set; }

    /// <summary>The consent ends on this date (or on <see cref="ExpiresOnEvent"/>; one of them is required).</summary>
    public DateOnly? ExpiresOn { get; set; }

    [MaxLength(300, ErrorMessage = "Keep the event to 300 characters.")]
    public string? ExpiresOnEvent { get; set; }

    /// <summary>The participant understands they may revoke the consent at any time, that what is disclosed may be redisclosed only as the law allows, and that treatment does not depend on signing.</summary>
    public bool Acknowledged { get; set; }

    [Required(ErrorMessage = "The participant signs the consent by typing their name."), MaxLength(200, ErrorMessage = "Keep the name to 200 characters.")]
    public string? SignedBy { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!SeesFamilySessions && !SeesProgramInformation)
            yield return new("Choose what they may see: the family sessions' schedule, general program information, or both.", [nameof(SeesFamilySessions)]);
        if (!Acknowledged)
            yield return new("The consent can be signed only once the participant has read how to revoke it and how what is shared may be used.", [nameof(Acknowledged)]);
    }
}

/// <summary>
/// Invites a support person under the participant's signed consent: a <see cref="DisclosureConsent"/> (Part 2 in a Part 2
/// program) with every element, naming the person as the recipient and what they may see as the information; their
/// account (role SupportPerson, no password yet) and an invitation through <see cref="AccountLinks"/> that names neither
/// the participant nor the program. By the participant in the portal, or by the care team recording the signed consent.
/// </summary>
public static class InviteSupportPerson
{
    public static async Task<Result<SupportPerson>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, PublicLinks links, IOptions<MailOptions> mail,
        Guid participantId, SupportInviteInput input, CancellationToken ct = default)
    {
        if (await db.Participants.Include(p => p.Program).AsNoTracking().FirstOrDefaultAsync(p => p.Id == participantId, ct) is not { } participant)
            return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.InviteSupportPeople) || (db.Me.ParticipantId is { } me && me != participantId))
            return Refusal.Forbidden("Support people are invited by the participant or their care team.");
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        if (!SignDocument.NameMatches(input.SignedBy!.Trim(), participant))
            return Refusal.Invalid("signedBy", $"The consent is signed with the participant's own name, for example {participant.LegalName}.");
        var program = participant.Program!;
        var consentInput = new ConsentInput
        {
            Kind = program.IsPart2 ? ConsentKind.Part2 : ConsentKind.Release, PatientName = participant.LegalName, DisclosingParty = program.Name,
            Information = Information(input), Recipient = Trim($"{input.Name!.Trim()} ({input.Relationship!.Trim()}), {input.Email!.Trim()}", 300),
            Purpose = "So that my support person can take part in and support my treatment.", ExpiresOn = input.ExpiresOn,
            ExpiresOnEvent = string.IsNullOrWhiteSpace(input.ExpiresOnEvent) ? null : input.ExpiresOnEvent.Trim(),
            RightToRevokeExplained = input.Acknowledged, RedisclosureNoticeGiven = input.Acknowledged,
            SignedBy = input.SignedBy.Trim(), SignerRelationship = "self", SignedOn = participant.Today(db.Now),
        };
        if (Validation.Check(consentInput, clock: db.Clock) is { } consentInvalid) return consentInvalid;

        var email = input.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is not null && (user.ParticipantId is not null || user.StaffMemberId is not null || !await users.IsInRoleAsync(user, Roles.SupportPerson)))
            return Refusal.Invalid("email", "This email already signs in to Trellis as someone else's account. Use another email for the support person.");
        if (user is not null && await db.Set<SupportPerson>().AnyAsync(s => s.ParticipantId == participantId && s.UserId == user.Id && s.RevokedAt == null, ct))
            return Refusal.Conflict("Already invited", $"{input.Name.Trim()} is already a support person for this participant. Revoke the old consent first to change what they see.");
        if (user is null)
        {
            user = new TrellisUser { UserName = email, Email = email, DisplayName = input.Name.Trim(), CreatedAt = db.Now };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) return Refusal.Invalid("email", string.Join(" ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, Roles.SupportPerson);
        }

        var consent = OrientationRecords.AddConsent(db, participantId, consentInput);
        var link = new SupportPerson
        {
            ParticipantId = participantId, Name = input.Name.Trim(), Email = email, Relationship = input.Relationship.Trim(),
            SeesFamilySessions = input.SeesFamilySessions, SeesProgramInformation = input.SeesProgramInformation,
            ConsentId = consent.Id, UserId = user.Id, InvitedAt = db.Now, InvitedBy = db.Me.DisplayName,
        };
        db.Set<SupportPerson>().Add(link);
        if (!await users.HasPasswordAsync(user))
        {
            var token = await users.GenerateUserTokenAsync(user, AccountLinks.InvitationProvider, AccountLinks.InvitationPurpose);
            Outbox.Email(db, email, Notices.SupportInvitation(links.To(AccountLinks.JoinPath(user.Id, token)), mail.Value.InvitationDays));
        }
        db.Audit(AuditActions.Create, "Invitation", user.Id, participantId, detail: "support person invited");
        await db.SaveChangesAsync(ct);
        return link;
    }

    /// <summary>The consent's "how much and what kind of information", spelled out from what the person may see.</summary>
    public static string Information(SupportInviteInput input)
    {
        var parts = new List<string>();
        if (input.SeesFamilySessions) parts.Add("the dates, times and places of my family sessions");
        if (input.SeesProgramInformation) parts.Add("general information about the program (its name, description and the clinic's phone number)");
        return $"Only {string.Join(" and ", parts)}. No clinical notes, treatment plans, diagnoses, questionnaires, check-ins, attendance or messages.";
    }

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..max];
}
