using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Scheduling;

/// <summary>Every kind of clash (staff, room, participant; session or appointment) is refused with the clashing event named.</summary>
public class ConflictTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static object Appointment(Guid participant, Guid staff, DateOnly date, string start, string end, Guid? room, int weeks = 1) => new
    {
        participantId = participant, staffMemberId = staff, serviceType = "individual_therapy", date, startTime = start, endTime = end, roomId = room, weeks,
    };

    private async Task<(SchedulingWorld World, DateOnly Day, Guid Director, Guid Outsider, Guid OfficeId)> ArrangeAsync()
    {
        var world = await SchedulingWorld.CreateAsync(app);
        var day = world.Today.AddDays(9);
        await world.GenerateAsync(app, day, day);
        await using var s = app.Db();
        var director = world.Template.Facilitators[0].StaffMemberId;
        // Someone in the same program but not in the test track.
        var outsider = await s.Context.Participants.Where(p => p.ProgramId == world.ProgramId && p.Status == ParticipantStatus.Active && p.TrackId != world.Track.Id)
            .Select(p => p.Id).FirstAsync();
        var office = new Trellis.Web.Features.Organization.Room { OrganizationId = (await s.Context.Organizations.FirstAsync()).Id, Name = "Test office " + Guid.NewGuid().ToString("N")[..6], Capacity = 3 };
        s.Context.Rooms.Add(office);
        await s.Context.SaveChangesAsync();
        return (world, day, director, outsider, office.Id);
    }

    [Fact]
    public async Task A_participant_booked_during_their_own_group_is_refused_naming_the_group()
    {
        var (world, day, _, _, office) = await ArrangeAsync();
        var api = await app.ApiAsync(Roles.Clinician);
        var problem = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/appointments", Appointment(world.Participants[0].Id, world.ClinicianId, day, "06:30", "07:20", office)), 409);
        var conflict = problem["conflicts"]!.AsArray().Single(c => (string?)c!["kind"] == "participant")!;
        Assert.Contains($"is in Test process group ({world.Track.Name} track) on {day:ddd MMM d}, 6:00–7:00", (string?)conflict["message"]);
        Assert.Equal("group_session", (string?)conflict["eventType"]);
    }

    [Fact]
    public async Task A_facilitator_and_a_room_already_in_a_group_are_refused_naming_the_group()
    {
        var (world, day, director, outsider, _) = await ArrangeAsync();
        var api = await app.ApiAsync(Roles.Clinician);
        var staff = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/appointments", Appointment(outsider, director, day, "06:15", "06:45", null)), 400);
        // No room and no link is its own error; with a link the facilitator clash shows.
        Assert.NotNull(staff["errors"]!["roomId"]);
        var withLink = new { participantId = outsider, staffMemberId = director, serviceType = "case_management", date = day, startTime = "06:15", endTime = "06:45", telehealthUrl = "https://video.example.org/room" };
        var busy = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/appointments", withLink), 409);
        // Other tests' groups share the facilitator and the hour; this track's is among the clashes named.
        var c = busy["conflicts"]!.AsArray().Single(x => ((string?)x!["message"])!.Contains(world.Track.Name))!;
        Assert.Equal("staff", (string?)c["kind"]);
        Assert.Contains($"already facilitates Test process group ({world.Track.Name} track) on {day:ddd MMM d}, 6:00–7:00", (string?)c["message"]);

        var room = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/appointments", Appointment(outsider, world.ClinicianId, day, "06:30", "07:30", world.RoomId)), 409);
        var rc = room["conflicts"]!.AsArray().Single(x => (string?)x!["kind"] == "room")!;
        Assert.Contains("is already booked for Test process group", (string?)rc["message"]);
    }

    [Fact]
    public async Task Overlapping_appointments_clash_touching_ones_do_not_and_a_series_is_all_or_nothing()
    {
        var (world, day, _, outsider, office) = await ArrangeAsync();
        var api = await app.ApiAsync(Roles.Clinician);
        var p = world.Participants[0].Id;
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/appointments", Appointment(p, world.ClinicianId, day, "07:10", "08:00", office))).StatusCode);

        var staffClash = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/appointments", new
        {
            participantId = outsider, staffMemberId = world.ClinicianId, serviceType = "individual_therapy", date = day, startTime = "07:40", endTime = "08:30", telehealthUrl = "https://video.example.org/x",
        }), 409);
        Assert.Contains("individual therapy appointment with", (string?)staffClash["conflicts"]![0]!["message"]);
        Assert.Contains($"on {day:ddd MMM d}, 7:10–8:00", (string?)staffClash["detail"]);

        // Same room, another clinician, overlapping: the room clashes.
        await using (var s = app.Db())
        {
            var other = await s.Context.Staff.Where(x => x.Id != world.ClinicianId && x.IsActive && x.Programs.Any(a => a.ProgramId == world.ProgramId)).Select(x => x.Id).FirstAsync();
            var roomClash = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/appointments", Appointment(outsider, other, day, "07:50", "08:10", office)), 409);
            Assert.Equal("room", (string?)roomClash["conflicts"]![0]!["kind"]);
        }

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/appointments", Appointment(p, world.ClinicianId, day, "08:00", "08:50", office))).StatusCode);

        // A weekly series whose third week clashes books nothing.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/appointments", Appointment(world.Participants[1].Id, world.ClinicianId, day.AddDays(14), "21:30", "22:20", office))).StatusCode);
        int before;
        await using (var s = app.Db()) before = await s.Context.Appointments.CountAsync(a => a.ParticipantId == world.Participants[2].Id);
        var series = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/appointments", Appointment(world.Participants[2].Id, world.ClinicianId, day, "21:30", "22:20", office, weeks: 4)), 409);
        Assert.Contains($"{day.AddDays(14):ddd MMM d}, 21:30–22:20", (string?)series["detail"]);
        await using (var s = app.Db()) Assert.Equal(before, await s.Context.Appointments.CountAsync(a => a.ParticipantId == world.Participants[2].Id));
    }

    [Fact]
    public async Task Moving_a_session_onto_a_booked_room_or_a_busy_facilitator_is_refused_naming_the_event()
    {
        var (world, day, director, outsider, office) = await ArrangeAsync();
        var api = await app.ApiAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/appointments", Appointment(outsider, world.ClinicianId, day, "12:00", "12:50", world.RoomId))).StatusCode);
        var session = (await world.GenerateAsync(app, day, day))[day];
        var director2 = await app.ApiAsync(Roles.ProgramDirector);
        var etag = (await director2.GetAsync($"/api/sessions/{session.Id}")).Headers.ETag!.ToString();
        var problem = await Json.ProblemAsync(await director2.PutJsonAsync($"/api/sessions/{session.Id}", new
        {
            title = session.Title, date = day, startTime = "12:30", endTime = "13:30", roomId = world.RoomId, capacity = 10, facilitatorIds = new[] { world.ClinicianId },
        }, etag), 409);
        var kinds = problem["conflicts"]!.AsArray().Select(c => (string?)c!["kind"]).ToList();
        Assert.Contains("room", kinds);
        Assert.Contains("staff", kinds);
        Assert.Contains("individual therapy appointment", (string?)problem["detail"]);
        await using var s = app.Db();
        Assert.Equal(session.StartsAt, (await s.Context.GroupSessions.SingleAsync(x => x.Id == session.Id)).StartsAt);
    }

    [Fact]
    public async Task Bad_appointments_are_refused_with_a_clear_error()
    {
        var (world, day, _, _, office) = await ArrangeAsync();
        var api = await app.ApiAsync(Roles.Clinician);
        var inverted = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/appointments", Appointment(world.Participants[0].Id, world.ClinicianId, day, "15:00", "14:00", office)), 400);
        Assert.Contains("not after it starts at 15:00", (string?)inverted["errors"]!["endTime"]![0]);
        var past = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/appointments", Appointment(world.Participants[0].Id, world.ClinicianId, world.Today.AddDays(-3), "15:00", "15:50", office)), 400);
        Assert.NotNull(past["errors"]!["date"]);
        await Json.ProblemAsync(await api.PostAsJsonAsync("/api/appointments", Appointment(Guid.NewGuid(), world.ClinicianId, day, "15:00", "15:50", office)), 404);
        var su = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, ParticipantStatus.Active);
        await Json.ProblemAsync(await api.PostAsJsonAsync("/api/appointments", Appointment(su.Id, world.ClinicianId, day, "15:00", "15:50", office)), 404);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(Roles.Participant)).PostAsJsonAsync("/api/appointments", Appointment(world.Participants[0].Id, world.ClinicianId, day, "15:00", "15:50", office))).StatusCode);
    }
}
