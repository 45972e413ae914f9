using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Telehealth;

namespace Trellis.Tests.Clinical;

/// <summary>
/// Modality flows from the visit into attendance, notes and charges (issue 11, point 9): a video appointment or session
/// records "video" on the attendance, the note signed for it says "Telehealth (audio and video)" with the location the
/// participant confirmed (page, print, API), and the charge takes place of service and modifier from that same value.
/// </summary>
public class ModalityTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private const string Where = "14 Alder Court, Springfield";
    // The tests' notes share their words; the cloned-text check is not what is tested here.
    private static readonly object Same = new { acknowledgeSimilarText = true };

    private async Task<Guid> AppointmentAsync(Guid pid, string? link, bool physicalRoom = false)
    {
        await using var s = app.Db();
        var staff = await Clinic.StaffAsync(app, "clinician");
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var room = physicalRoom ? await s.Context.Rooms.Where(r => !r.IsTelehealth).Select(r => (Guid?)r.Id).FirstAsync() : null;
        var a = new Appointment
        {
            ParticipantId = pid, StaffMemberId = staff.Id, LocalDate = Clinic.LocalDate(start), StartsAt = start, EndsAt = start.AddMinutes(50),
            TelehealthUrl = link, RoomId = room,
        };
        s.Context.Add(a);
        await s.Context.SaveChangesAsync();
        return a.Id;
    }

    private async Task ConfirmLocationAsync(Guid pid, string kind, Guid id)
    {
        await using var s = app.Db();
        s.Context.Add(new VideoLocation
        {
            ParticipantId = pid, AppointmentId = kind == VideoVisits.Appointment ? id : null, GroupSessionId = kind == VideoVisits.Session ? id : null,
            Visit = VideoVisit.KeyOf(kind, id), Location = Where, PrivatePlace = true, ConfirmedAt = s.Context.Now,
        });
        await s.Context.SaveChangesAsync();
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> MarkAsync(HttpClient api, string roster, Guid pid, string status)
    {
        var get = await api.GetAsync(roster);
        var body = new { records = new[] { new { participantId = pid, status, minutesLate = (int?)null, minutesLeftEarly = (int?)null, note = (string?)null } } };
        var put = await api.PutJsonAsync(roster, body, get.Headers.ETag!.Tag);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        return (await Json.ReadAsync(await api.GetAsync(roster)))["records"]!.AsArray().Single(r => (Guid)r!["participantId"]! == pid)!;
    }

    [Fact]
    public async Task A_video_appointments_attendance_and_signed_note_record_telehealth_and_the_confirmed_location()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var video = await AppointmentAsync(p.Id, "https://meet.example.org/trellis-room");
        await ConfirmLocationAsync(p.Id, VideoVisits.Appointment, video);
        var api = await app.ApiAsync(Roles.Clinician);

        var line = await MarkAsync(api, $"/api/appointments/{video}/attendance", p.Id, "present");
        Assert.Equal("video", (string?)line["modality"]);

        var body = NoteCalls.Dap(Clinic.Today);
        body["appointmentId"] = video;
        var (id, _) = await NoteCalls.CreateAsync(api, p.Id, body);
        var signed = await NoteCalls.SignAsync(api, id, Same);
        Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync());
        var note = await Json.ReadAsync(await api.GetAsync($"/api/notes/{id}"));
        Assert.Equal("video", (string?)note["modality"]);
        Assert.Equal(Where, (string?)note["participantLocation"]);

        using var pages = await app.PagesAsync(Roles.Clinician);
        foreach (var url in new[] { $"/notes/{id}", $"/notes/{id}/print" })
        {
            var (page, doc) = await pages.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var shown = doc.QuerySelector(".note-modality")!.TextContent;
            Assert.Contains("Telehealth (audio and video)", shown);
            Assert.Contains(Where, shown);
        }
    }

    [Fact]
    public async Task An_in_person_appointment_records_in_person_and_a_by_video_mark_records_video()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var inPerson = await AppointmentAsync(p.Id, null, physicalRoom: true);
        var api = await app.ApiAsync(Roles.Clinician);
        Assert.Equal("in_person", (string?)(await MarkAsync(api, $"/api/appointments/{inPerson}/attendance", p.Id, "present"))["modality"]);

        var body = NoteCalls.Dap(Clinic.Today);
        body["appointmentId"] = inPerson;
        var (id, _) = await NoteCalls.CreateAsync(api, p.Id, body);
        Assert.True((await NoteCalls.SignAsync(api, id, Same)).IsSuccessStatusCode);
        var note = await Json.ReadAsync(await api.GetAsync($"/api/notes/{id}"));
        Assert.Equal("in_person", (string?)note["modality"]);
        Assert.Null(note["participantLocation"]);
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (_, doc) = await pages.GetAsync($"/notes/{id}");
        Assert.Equal("Modality: In person.", doc.QuerySelector(".note-modality")!.TextContent.Trim());

        // The same room, but this participant joined by video (a hybrid visit): the mark says so.
        var hybrid = await AppointmentAsync(p.Id, "https://meet.example.org/trellis-hybrid", physicalRoom: true);
        Assert.Equal("video", (string?)(await MarkAsync(api, $"/api/appointments/{hybrid}/attendance", p.Id, "telehealth"))["modality"]);
        Assert.Equal("in_person", (string?)(await MarkAsync(api, $"/api/appointments/{hybrid}/attendance", p.Id, "present"))["modality"]);

        // A note tied to no visit records no modality.
        var (free, _) = await NoteCalls.CreateAsync(api, p.Id, NoteCalls.Dap(Clinic.Today));
        Assert.True((await NoteCalls.SignAsync(api, free, Same)).IsSuccessStatusCode);
        Assert.Null((await Json.ReadAsync(await api.GetAsync($"/api/notes/{free}")))["modality"]);
    }

    [Fact]
    public async Task A_group_session_in_the_video_room_records_video_on_the_attendance_and_the_group_part()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        // Held with the participant on its roster (marked present in person), then found to have been in the video room.
        var session = await Clinic.HeldSessionAsync(app, [p.Id]);
        await using (var s = app.Db())
        {
            var held = await s.Context.GroupSessions.SingleAsync(x => x.Id == session);
            held.RoomId = await s.Context.Rooms.Where(r => r.IsTelehealth).Select(r => r.Id).FirstAsync();
            await s.Context.SaveChangesAsync();
        }
        await ConfirmLocationAsync(p.Id, VideoVisits.Session, session);
        var api = await app.ApiAsync(Roles.Clinician);
        Assert.Equal("video", (string?)(await MarkAsync(api, $"/api/sessions/{session}/attendance", p.Id, "present"))["modality"]);

        var body = new Dictionary<string, object?>
        {
            ["topic"] = "Values", ["summary"] = "Members named three values and one action for each this week.",
            ["parts"] = new[] { NoteCalls.Part(p.Id, "Named honesty and family.", "Engaged.", "Linked to the goal.", "Practise daily.") },
        };
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/group-sessions/{session}/note", body)).StatusCode);
        var signed = await Json.ReadAsync(await NoteCalls.SignGroupAsync(api, session, Same));
        var partId = (string)signed["parts"]![0]!["noteId"]!;
        var part = await Json.ReadAsync(await api.GetAsync($"/api/notes/{partId}"));
        Assert.Equal("video", (string?)part["modality"]);
        Assert.Equal(Where, (string?)part["participantLocation"]);

        await using var check = app.Db();
        Assert.Equal(Modality.Video, (await check.Context.Attendance.SingleAsync(a => a.GroupSessionId == session && a.ParticipantId == p.Id)).Modality);
    }

    [Fact]
    public async Task A_charge_takes_place_of_service_and_modifier_from_the_attendances_modality()
    {
        await using var s = app.Db();
        var today = await ProgramClock.ClinicTodayAsync(s.Context);
        // A charged, in-person day of the demo: its session moves to the video room, and the attendance taken again.
        var charged = (await s.Context.Set<Charge>().Where(c => c.Status != ChargeStatus.Void && c.ServiceDate < today && c.ServiceDate >= today.AddDays(-6)).ToListAsync())
            .SelectMany(c => c.Sources).Where(x => x.GroupSessionId != null && !x.Video).Select(x => x.AttendanceRecordId).ToHashSet();
        var record = (await s.Context.Attendance.Where(a => a.GroupSessionId != null && a.Status == AttendanceStatus.Present).ToListAsync())
            .Where(a => charged.Contains(a.Id)).OrderBy(a => a.Id).First();
        var session = await s.Context.GroupSessions.SingleAsync(x => x.Id == record.GroupSessionId);
        session.RoomId = await s.Context.Rooms.Where(r => r.IsTelehealth).Select(r => r.Id).FirstAsync();
        await s.Context.SaveChangesAsync();

        var director = await app.ApiAsync(Roles.ProgramDirector);
        var roster = $"/api/sessions/{session.Id}/attendance";
        var get = await director.GetAsync(roster);
        var body = new { records = new[] { new { participantId = record.ParticipantId, status = "present", minutesLate = (int?)null, minutesLeftEarly = (int?)null, note = (string?)null } }, reason = "Held by video." };
        var put = await director.PutJsonAsync(roster, body, get.Headers.ETag!.Tag);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());

        await using var check = app.Db();
        Assert.Equal(Modality.Video, (await check.Context.Attendance.SingleAsync(a => a.Id == record.Id)).Modality);
        var charge = Assert.Single(await check.Context.Set<Charge>().Include(c => c.Lines).Where(c => c.ParticipantId == record.ParticipantId && c.Status != ChargeStatus.Void).ToListAsync(),
            c => c.Sources.Any(x => x.AttendanceRecordId == record.Id));
        Assert.True(charge.Sources.Single(x => x.AttendanceRecordId == record.Id).Video);
        if (charge.Kind is ChargeKind.Service or ChargeKind.IopDay)
        {
            var line = charge.Lines.Single(l => l.AttendanceRecordId == record.Id);
            Assert.Equal("95", line.Modifier);
            Assert.Equal("10", line.PlaceOfService);
        }
    }
}
