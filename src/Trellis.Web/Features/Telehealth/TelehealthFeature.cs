using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Telehealth.Actions;

namespace Trellis.Web.Features.Telehealth;

/// <summary>
/// Video visits (issue 11): rooms made on the clinic's own video service or links pasted by staff; in the portal the link
/// shows only within the window before the start, after the telehealth consent is signed and the participant confirmed
/// where they are for this visit, which staff see beside the roster and the appointment.
/// </summary>
public sealed class TelehealthFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config) =>
        services.Configure<TelehealthOptions>(config.GetSection("Telehealth"));

    public static void MapApi(RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me/video/{kind}/{id:guid}").WithTags("Telehealth").RequireAuthorization(Permissions.OwnPortal);
        me.MapGet("/", StateAsync).WithSummary("One of your video visits (kind: session or appointment): when it opens, whether the telehealth consent is signed, the location you confirmed, and the join link once all three allow it. Not for emergencies: call or text 988.");
        me.MapPost("/location", ConfirmAsync).WithSummary("Confirm where you are for this visit ({ location, privatePlace: true }), while it is open. Needed before the link shows.");
        api.MapPost("/sessions/{id:guid}/video-room", (Guid id, TrellisDbContext db, IOptions<TelehealthOptions> o, CancellationToken ct) => RoomAsync(VideoVisits.Session, id, db, o, ct))
            .WithTags("Telehealth").RequireAuthorization(Permissions.EditSessions).WithSummary("Give the session a room on the clinic's video service (Telehealth:BaseUrl plus an unguessable name). 409 when it has a link.");
        api.MapPost("/appointments/{id:guid}/video-room", (Guid id, TrellisDbContext db, IOptions<TelehealthOptions> o, CancellationToken ct) => RoomAsync(VideoVisits.Appointment, id, db, o, ct))
            .WithTags("Telehealth").RequireAuthorization(Permissions.BookAppointments).WithSummary("Give the appointment a room on the clinic's video service. 409 when it has a link.");
    }

    public static async Task<Results<Ok<VideoVisitDto>, ProblemHttpResult>> StateAsync(string kind, Guid id, TrellisDbContext db, IOptions<TelehealthOptions> o, CancellationToken ct)
    {
        if (db.Me.ParticipantId is not { } pid || await VideoVisits.FindAsync(db, pid, kind, id, ct) is not { } visit) return Refusal.NotFound("visit").ToProblem();
        return TypedResults.Ok(await VideoVisits.StateAsync(db, pid, visit, o.Value, ct));
    }

    public static async Task<Results<Ok<VideoVisitDto>, ProblemHttpResult>> ConfirmAsync(string kind, Guid id, VideoLocationInput? input, TrellisDbContext db, IOptions<TelehealthOptions> o, CancellationToken ct)
    {
        var (_, refused) = await ConfirmVideoLocation.RunAsync(db, o.Value, kind, id, input ?? new(), ct);
        if (refused is not null) return refused.ToProblem();
        return await StateAsync(kind, id, db, o, ct);
    }

    public sealed record RoomDto(string Url);

    private static async Task<Results<Ok<RoomDto>, ProblemHttpResult>> RoomAsync(string kind, Guid id, TrellisDbContext db, IOptions<TelehealthOptions> o, CancellationToken ct)
    {
        var (url, refused) = await MakeVideoRoom.RunAsync(db, o.Value, kind, id, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(new RoomDto(url!));
    }
}
