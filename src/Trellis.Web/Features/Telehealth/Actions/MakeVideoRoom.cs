using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Telehealth.Actions;

/// <summary>
/// Gives a session or an appointment a room on the clinic's own video service (<see cref="TelehealthOptions.BaseUrl"/>
/// and an unguessable name). A visit that already has a link keeps it (a pasted link, or one made before): 409. Those who
/// edit sessions make one for a session, those who book appointments for an appointment; outside the caller's programs
/// it is a 404. POST /api/sessions/{id}/video-room, POST /api/appointments/{id}/video-room and the session and appointment pages call it.
/// </summary>
public static class MakeVideoRoom
{
    public static async Task<Result<string>> RunAsync(TrellisDbContext db, TelehealthOptions options, string kind, Guid id, CancellationToken ct = default)
    {
        Entity? target;
        string? current;
        if (kind == VideoVisits.Session)
        {
            var s = await db.GroupSessions.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (s is null) return Refusal.NotFound("session");
            if (!db.Me.May(Permissions.EditSessions)) return Refusal.Forbidden("Video rooms for group sessions are made by those who edit sessions.");
            (target, current) = (s, s.TelehealthUrl);
            if (current is null && options.BaseUrl is { Length: > 0 } b) { s.TelehealthUrl = VideoVisits.NewRoom(b); s.IsOneOffChange = true; }
        }
        else if (kind == VideoVisits.Appointment)
        {
            var a = await db.Appointments.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (a is null) return Refusal.NotFound("appointment");
            if (!db.Me.May(Permissions.BookAppointments)) return Refusal.Forbidden("Video rooms for appointments are made by those who book them.");
            (target, current) = (a, a.TelehealthUrl);
            if (current is null && options.BaseUrl is { Length: > 0 } b) a.TelehealthUrl = VideoVisits.NewRoom(b);
        }
        else return Refusal.NotFound("visit");
        if (current is not null) return Refusal.Conflict("This visit already has a video link. Change it on its edit page.");
        if (string.IsNullOrEmpty(options.BaseUrl)) return Refusal.Conflict("No video service is configured (Telehealth:BaseUrl). Paste a link on the visit's edit page instead.");
        if (!await Concurrency.SaveIfUnchangedAsync(db, target, target.Version, ct: ct)) return Refusal.Stale(target.Version);
        return kind == VideoVisits.Session ? ((Scheduling.GroupSession)target).TelehealthUrl! : ((Scheduling.Appointment)target).TelehealthUrl!;
    }
}
