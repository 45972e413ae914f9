using System.Diagnostics;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Outcomes.Demo;

/// <summary>
/// <c>demo generate --participants N --years Y</c>: a large fictional program in an empty database, for benchmarks and for
/// trying the dashboards on something realistic. The demo's clinic and staff (<see cref="DemoSeeder.SeedFoundationAsync"/>),
/// its measurement schedules, enough tracks for groups of about twelve, a group session on every track day of the Y years,
/// and N stays (<see cref="OutcomesDemo.Stay"/>: admissions spread evenly, measures on the schedule, discharges for every
/// reason, readmissions, follow-ups), each with attendance at its track's sessions. A fixed seed makes the same data set
/// for the same day. Saved in batches with change detection off (one save per batch, then the tracker is cleared).
/// </summary>
public sealed class DemoGenerator(DemoSeeder seeder, TrellisDbContext db)
{
    public const int Batch = 250;
    public const int Seed = DemoSeeder.Seed + 77;

    /// <summary>Null when the database holds nothing yet; otherwise what it holds, for the refusal.</summary>
    public async Task<string?> WhyNotEmptyAsync(CancellationToken ct = default)
    {
        db.ActAs(AccessScope.System, Actor.System("demo"));
        var organizations = await db.Organizations.CountAsync(ct);
        var participants = await db.Participants.CountAsync(ct);
        var users = await db.Users.CountAsync(ct);
        return organizations + participants + users == 0 ? null
            : $"the database already holds records ({organizations} organization(s), {participants} participant(s), {users} account(s)); demo generate fills only an empty database";
    }

    public async Task<string> GenerateAsync(int participants, int years, Action<string>? progress = null, CancellationToken ct = default)
    {
        if (participants < 1 || years < 1) throw new ArgumentException("give at least one participant and one year");
        if (await WhyNotEmptyAsync(ct) is { } why) throw new InvalidOperationException(why);
        var clock = Stopwatch.StartNew();
        var demo = await seeder.SeedFoundationAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            OutcomesDemo.AddSchedules(demo);
            var f = new Faker("en") { Random = new Randomizer(Seed) };
            var first = demo.Today.AddDays(-365 * years);
            // About 45 days a stay: the census of a program is its share of stays times 45 over the days of the period.
            var census = (int)Math.Ceiling(participants / 2.0 * 45 / (365.0 * years));
            var programs = new[] { demo.MentalHealth, demo.SubstanceUse };
            foreach (var program in programs) AddTracks(demo, program, Math.Max(2, (int)Math.Ceiling(census / 12.0)));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var sessions = await AddSessionsAsync(demo, first, ct);
            progress?.Invoke($"{sessions.Values.Sum(s => s.Count)} group sessions ({clock.Elapsed.TotalSeconds:F0} s)");

            var attendance = 0;
            var tracksOf = programs.ToDictionary(p => p.Id, p => demo.Tracks.Where(t => t.ProgramId == p.Id).ToList());
            var span = demo.Today.DayNumber - first.DayNumber;
            for (var i = 0; i < participants; i++)
            {
                var program = programs[i % 2];
                var track = f.PickRandom(tracksOf[program.Id]);
                var admitted = first.AddDays(f.Random.Int(0, span));
                var p = OutcomesDemo.Stay(demo, f, program, track, $"TG{i + 1:D7}", admitted, readmitted: f.Random.Bool(0.08f));
                var until = p.DischargedOn ?? demo.Today.AddDays(-1);
                foreach (var s in sessions[track.Id].Where(s => s.Day >= admitted && s.Day <= until))
                {
                    db.Attendance.Add(Attend(f, p.Id, s));
                    attendance++;
                }
                if ((i + 1) % Batch == 0 || i + 1 == participants)
                {
                    await db.SaveChangesAsync(ct);
                    db.ChangeTracker.Clear();
                    if ((i + 1) % (Batch * 20) == 0) progress?.Invoke($"{i + 1} participants ({clock.Elapsed.TotalSeconds:F0} s)");
                }
            }
            var (raised, _, followUps) = await OutcomeTasks.SweepAsync(db, ct);
            db.ChangeTracker.Clear();
            return $"{participants} participants over {years} year(s): {sessions.Values.Sum(s => s.Count)} group sessions, {attendance} attendance records, "
                + $"{raised} overdue-measure tasks, follow-ups for {followUps} more discharges, in {clock.Elapsed.TotalSeconds:F0} s";
        }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = true; }
    }

    /// <summary>The program's tracks beyond the demo's morning and evening ones, so that groups stay about twelve strong.</summary>
    private void AddTracks(DemoContext demo, TreatmentProgram program, int wanted)
    {
        var existing = demo.Tracks.Where(t => t.ProgramId == program.Id).ToList();
        for (var n = existing.Count; n < wanted; n++)
        {
            var like = existing[n % existing.Count];
            var track = new Track
            {
                ProgramId = program.Id, Name = $"{like.Name} {n / existing.Count + 1}", Weekdays = like.Weekdays,
                StartTime = like.StartTime, EndTime = like.EndTime, Capacity = like.Capacity, DefaultRoomId = like.DefaultRoomId,
            };
            demo.Tracks.Add(track);
            db.Tracks.Add(track);
        }
    }

    public sealed record SessionDay(Guid Id, DateOnly Day, int Minutes);

    /// <summary>One group session on every day of every track from <paramref name="first"/> to today.</summary>
    private async Task<Dictionary<Guid, List<SessionDay>>> AddSessionsAsync(DemoContext demo, DateOnly first, CancellationToken ct)
    {
        var zone = ProgramClock.Zone(DemoSeeder.ClinicZone);
        var byTrack = demo.Tracks.ToDictionary(t => t.Id, _ => new List<SessionDay>());
        var pending = 0;
        for (var day = first; day <= demo.Today; day = day.AddDays(1))
        {
            foreach (var t in demo.Tracks.Where(t => t.Weekdays.HasFlag(day.DayOfWeek.ToFlag())))
            {
                var session = new GroupSession
                {
                    ProgramId = t.ProgramId, TrackId = t.Id, Title = $"{t.Name} group", ServiceType = ServiceType.GroupTherapy,
                    StartsAt = ProgramClock.ToInstant(day, t.StartTime, zone), EndsAt = ProgramClock.ToInstant(day, t.EndTime, zone),
                    LocalDate = day, RoomId = t.DefaultRoomId, Capacity = t.Capacity,
                };
                db.Add(session);
                byTrack[t.Id].Add(new SessionDay(session.Id, day, session.DurationMinutes));
                if (++pending % 2000 == 0) { await db.SaveChangesAsync(ct); db.ChangeTracker.Clear(); }
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return byTrack;
    }

    /// <summary>Mostly there; some late, some leaving early, some by video, some absent.</summary>
    private static AttendanceRecord Attend(Faker f, Guid participantId, SessionDay s)
    {
        var roll = f.Random.Int(0, 99);
        var (status, late, early) = roll switch
        {
            < 72 => (AttendanceStatus.Present, (int?)null, (int?)null),
            < 78 => (AttendanceStatus.Late, 15, null),
            < 81 => (AttendanceStatus.LeftEarly, null, 30),
            < 88 => (AttendanceStatus.Telehealth, null, null),
            < 94 => (AttendanceStatus.AbsentExcused, null, null),
            _ => (AttendanceStatus.AbsentUnexcused, null, null),
        };
        var minutes = AttendanceRecord.IsAttended(status) ? s.Minutes - (late ?? 0) - (early ?? 0) : 0;
        return new AttendanceRecord
        {
            // The generated sessions are in the demo tracks' physical rooms with no video link: "by video" is the status alone.
            ParticipantId = participantId, GroupSessionId = s.Id, Status = status, Modality = Modalities.Of(status, false), MinutesLate = late, MinutesLeftEarly = early, MinutesAttended = minutes,
        };
    }
}
