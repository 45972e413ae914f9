using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Mail;
using Trellis.Web.Features.Messages.Actions;

namespace Trellis.Web.Features.Messages;

public sealed class MessagesFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ChartTab("messages", "Messages", Permissions.ReadClinical, 23));
        services.AddSingleton(new NavItem("/messages", "Messages", Permissions.ReadClinical, 25, Badge: typeof(Pages.MessagesBadge)));
        services.AddSingleton(new NavItem("/my/messages", "Messages", Permissions.OwnPortal, 42, Badge: typeof(Pages.MessagesBadge)));
        services.AddScoped<Trellis.Web.Features.Demo.IDemoData, Messages.Demo.MessagesDemo>();
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        var thread = api.MapGroup("/participants/{id:guid}/messages").WithTags("Messages").RequireAuthorization(Permissions.Anyone);
        thread.MapGet("/", ThreadAsync).WithSummary("The participant's thread with their care team, oldest first; opening it marks the other side's messages read.");
        thread.MapPost("/", SendAsync).WithSummary("Write in the thread (the participant, or their clinical care team). " + MessageQueries.EmergencyNote)
            .WithDescription(MessageQueries.EmergencyNote + " The thread is read by the care team during opening hours; it is not watched around the clock.");
        thread.MapPost("/with-file", SendWithFileAsync)
            .WithSummary("Write in the thread with a file attached: multipart/form-data with attachment (PDF, JPEG, PNG or HEIC, by content) and, if you like, body. " + MessageQueries.EmergencyNote)
            .WithDescription("The file passes the chart's upload checks: too large 413, not an allowed type by content 400, a virus 422, the scanner configured but not answering 503; nothing is saved on a refusal. It is downloaded at the message's attachment.url.");
        thread.MapGet("/assignment", AssignmentAsync)
            .WithSummary("Who of the care team answers the thread (null: the whole team). ETag: the thread's version, \"0\" before the first assignment.");
        thread.MapPut("/assignment", AssignAsync)
            .WithSummary("Assign the thread to yourself or a colleague of the participant's clinical care team ({ staffId }, null for the whole team). If-Match once it was assigned; 412 when stale.");
        api.MapGet("/messages/inbox", InboxAsync).WithTags("Messages").RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("The care team's inbox: one row per thread in your programs, newest first, with unread messages from the participant and who answers it.");
    }

    public static async Task<Results<Ok<List<MessageDto>>, ProblemHttpResult>> ThreadAsync(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        var (messages, refused) = await ReadThread.RunAsync(db, id, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(messages!.Select(MessageDto.From).ToList());
    }

    public static async Task<Results<Created<MessageDto>, ProblemHttpResult>> SendAsync(Guid id, MessageInput input, TrellisDbContext db, PublicLinks links,
        Portal.Uploads.UploadScanner scanner, CancellationToken ct)
    {
        var (message, refused) = await SendMessage.RunAsync(db, links, scanner, id, input, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Created($"/api/participants/{id}/messages", MessageDto.From(message!));
    }

    /// <remarks>The form is read here, not declared with Accepts: a declared content type is answered 415 in routing, before authorization.</remarks>
    public static async Task<Results<Created<MessageDto>, ProblemHttpResult>> SendWithFileAsync(Guid id, HttpRequest request, TrellisDbContext db, PublicLinks links,
        Portal.Uploads.UploadScanner scanner, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            return new Refusal(415, "Send a form", "Send multipart/form-data: a part named attachment (the file) and, if you like, a part named body (the message).").ToProblem();
        var form = await request.ReadFormAsync(ct);
        var input = new MessageInput { Body = form["body"].FirstOrDefault(), Attachment = form.Files.GetFile("attachment") };
        if (input.Attachment is null) return Refusal.Invalid("attachment", "Attach a file, or send the message as JSON to POST …/messages.").ToProblem();
        return await SendAsync(id, input, db, links, scanner, ct);
    }

    public static async Task<Results<Ok<AssignmentDto>, ProblemHttpResult>> AssignmentAsync(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("participant").ToProblem();
        if (!db.Me.May(Permissions.ReadClinical)) return Refusal.Forbidden("Only the participant's clinical care team sees who answers their messages.").ToProblem();
        var dto = await MessageQueries.AssignmentAsync(db, id, ct);
        ETags.Set(http, dto.Version);
        return TypedResults.Ok(dto);
    }

    public static async Task<Results<Ok<AssignmentDto>, ProblemHttpResult>> AssignAsync(Guid id, AssignThreadInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (_, refused) = await AssignThread.RunAsync(db, id, input ?? new(), ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        var dto = await MessageQueries.AssignmentAsync(db, id, ct);
        ETags.Set(http, dto.Version);
        return TypedResults.Ok(dto);
    }

    public static async Task<Ok<List<InboxRow>>> InboxAsync(TrellisDbContext db, CancellationToken ct)
    {
        var inbox = await MessageQueries.InboxAsync(db, ct);
        await db.AuditReadAsync(nameof(SecureMessage), inbox.Select(r => ((object)r.ParticipantId, (Guid?)r.ParticipantId)), "message inbox", ct);
        return TypedResults.Ok(inbox);
    }
}
