using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Telehealth.Actions;

/// <summary>
/// The participant says where they are for this video visit, and that it is a private place. Only their own visit (any
/// other id is a 404), only a video visit, only while its window is open; confirming again updates it. The page
/// /my/video/{kind}/{id} and POST /api/me/video/{kind}/{id}/location call it.
/// </summary>
public static class ConfirmVideoLocation
{
    public static async Task<Result<VideoLocation>> RunAsync(TrellisDbContext db, TelehealthOptions options, string kind, Guid id, VideoLocationInput input, CancellationToken ct = default)
    {
        if (db.Me.ParticipantId is not { } pid) return Refusal.Forbidden("The participant confirms their own location.");
        if (await VideoVisits.FindAsync(db, pid, kind, id, ct) is not { } visit) return Refusal.NotFound(kind == VideoVisits.Session ? "session" : "appointment");
        if (visit.Url is null || visit.Cancelled) return Refusal.Conflict("This visit is not by video.");
        if (!VideoVisits.WindowOpen(visit, options, db.Now))
            return Refusal.Conflict($"You confirm your location when the visit opens, {options.WindowMinutes} minutes before the start.");
        if (Validation.Check(input) is { } invalid) return invalid;
        var row = await db.Set<VideoLocation>().FirstOrDefaultAsync(l => l.ParticipantId == pid && l.Visit == visit.Key, ct);
        if (row is null)
            db.Set<VideoLocation>().Add(row = new VideoLocation
            {
                ParticipantId = pid, Visit = visit.Key,
                GroupSessionId = kind == VideoVisits.Session ? id : null, AppointmentId = kind == VideoVisits.Appointment ? id : null,
            });
        row.Location = input.Location!.Trim();
        row.PrivatePlace = input.PrivatePlace!.Value;
        row.ConfirmedAt = db.Now;
        await db.SaveChangesAsync(ct);
        return row;
    }
}
