using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>
/// Two weeks of held group sessions with attendance, so group notes have something to document.
/// Only when no session exists: once scheduling's own demo data runs first, its sessions are used.
/// </summary>
public static class DemoSessions
{
    public const int Days = 14;

    private static readonly string[] MentalHealthTopics =
        ["DBT skills: distress tolerance", "Process group", "Psychoeducation: sleep and mood", "CBT: catching unhelpful thoughts", "Process group", "Values and goals"];
    private static readonly string[] SubstanceUseTopics =
        ["Relapse prevention: triggers", "Process group", "Coping with cravings", "Recovery skills: refusal skills", "Process group", "Family and recovery"];

    public static async Task SeedAsync(DemoWriter w, CancellationToken ct)
    {
        if (await w.Db.GroupSessions.AnyAsync(ct)) return;
        foreach (var track in w.Demo.Tracks)
        {
            var program = track.ProgramId == w.Demo.MentalHealth.Id ? w.Demo.MentalHealth : w.Demo.SubstanceUse;
            var zone = TimeZoneInfo.FindSystemTimeZoneById(program.TimeZoneId);
            var topics = program == w.Demo.MentalHealth ? MentalHealthTopics : SubstanceUseTopics;
            var facilitators = w.Demo.StaffOf(program, Roles.Clinician).ToList();
            var members = w.Admitted.Where(p => p.TrackId == track.Id).ToList();
            var n = 0;
            for (var day = w.Today.AddDays(-Days); day <= w.Today; day = day.AddDays(1))
            {
                if (!track.Weekdays.HasFlag(day.DayOfWeek.ToFlag())) continue;
                var starts = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(track.StartTime), zone), TimeSpan.Zero);
                var session = new GroupSession
                {
                    ProgramId = program.Id, TrackId = track.Id, Title = topics[n++ % topics.Length], ServiceType = ServiceType.GroupTherapy,
                    StartsAt = starts, EndsAt = starts.AddMinutes(90), LocalDate = day, RoomId = track.DefaultRoomId, Capacity = track.Capacity,
                };
                // The demo clinician runs most of their program's groups, so their list of groups to document is real.
                var lead = facilitators.FirstOrDefault(f => f.Email == Features.Demo.DemoSeeder.EmailFor(Roles.Clinician)) is { } demoClinician && w.F.Random.Bool(0.7f)
                    ? demoClinician : w.F.PickRandom(facilitators);
                session.Facilitators.Add(new SessionFacilitator { GroupSessionId = session.Id, StaffMemberId = lead.Id });
                w.Db.GroupSessions.Add(session);
                if (starts > w.Now) continue;
                foreach (var p in members.Where(p => p.AdmittedOn <= day && (p.DischargedOn is null || p.DischargedOn >= day)))
                {
                    var status = p.Status == ParticipantStatus.OnHold ? AttendanceStatus.AbsentExcused
                        : w.F.Random.WeightedRandom([AttendanceStatus.Present, AttendanceStatus.Late, AttendanceStatus.Telehealth, AttendanceStatus.AbsentExcused, AttendanceStatus.AbsentUnexcused],
                            [0.78f, 0.06f, 0.06f, 0.05f, 0.05f]);
                    var late = status == AttendanceStatus.Late ? w.F.Random.Int(10, 25) : (int?)null;
                    var attended = status is AttendanceStatus.Present or AttendanceStatus.Late or AttendanceStatus.Telehealth;
                    w.Db.Attendance.Add(new AttendanceRecord
                    {
                        ParticipantId = p.Id, GroupSessionId = session.Id, Status = status, MinutesLate = late,
                        MinutesAttended = attended ? 90 - (late ?? 0) : 0,
                    });
                }
            }
        }
        await w.Db.SaveChangesAsync(ct);
    }
}
