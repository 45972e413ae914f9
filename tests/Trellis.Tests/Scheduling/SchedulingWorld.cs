using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

/// <summary>
/// A small, known corner of the demo clinic for scheduling tests: a new track in the Adult Mental
/// Health program (the demo clinician's), with a weekly template and participants enrolled in it,
/// so counts and names are exact whatever the demo holds.
/// </summary>
public sealed class SchedulingWorld
{
    public required Guid ProgramId { get; init; }
    public required Track Track { get; init; }
    public required SessionTemplate Template { get; init; }
    public required List<Participant> Participants { get; init; }
    public required Guid ClinicianId { get; init; }
    public required Guid CaseManagerId { get; init; }
    public required Guid RoomId { get; init; }
    public required TimeZoneInfo Zone { get; init; }
    public DateOnly Today => ProgramClock.LocalDate(DateTimeOffset.UtcNow, Zone);

    /// <summary>A track meeting every day (so there is a session on any date), one 60-minute group, three participants.</summary>
    public static async Task<SchedulingWorld> CreateAsync(TrellisFactory app, int participants = 3, string? name = null,
        TimeOnly? start = null, int minutes = 60, string program = Demo.MentalHealth)
    {
        await using var s = app.Db();
        var db = s.Context;
        var prog = await db.Programs.SingleAsync(p => p.Name == program);
        var clinician = await db.Staff.SingleAsync(x => x.Email == DemoSeeder.EmailFor(Roles.Clinician));
        var caseManager = await db.Staff.SingleAsync(x => x.Email == DemoSeeder.EmailFor(Roles.CaseManager));
        // A room of its own, so the demo's bookings never clash with the test's.
        var room = new Room { OrganizationId = (await db.Organizations.FirstAsync()).Id, Name = "Test room " + Guid.NewGuid().ToString("N")[..8], Capacity = 20 };
        db.Rooms.Add(room);
        var from = start ?? new TimeOnly(6, 0);
        var track = new Track
        {
            ProgramId = prog.Id, Name = name ?? "Test " + Guid.NewGuid().ToString("N")[..8], Weekdays = (Weekdays)127,
            StartTime = from, EndTime = from.AddMinutes(minutes), Capacity = 10, DefaultRoomId = room.Id,
        };
        db.Tracks.Add(track);
        // Facilitated by the program director, so the demo clinician's own sessions never clash with the test's.
        var director = await db.Staff.SingleAsync(x => x.Email == DemoSeeder.EmailFor(Roles.ProgramDirector));
        var template = new SessionTemplate
        {
            TrackId = track.Id, Title = "Test process group", ServiceType = ServiceType.GroupTherapy, Weekdays = (Weekdays)127,
            StartTime = from, EndTime = from.AddMinutes(minutes),
        };
        template.Facilitators.Add(new SessionTemplateFacilitator { SessionTemplateId = template.Id, StaffMemberId = director.Id });
        db.Add(template);
        var zone = ProgramClock.Zone(prog.TimeZoneId);
        var today = ProgramClock.LocalDate(DateTimeOffset.UtcNow, zone);
        var people = new List<Participant>();
        for (var i = 0; i < participants; i++)
        {
            var p = new Participant
            {
                Mrn = "TS" + Random.Shared.Next(1000000, 9999999), LegalFirstName = "Test" + i, LegalLastName = "Scheduling" + Guid.NewGuid().ToString("N")[..6],
                DateOfBirth = new DateOnly(1990, 1, 1), Status = ParticipantStatus.Active, ProgramId = prog.Id, TrackId = track.Id,
                AdmittedOn = today.AddDays(-60), CaseManagerId = caseManager.Id, PrimaryClinicianId = clinician.Id,
            };
            p.Enrollments.Add(new Enrollment { ParticipantId = p.Id, ProgramId = prog.Id, TrackId = track.Id, StartedOn = today.AddDays(-60) });
            db.Participants.Add(p);
            people.Add(p);
        }
        await db.SaveChangesAsync();
        return new SchedulingWorld
        {
            ProgramId = prog.Id, Track = track, Template = template, Participants = people, ClinicianId = clinician.Id,
            CaseManagerId = caseManager.Id, RoomId = room.Id, Zone = zone,
        };
    }

    /// <summary>Makes the track's sessions for these days and returns them by day.</summary>
    public async Task<Dictionary<DateOnly, GroupSession>> GenerateAsync(TrellisFactory app, DateOnly from, DateOnly to)
    {
        await using var s = app.Db();
        await SessionGeneration.GenerateAsync(s.Context, from, Track.Id, to);
        return await s.Context.GroupSessions.AsNoTracking().Include(x => x.Facilitators)
            .Where(x => x.TrackId == Track.Id && x.LocalDate >= from && x.LocalDate <= to).ToDictionaryAsync(x => x.LocalDate);
    }

    public async Task<GroupSession> SessionOnAsync(TrellisFactory app, DateOnly day) => (await GenerateAsync(app, day, day))[day];
}
