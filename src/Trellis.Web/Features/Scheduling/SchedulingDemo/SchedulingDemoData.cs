using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Scheduling.SchedulingDemo;

/// <summary>
/// The demo clinic's schedule: a weekly template for every track (three one-hour groups a meeting
/// day), staff hours for individual appointments, six past weeks of sessions with realistic
/// attendance and its follow-ups, weekly individual and medication appointments, the weeks ahead
/// generated, and a staff-training closure coming up. Adult Mental Health also runs a weekend track
/// (Fri/Sat/Sun mornings, for people who work weekdays), so whatever day the demo is tried the demo
/// clinician leads a group today, with its roster waiting to be taken and its note to be written.
/// </summary>
public sealed class SchedulingDemoData : IDemoData
{
    public int Order => 200;
    public const int PastWeeks = 6;

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var db = demo.Db;
        foreach (var program in new[] { demo.MentalHealth, demo.SubstanceUse }) db.Add(ScheduleSettings.Defaults(program.Id));
        await AddWeekendTrackAsync(demo, ct);
        AddTemplates(demo);
        var availability = DemoAppointments.AddAvailability(demo);
        await db.SaveChangesAsync(ct);

        var zone = ProgramClock.Zone(demo.MentalHealth.TimeZoneId);
        var today = ProgramClock.LocalDate(db.Now, zone);
        var firstWeek = ProgramClock.WeekStart(today).AddDays(-7 * PastWeeks);
        await SessionGeneration.GenerateAsync(db, from: firstWeek, ct: ct);
        var appointments = DemoAppointments.AddAppointments(demo, availability, firstWeek.AddDays(7 * (PastWeeks - 4)), today, zone);
        await db.SaveChangesAsync(ct);

        var sessions = await db.GroupSessions.AsNoTracking().Where(s => s.LocalDate >= firstWeek && s.LocalDate < today).ToListAsync(ct);
        DemoAttendance.Add(demo, sessions, appointments.Where(a => a.LocalDate < today).ToList(), today);
        await db.SaveChangesAsync(ct);
        await DemoAttendance.RaiseEngagementAlertsAsync(demo, today, ct);

        // Staff training on a track day about two weeks out: the sessions are cancelled and everyone is told.
        var training = today.AddDays(10);
        while (training.DayOfWeek != DayOfWeek.Wednesday) training = training.AddDays(1);
        var closure = new Closure { StartsOn = training, EndsOn = training, Reason = "Clinic closed for staff training" };
        db.Add(closure);
        await Closures.ApplyAsync(db, closure, ct);
    }

    public const string WeekendTrack = "Weekend";

    /// <summary>
    /// Adult Mental Health's Fri/Sat/Sun morning track, with every third of the program's people who have
    /// a track and no recorded obligations placed in it since admission (the demo participant stays put).
    /// With the Mon/Wed/Thu morning and Mon/Tue/Thu evening tracks, the program meets every day.
    /// </summary>
    private static async Task AddWeekendTrackAsync(DemoContext demo, CancellationToken ct)
    {
        var weekend = new Track
        {
            ProgramId = demo.MentalHealth.Id, Program = demo.MentalHealth, Name = WeekendTrack, Weekdays = Weekdays.Friday | Weekdays.Saturday | Weekdays.Sunday,
            StartTime = new TimeOnly(9, 0), EndTime = new TimeOnly(12, 0), Capacity = 12, DefaultRoomId = demo.Rooms[0].Id,
        };
        demo.Db.Tracks.Add(weekend);
        demo.Tracks.Add(weekend);
        var bound = (await demo.Db.Set<WeeklyObligation>().Select(o => o.ParticipantId).Distinct().ToListAsync(ct)).ToHashSet();
        var movers = demo.Participants
            .Where(p => p.ProgramId == demo.MentalHealth.Id && p.TrackId != null && p.Id != demo.DemoParticipant.Id && !bound.Contains(p.Id)
                && p.Status is ParticipantStatus.Active or ParticipantStatus.Admitted or ParticipantStatus.Discharged)
            .Where((_, i) => i % 3 == 0).ToList();
        foreach (var p in movers)
        {
            foreach (var e in p.Enrollments.Where(e => e.TrackId == p.TrackId)) e.TrackId = weekend.Id;
            p.TrackId = weekend.Id;
        }
    }

    /// <summary>Each meeting day of a track is three one-hour groups, so a track gives the 9 hours a week IOP asks for.</summary>
    private static void AddTemplates(DemoContext demo)
    {
        var clinician = demo.DemoStaff[Roles.Clinician];
        foreach (var track in demo.Tracks)
        {
            var mh = track.ProgramId == demo.MentalHealth.Id;
            var team = demo.StaffOf(mh ? demo.MentalHealth : demo.SubstanceUse, Roles.Clinician).ToList();
            var others = team.Where(s => s.Id != clinician.Id).ToList();
            (string Title, ServiceType Type)[] groups = mh
                ? [("Process group", ServiceType.GroupTherapy), ("DBT skills group", ServiceType.SkillsGroup), ("Psychoeducation: mood and anxiety", ServiceType.Psychoeducation)]
                : [("Recovery process group", ServiceType.GroupTherapy), ("Relapse prevention skills", ServiceType.SkillsGroup), ("Psychoeducation: recovery", ServiceType.Psychoeducation)];
            for (var i = 0; i < groups.Length; i++)
            {
                var t = new SessionTemplate
                {
                    TrackId = track.Id, Title = groups[i].Title, ServiceType = groups[i].Type, Weekdays = track.Weekdays,
                    StartTime = track.StartTime.AddHours(i), EndTime = track.StartTime.AddHours(i + 1),
                };
                // The demo clinician leads the morning process and skills groups and the evening and weekend process groups.
                var lead = mh && ((track.Name == "Morning" && i < 2) || (track.Name is "Evening" or WeekendTrack && i == 0)) ? clinician : others[(i + (track.Name == "Evening" ? 1 : 0)) % others.Count];
                t.Facilitators.Add(new SessionTemplateFacilitator { SessionTemplateId = t.Id, StaffMemberId = lead.Id });
                demo.Db.Add(t);
            }
        }
    }
}
