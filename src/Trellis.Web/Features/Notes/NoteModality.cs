using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Telehealth;

namespace Trellis.Web.Features.Notes;

/// <summary>
/// A note written for a session or appointment records how it was delivered, at signing: the participant's attendance
/// record's <see cref="Modality"/> (the same value the charge reads for place of service and modifier), or, before the
/// attendance is taken, the event's own (<see cref="Modalities.EventByVideo"/>); and for a video visit, where the
/// participant confirmed they were (<see cref="VideoLocation"/>). Kept on the note, so the signed text never changes.
/// </summary>
public static class NoteModality
{
    /// <param name="groupSessionId">The session of a group note whose parts these are; null for an individual note.</param>
    public static async Task StampAsync(TrellisDbContext db, IReadOnlyList<ClinicalNote> notes, Guid? groupSessionId, CancellationToken ct = default)
    {
        foreach (var note in notes)
        {
            var (kind, id) = groupSessionId is { } sid ? (VideoVisits.Session, sid) : note.AppointmentId is { } aid ? (VideoVisits.Appointment, aid) : (null, Guid.Empty);
            if (kind is null) { note.Modality = null; note.ParticipantLocation = null; continue; }
            var attended = await db.Attendance.AsNoTracking()
                .Where(a => a.ParticipantId == note.ParticipantId && (kind == VideoVisits.Session ? a.GroupSessionId == id : a.AppointmentId == id))
                .Select(a => (Modality?)a.Modality).FirstOrDefaultAsync(ct);
            note.Modality = attended ?? (await EventByVideoAsync(db, kind, id, ct) ? Modality.Video : Modality.InPerson);
            var visit = VideoVisit.KeyOf(kind, id);
            note.ParticipantLocation = note.Modality == Modality.Video
                ? await db.Set<VideoLocation>().AsNoTracking().Where(l => l.ParticipantId == note.ParticipantId && l.Visit == visit)
                    .Select(l => l.Location).FirstOrDefaultAsync(ct)
                : null;
        }
    }

    private static async Task<bool> EventByVideoAsync(TrellisDbContext db, string kind, Guid id, CancellationToken ct)
    {
        var e = kind == VideoVisits.Session
            ? await db.GroupSessions.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.RoomId, Video = s.Room != null && s.Room.IsTelehealth, s.TelehealthUrl }).FirstOrDefaultAsync(ct)
            : await db.Appointments.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.RoomId, Video = a.Room != null && a.Room.IsTelehealth, a.TelehealthUrl }).FirstOrDefaultAsync(ct);
        return e is not null && Modalities.EventByVideo(e.RoomId, e.Video, e.TelehealthUrl);
    }

    /// <summary>The line the note page, its print and its FHIR text carry; null when the note records no modality.</summary>
    public static string? Line(ClinicalNote note) => note.Modality switch
    {
        null => null,
        Modality.Video => $"Modality: {Modalities.Describe(Modality.Video)}. Participant's location: "
            + (note.ParticipantLocation is { Length: > 0 } where ? $"{where} (confirmed by the participant)." : "not confirmed."),
        { } m => $"Modality: {Modalities.Describe(m)}.",
    };
}
