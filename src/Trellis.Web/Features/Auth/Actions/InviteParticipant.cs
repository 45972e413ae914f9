using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Mail;

namespace Trellis.Web.Features.Auth.Actions;

public sealed record InvitationSent(string Email, bool Texted, DateTimeOffset ExpiresAt);

/// <summary>
/// Invites a participant to the portal from their chart: makes their account (no password yet) if they have none, and
/// emails (and texts, where a text provider is configured and the chart has a phone) a single-use link that expires after
/// Mail:InvitationDays. Inviting again sends a new link; an account that already has a password is refused (the person
/// uses "Forgot your password?"). Who may: those who edit charts, within their care team (another program's chart is 404).
/// </summary>
public static class InviteParticipant
{
    public static async Task<Result<InvitationSent>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, PublicLinks links,
        IOptions<MailOptions> mail, ISmsSender sms, Guid participantId, CancellationToken ct = default)
    {
        if (await db.Participants.AsNoTracking().FirstOrDefaultAsync(p => p.Id == participantId, ct) is not { } participant)
            return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.EditParticipants)) return Refusal.Forbidden("Only the care team and intake invite a participant to the portal.");
        if (string.IsNullOrWhiteSpace(participant.Email))
            return Refusal.Invalid("email", "Add the participant's email to their chart first: the invitation is sent there.");
        var user = await users.Users.FirstOrDefaultAsync(u => u.ParticipantId == participantId, ct);
        if (user is not null && await users.HasPasswordAsync(user))
            return Refusal.Conflict("Already joined", $"{participant.FirstName} already has a portal account. They can use \"Forgot your password?\" on the sign-in page.");
        if (user is null)
        {
            if (await users.FindByEmailAsync(participant.Email.Trim()) is not null)
                return Refusal.Conflict("Email in use", "Another account already signs in with this email. Correct the email on the chart, or ask an administrator.");
            user = new TrellisUser
            {
                UserName = participant.Email.Trim(), Email = participant.Email.Trim(), DisplayName = participant.DisplayName,
                ParticipantId = participant.Id, CreatedAt = db.Now,
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded) return Refusal.Invalid("email", string.Join(" ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, Roles.Participant);
        }
        var token = await users.GenerateUserTokenAsync(user, AccountLinks.InvitationProvider, AccountLinks.InvitationPurpose);
        var link = links.To(AccountLinks.JoinPath(user.Id, token));
        Outbox.Email(db, user.Email!, Notices.Invitation(link, mail.Value.InvitationDays));
        var texted = sms.IsConfigured && !string.IsNullOrWhiteSpace(participant.Phone);
        if (texted) Outbox.Text(db, participant.Phone!, Notices.InvitationText(link));
        db.Audit(AuditActions.Create, "Invitation", user.Id, participant.Id, detail: texted ? "emailed and texted" : "emailed");
        await db.SaveChangesAsync(ct);
        return new InvitationSent(user.Email!, texted, db.Now.AddDays(mail.Value.InvitationDays));
    }
}
