using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Mail;
using Trellis.Web.Features.Messages.Actions;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Messages;

public sealed class MessagesFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config) { }

    public static void MapApi(RouteGroupBuilder api)
    {
        var thread = api.MapGroup("/participants/{id:guid}/messages").WithTags("Messages").RequireAuthorization(Permissions.Anyone);
        thread.MapGet("/", ThreadAsync).WithSummary("The participant's thread with their care team, oldest first; opening it marks the other side's messages read.");
        thread.MapPost("/", SendAsync).WithSummary("Write in the thread (the participant, or their clinical care team). Not for emergencies: call or text 988.");
        api.MapGet("/messages/inbox", InboxAsync).WithTags("Messages").RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("The care team's inbox: one row per thread in your programs, with unread messages from the participant.");
    }

    public static async Task<Results<Ok<List<MessageDto>>, ProblemHttpResult>> ThreadAsync(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("participant").ToProblem();
        var own = db.Me.ParticipantId == id;
        if (!own && !db.Me.May(Permissions.ReadClinical)) return Refusal.Forbidden("Only the participant and their clinical care team read this thread.").ToProblem();
        var messages = await db.Set<SecureMessage>().Where(m => m.ParticipantId == id).OrderBy(m => m.SentAt).Take(500).ToListAsync(ct);
        foreach (var m in messages.Where(m => m.ReadAt is null && m.FromParticipant != own)) m.ReadAt = db.Now;
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
        await db.AuditReadAsync(nameof(SecureMessage), messages.Select(m => ((object)m.Id, (Guid?)id)), "message thread", ct);
        return TypedResults.Ok(messages.Select(MessageDto.From).ToList());
    }

    public static async Task<Results<Created<MessageDto>, ProblemHttpResult>> SendAsync(Guid id, MessageInput input, TrellisDbContext db, PublicLinks links, CancellationToken ct)
    {
        var (message, refused) = await SendMessage.RunAsync(db, links, id, input, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Created($"/api/participants/{id}/messages", MessageDto.From(message!));
    }

    public static async Task<Ok<List<InboxRow>>> InboxAsync(TrellisDbContext db, CancellationToken ct)
    {
        var rows = await db.Set<SecureMessage>().GroupBy(m => new { m.ParticipantId, m.Participant!.PreferredName, m.Participant.LegalFirstName, m.Participant.LegalLastName })
            .Select(g => new
            {
                g.Key.ParticipantId, g.Key.PreferredName, g.Key.LegalFirstName, g.Key.LegalLastName,
                Unread = g.Count(m => m.FromParticipant && m.ReadAt == null), LastAt = g.Max(m => m.SentAt),
            }).ToListAsync(ct);
        var lastFrom = await db.Set<SecureMessage>().Where(m => !db.Set<SecureMessage>().Any(n => n.ParticipantId == m.ParticipantId && n.SentAt > m.SentAt))
            .Select(m => new { m.ParticipantId, m.FromParticipant }).ToListAsync(ct);
        var from = lastFrom.GroupBy(x => x.ParticipantId).ToDictionary(g => g.Key, g => g.First().FromParticipant);
        var inbox = rows.Select(r => new InboxRow(r.ParticipantId, Participant.NameOf(r.PreferredName, r.LegalFirstName, r.LegalLastName), r.Unread, r.LastAt,
            from.GetValueOrDefault(r.ParticipantId))).OrderByDescending(r => r.Unread > 0).ThenByDescending(r => r.LastAt).ToList();
        await db.AuditReadAsync(nameof(SecureMessage), inbox.Select(r => ((object)r.ParticipantId, (Guid?)r.ParticipantId)), "message inbox", ct);
        return TypedResults.Ok(inbox);
    }
}
