using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Portal.Documents;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Telehealth;

/// <summary>One of the participant's video visits: a group session of their track that day, or their own appointment.</summary>
public sealed record VideoVisit(string Kind, Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Url, bool Cancelled, string TimeZoneId)
{
    public string Key => KeyOf(Kind, Id);

    /// <summary>How a <see cref="VideoLocation"/> names its visit.</summary>
    public static string KeyOf(string kind, Guid id) => $"{kind}:{id}";
}

/// <summary>
/// The rules of a video visit in the portal: which visits are the participant's (anything else is a 404, like a missing
/// one), when the link shows (from <see cref="TelehealthOptions.WindowMinutes"/> before the start until the end), the
/// telehealth consent signed once (a document of the intake packet, <see cref="IntakePacket.TelehealthConsent"/>), and
/// the location confirmed for this visit. The page and the API both answer from <see cref="StateAsync"/>.
/// </summary>
public static class VideoVisits
{
    public const string Session = "session", Appointment = "appointment";

    /// <summary>The visit, when it is the participant's; null otherwise (another participant's, another track's, or none).</summary>
    public static async Task<VideoVisit?> FindAsync(TrellisDbContext db, Guid participantId, string kind, Guid id, CancellationToken ct = default)
    {
        if (kind == Appointment)
            return await db.Appointments.AsNoTracking().Where(a => a.Id == id && a.ParticipantId == participantId)
                .Select(a => new VideoVisit(Appointment, a.Id, a.StartsAt, a.EndsAt, a.TelehealthUrl ?? (a.Room != null && a.Room.IsTelehealth ? a.Room.TelehealthUrl : null),
                    a.Status == AppointmentStatus.Cancelled, a.Participant!.Program!.TimeZoneId)).FirstOrDefaultAsync(ct);
        if (kind != Session) return null;
        var day = await db.GroupSessions.AsNoTracking().Where(s => s.Id == id).Select(s => (DateOnly?)s.LocalDate).FirstOrDefaultAsync(ct);
        if (day is null) return null;
        var item = (await ScheduleQueries.ForParticipantAsync(db, participantId, day.Value, day.Value, ct)).FirstOrDefault(i => i.Kind == ScheduleItemKind.GroupSession && i.Id == id);
        return item is null ? null : new VideoVisit(Session, item.Id, item.StartsAt, item.EndsAt, item.TelehealthUrl, item.Cancelled, item.TimeZoneId);
    }

    public static Task<bool> ConsentSignedAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default) =>
        db.Set<SignedDocument>().AnyAsync(s => s.ParticipantId == participantId && s.TemplateKey == IntakePacket.TelehealthConsent, ct);

    public static DateTimeOffset OpensAt(VideoVisit v, TelehealthOptions o) => v.StartsAt.AddMinutes(-Math.Max(0, o.WindowMinutes));

    public static bool WindowOpen(VideoVisit v, TelehealthOptions o, DateTimeOffset now) => now >= OpensAt(v, o) && now < v.EndsAt;

    public static async Task<VideoVisitDto> StateAsync(TrellisDbContext db, Guid participantId, VideoVisit v, TelehealthOptions o, CancellationToken ct = default)
    {
        var consent = await ConsentSignedAsync(db, participantId, ct);
        var open = WindowOpen(v, o, db.Now);
        var where = await db.Set<VideoLocation>().AsNoTracking().FirstOrDefaultAsync(l => l.ParticipantId == participantId && l.Visit == v.Key, ct);
        var status = v.Cancelled ? "cancelled" : v.Url is null ? "in_person" : !consent ? "consent_needed" : db.Now < OpensAt(v, o) ? "not_yet_open"
            : db.Now >= v.EndsAt ? "ended" : where is null ? "location_needed" : "ready";
        return new VideoVisitDto(v.Kind, v.Id, v.StartsAt, v.EndsAt, OpensAt(v, o), consent, open, where?.Location, where?.PrivatePlace,
            status == "ready" ? v.Url : null, status);
    }

    /// <summary>A new room on the clinic's video service: its base address and 128 random bits (a CSPRNG), so nobody finds it by guessing.</summary>
    public static string NewRoom(string baseUrl) =>
        $"{baseUrl.TrimEnd('/')}/trellis-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}
