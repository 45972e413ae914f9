using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Scheduling.SchedulingDemo;

/// <summary>Past attendance: most people come, some come late or leave early, a few are slipping away.</summary>
internal static class DemoAttendance
{
    private static readonly string[] Outcomes =
    [
        "Reached by phone the same afternoon: a shift was changed at short notice. Back on the next group day.",
        "Left a voicemail and a text; they called back the next morning. Sick child; plans to attend as usual.",
        "Reached by phone. Transport fell through; gave them the bus pass programme details.",
        "Texted; they replied that they overslept after a hard night. Talked through the sleep plan; back Thursday.",
        "No answer by phone; reached the next day. Felt overwhelmed after the last group; booked an individual session to talk it through.",
    ];

    public static void Add(DemoContext demo, List<GroupSession> sessions, List<Appointment> appointments, DateOnly today)
    {
        var f = demo.Faker;
        var db = demo.Db;
        // How reliably each person comes: most steady, some struggling, a few slipping away recently.
        var profile = demo.Participants.ToDictionary(p => p.Id, _ => f.Random.WeightedRandom(new[] { 0, 1, 2 }, new[] { .68f, .22f, .10f }));
        var recentCut = today.AddDays(-8);
        var videoRooms = demo.Rooms.Where(r => r.IsTelehealth).Select(r => r.Id).ToHashSet();
        bool ByVideo(Guid? room, string? url) => Modalities.EventByVideo(room, room is { } id && videoRooms.Contains(id), url);
        foreach (var s in sessions.Where(s => s.Status == SessionStatus.Scheduled))
        {
            var roster = demo.Participants.Where(p => p.Status is ParticipantStatus.Active or ParticipantStatus.Admitted or ParticipantStatus.Discharged
                && p.Enrollments.Any(e => e.TrackId == s.TrackId && e.StartedOn <= s.LocalDate && (e.EndedOn == null || e.EndedOn >= s.LocalDate)));
            foreach (var p in roster)
                Record(demo, p, profile[p.Id], s.LocalDate >= recentCut, s.Id, null, s.Title, s.LocalDate, s.DurationMinutes, today, ByVideo(s.RoomId, s.TelehealthUrl));
        }
        foreach (var a in appointments.Where(a => a.Status == AppointmentStatus.Scheduled))
        {
            var p = demo.Participants.First(x => x.Id == a.ParticipantId);
            Record(demo, p, profile[p.Id], a.LocalDate >= recentCut, null, a.Id, Conflicts.Describe(a.ServiceType), a.LocalDate, a.DurationMinutes, today, ByVideo(a.RoomId, a.TelehealthUrl));
        }
    }

    private static void Record(DemoContext demo, Participant p, int profile, bool recent, Guid? sessionId, Guid? appointmentId,
        string title, DateOnly day, int minutes, DateOnly today, bool byVideo)
    {
        var f = demo.Faker;
        var roll = f.Random.Double();
        var attendP = profile switch { 0 => .95, 1 => .78, _ => recent ? .1 : .85 };
        AttendanceStatus status;
        int? late = null, early = null;
        if (roll < attendP)
        {
            var kind = f.Random.Double();
            if (kind < .08) { status = AttendanceStatus.Late; late = f.Random.Int(5, 25); }
            else if (kind < .13) { status = AttendanceStatus.LeftEarly; early = f.Random.Int(10, 30); }
            else if (kind < .2) status = AttendanceStatus.Telehealth;
            else status = AttendanceStatus.Present;
        }
        else status = f.Random.Bool(profile == 2 ? .8f : .5f) ? AttendanceStatus.AbsentUnexcused : AttendanceStatus.AbsentExcused;

        var record = new AttendanceRecord
        {
            ParticipantId = p.Id, GroupSessionId = sessionId, AppointmentId = appointmentId, Status = status, Modality = Modalities.Of(status, byVideo), MinutesLate = late, MinutesLeftEarly = early,
            MinutesAttended = AttendanceRules.MinutesAttended(status, minutes, late, early),
            Note = status == AttendanceStatus.AbsentExcused ? f.PickRandom("Called in sick.", "Work shift changed; called ahead.", "Childcare fell through; called the front desk.") : null,
        };
        demo.Db.Attendance.Add(record);
        demo.Db.Add(new AttendanceChange
        {
            AttendanceRecordId = record.Id, ParticipantId = p.Id, Status = status, MinutesLate = late, MinutesLeftEarly = early,
            MinutesAttended = record.MinutesAttended, Note = record.Note, ChangedAt = demo.Db.Now, ChangedBy = "demo",
        });
        if (status != AttendanceStatus.AbsentUnexcused) return;
        var task = CareTasks.Raise(demo.Db, p.Id, CareTaskKinds.MissedSessionFollowUp, $"Missed {title} on {day:ddd MMM d}: reach out today", day,
            p.CaseManagerId, p.CaseManagerId is null ? Roles.CaseManager : null,
            $"{p.DisplayName} was absent without notice from {title} on {day:ddd MMM d}. Reach out today, find out what got in the way, and record how it went.",
            MissedSessions.SourceType, record.Id);
        if (day < today.AddDays(-4))
        {
            task.Status = CareTaskStatus.Done;
            task.Outcome = f.PickRandom(Outcomes);
            task.CompletedAt = demo.Db.Now.AddDays(day.DayNumber - today.DayNumber + 1);
            task.CompletedBy = "demo";
        }
    }

    /// <summary>The engagement rules applied to the past weeks as they would have been live.</summary>
    public static async Task RaiseEngagementAlertsAsync(DemoContext demo, DateOnly today, CancellationToken ct)
    {
        var db = demo.Db;
        var ids = demo.Participants.Where(p => p.Status is ParticipantStatus.Active or ParticipantStatus.Admitted).Select(p => p.Id).ToList();
        foreach (var program in new[] { demo.MentalHealth, demo.SubstanceUse })
        {
            var settings = await ScheduleSettings.ForAsync(db, program.Id, ct);
            var mine = demo.Participants.Where(p => p.ProgramId == program.Id && ids.Contains(p.Id)).Select(p => p.Id).ToList();
            await MissedSessions.CheckEngagementAsync(db, mine, settings, today, ct);
        }
    }
}
