using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Trellis.Web.Features.Auth.Actions;
using Trellis.Web.Features.Mail;

namespace Trellis.Web.Features.Auth;

public static class InvitationApi
{
    public static RouteGroupBuilder MapInvitationApi(this RouteGroupBuilder api)
    {
        api.MapPost("/participants/{id:guid}/invitation", InviteAsync).RequireAuthorization(Permissions.EditParticipants).WithTags("Portal")
            .WithSummary("Invite the participant to the portal: email (and text, where configured) a single-use link that expires. 409 once they have joined.");
        return api;
    }

    public static async Task<Results<Accepted<InvitationSent>, ProblemHttpResult>> InviteAsync(Guid id, TrellisDbContext db, UserManager<TrellisUser> users,
        PublicLinks links, IOptions<MailOptions> mail, ISmsSender sms, CancellationToken ct)
    {
        var (sent, refused) = await InviteParticipant.RunAsync(db, users, links, mail, sms, id, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Accepted((string?)null, sent!);
    }
}
