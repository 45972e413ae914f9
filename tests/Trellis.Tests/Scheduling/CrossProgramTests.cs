using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

/// <summary>
/// Issue 16, point 1: nobody is booked with staff of another program, and a calendar feed (a secret
/// URL read by a third party) holds only what its owner could open in the app, never the name of a
/// Part 2 participant. Both directions: Adult Mental Health staff with a Substance Use participant,
/// and Substance Use staff with an Adult Mental Health participant.
/// </summary>
public class CrossProgramTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static object Booking(Guid participant, Guid staff, DateOnly day, string start, string end) => new
    {
        participantId = participant, staffMemberId = staff, serviceType = "individual_therapy", date = day, startTime = start, endTime = end,
        telehealthUrl = "https://video.example.org/room",
    };

    /// <summary>The demo clinician (Adult Mental Health only) and a clinician of Substance Use only, with their sign-in emails.</summary>
    private async Task<(Guid Mh, Guid Su, string SuEmail)> CliniciansAsync()
    {
        await using var s = app.Db();
        var db = s.Context;
        var su = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        var mh = await db.Staff.SingleAsync(x => x.Email == DemoSeeder.EmailFor(Roles.Clinician));
        var suClinician = await (from st in db.Staff
                                 join ur in db.UserRoles on st.UserId equals ur.UserId
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 where r.Name == Roles.Clinician && st.IsActive && !st.RequiresSupervision && st.Programs.All(a => a.ProgramId == su) && st.Programs.Any()
                                 select st).FirstAsync();
        return (mh.Id, suClinician.Id, suClinician.Email);
    }

    [Fact]
    public async Task Booking_a_participant_with_staff_of_another_program_is_refused_in_both_directions()
    {
        var (mhClinician, suClinician, _) = await CliniciansAsync();
        var mhParticipant = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var suParticipant = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, ParticipantStatus.Active);
        var day = ProgramClock.Today(DateTimeOffset.UtcNow, "America/Los_Angeles").AddDays(50);
        // The program director books for both programs: the booking, not the booker, is what is refused.
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var toMh = await Json.ProblemAsync(await director.PostAsJsonAsync("/api/appointments", Booking(suParticipant.Id, mhClinician, day, "20:00", "20:50")), 400);
        Assert.Contains($"assigned to {Demo.SubstanceUse}", (string?)toMh["errors"]!["staffMemberId"]![0]);
        var toSu = await Json.ProblemAsync(await director.PostAsJsonAsync("/api/appointments", Booking(mhParticipant.Id, suClinician, day, "20:00", "20:50")), 400);
        Assert.Contains($"assigned to {Demo.MentalHealth}", (string?)toSu["errors"]!["staffMemberId"]![0]);
        await using (var s = app.Db())
            Assert.False(await s.Context.Appointments.AnyAsync(a => a.LocalDate == day && (a.ParticipantId == mhParticipant.Id || a.ParticipantId == suParticipant.Id)));

        // A group session's facilitators and a track template's groups: staff of the session's program only.
        var mhWorld = await SchedulingWorld.CreateAsync(app, participants: 1);
        var session = await mhWorld.SessionOnAsync(app, mhWorld.Today.AddDays(30));
        var etag = (await director.GetAsync($"/api/sessions/{session.Id}")).Headers.ETag!.ToString();
        var facilitator = await Json.ProblemAsync(await director.PutJsonAsync($"/api/sessions/{session.Id}", new
        {
            title = session.Title, date = session.LocalDate, startTime = "06:00", endTime = "07:00", roomId = mhWorld.RoomId, capacity = 10, facilitatorIds = new[] { suClinician },
        }, etag), 400);
        Assert.Contains($"assigned to {Demo.MentalHealth}", (string?)facilitator["errors"]!["facilitatorIds"]![0]);
        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (response, doc) = await pages.SubmitAsync($"/schedule/tracks/{mhWorld.Track.Id}/templates/new", "template", new Dictionary<string, string?>
        {
            ["Input.Title"] = "Skills group", ["Input.StartTime"] = "06:00", ["Input.EndTime"] = "06:50", ["Input.FacilitatorIds"] = suClinician.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Every facilitator must be an active staff member assigned to {Demo.MentalHealth}", doc.Body!.TextContent);
        // Nor are they offered: the booking page lists the participant's program's staff only.
        var (_, booking) = await pages.GetAsync($"/appointments/new?participant={suParticipant.Id}");
        Assert.Null(booking.QuerySelector($"#staff option[value='{mhClinician}']"));
        Assert.NotNull(booking.QuerySelector($"#staff option[value='{suClinician}']"));
    }

    [Fact]
    public async Task Every_feed_holds_only_what_its_owner_can_open_and_never_a_Part_2_participants_name()
    {
        var (mhClinician, suClinician, suEmail) = await CliniciansAsync();
        var mhParticipant = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var suParticipant = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, ParticipantStatus.Active);
        var suWorld = await SchedulingWorld.CreateAsync(app, participants: 1, program: Demo.SubstanceUse);
        var suSession = await suWorld.SessionOnAsync(app, suWorld.Today.AddDays(3));
        Guid directorId, suWithMhStaff, mhWithSuStaff, suWithDirector, mhWithDirector;
        await using (var s = app.Db())
        {
            // Bookings made before booking refused them (written straight to the database), and an
            // Adult Mental Health clinician left among a Substance Use group's facilitators.
            directorId = (await s.Context.Staff.SingleAsync(x => x.Email == DemoSeeder.EmailFor(Roles.ProgramDirector))).Id;
            var day = suWorld.Today.AddDays(4);
            Appointment Add(Guid participant, Guid staff, int hour)
            {
                var start = ProgramClock.ToInstant(day, new TimeOnly(hour, 0), suWorld.Zone);
                var a = new Appointment { ParticipantId = participant, StaffMemberId = staff, LocalDate = day, StartsAt = start, EndsAt = start.AddMinutes(50), RoomId = suWorld.RoomId };
                s.Context.Appointments.Add(a);
                return a;
            }
            suWithMhStaff = Add(suParticipant.Id, mhClinician, 20).Id;
            mhWithSuStaff = Add(mhParticipant.Id, suClinician, 20).Id;
            suWithDirector = Add(suParticipant.Id, directorId, 21).Id;
            mhWithDirector = Add(mhParticipant.Id, directorId, 22).Id;
            s.Context.Add(new SessionFacilitator { GroupSessionId = suSession.Id, StaffMemberId = mhClinician });
            await s.Context.SaveChangesAsync();
        }
        static string[] Names(Participant p) => [p.DisplayName, $"{p.LegalFirstName} {p.LegalLastName}"];
        var mhNames = Names(mhParticipant);
        var suNames = Names(suParticipant).Concat(Names(suWorld.Participants[0])).ToArray();

        // Adult Mental Health clinician: not the Substance Use appointment or group, as in the app.
        var clinician = await app.ApiAsync(Roles.Clinician);
        var (mhFeed, mhIds) = await FeedAsync(await clinician.PostAsJsonAsync($"/api/staff/{mhClinician}/calendar-feed", new { includeDetails = true }));
        Assert.DoesNotContain(suWithMhStaff, mhIds);
        Assert.DoesNotContain(suSession.Id, mhIds);
        Assert.All(suNames, n => Assert.DoesNotContain(n, mhFeed));
        await Json.ProblemAsync(await clinician.GetAsync($"/api/appointments/{suWithMhStaff}"), 404);

        // Substance Use clinician: not the Adult Mental Health appointment.
        var su = app.Anonymous();
        su.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TrellisFactory.LoginAsync(su, suEmail, DemoSeeder.Password));
        var (suFeed, suIds) = await FeedAsync(await su.PostAsJsonAsync($"/api/staff/{suClinician}/calendar-feed", new { includeDetails = true }));
        Assert.DoesNotContain(mhWithSuStaff, suIds);
        Assert.All(mhNames, n => Assert.DoesNotContain(n, suFeed));
        await Json.ProblemAsync(await su.GetAsync($"/api/appointments/{mhWithSuStaff}"), 404);

        // The program director sees both programs: the Substance Use appointment is in the feed, but without the name.
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var (directorFeed, directorIds) = await FeedAsync(await director.PostAsJsonAsync($"/api/staff/{directorId}/calendar-feed", new { includeDetails = true }));
        var calendar = Calendar.Load(directorFeed)!;
        Assert.Equal("Individual therapy", calendar.Events.Single(e => e.Uid == $"{suWithDirector}@trellis").Summary);
        Assert.Equal($"Individual therapy: {mhParticipant.DisplayName}", calendar.Events.Single(e => e.Uid == $"{mhWithDirector}@trellis").Summary);
        Assert.All(suNames, n => Assert.DoesNotContain(n, directorFeed));
        Assert.Contains(suSession.Id, directorIds);

        // Participant feeds: only their own schedule, with details on, and no participant names at all.
        var (suOwn, suOwnIds) = await FeedAsync(await director.PostAsJsonAsync($"/api/participants/{suParticipant.Id}/calendar-feed", new { includeDetails = true }));
        Assert.Contains(suWithMhStaff, suOwnIds);
        Assert.Contains(suWithDirector, suOwnIds);
        Assert.DoesNotContain(mhWithSuStaff, suOwnIds);
        Assert.All(suNames.Concat(mhNames), n => Assert.DoesNotContain(n, suOwn));
        var (mhOwn, mhOwnIds) = await FeedAsync(await director.PostAsJsonAsync($"/api/participants/{mhParticipant.Id}/calendar-feed", new { includeDetails = true }));
        Assert.Contains(mhWithSuStaff, mhOwnIds);
        Assert.DoesNotContain(suWithMhStaff, mhOwnIds);
        Assert.DoesNotContain(suSession.Id, mhOwnIds);
        Assert.All(suNames, n => Assert.DoesNotContain(n, mhOwn));

        // A feed follows its owner: a staff member made inactive opens nothing, so their feed stops.
        var url = (string)(await Json.ReadAsync(await su.PostAsJsonAsync($"/api/staff/{suClinician}/calendar-feed", new { })))["url"]!;
        await SetActiveAsync(suClinician, false);
        try
        {
            var stopped = await app.Anonymous().GetAsync(new Uri(url).PathAndQuery);
            Assert.Equal(HttpStatusCode.Gone, stopped.StatusCode);
            Assert.Contains("no longer works", await stopped.Content.ReadAsStringAsync());
        }
        finally { await SetActiveAsync(suClinician, true); }
        await using (var s = app.Db())
            Assert.Contains(await s.Context.AuditEntries.Where(e => e.RecordType == nameof(CalendarFeed)).Select(e => e.Outcome).ToListAsync(), o => o == "Failure: owner cannot sign in");
    }

    [Fact]
    public async Task A_staff_calendar_url_is_made_only_by_its_owner_even_for_an_administrator()
    {
        var (mhClinician, _, _) = await CliniciansAsync();
        var admin = await app.ApiAsync(Roles.Administrator);
        await Json.ProblemAsync(await admin.PostAsJsonAsync($"/api/staff/{mhClinician}/calendar-feed", new { }), 403);
        var clinician = await app.ApiAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsJsonAsync($"/api/staff/{mhClinician}/calendar-feed", new { })).StatusCode);
        // Turning it off is also for an administrator (a lost phone, someone leaving).
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/staff/{mhClinician}/calendar-feed")).StatusCode);
    }

    private async Task SetActiveAsync(Guid staffId, bool active)
    {
        await using var s = app.Db();
        (await s.Context.Staff.SingleAsync(x => x.Id == staffId)).IsActive = active;
        await s.Context.SaveChangesAsync();
    }

    /// <summary>Reads the feed a POST …/calendar-feed answered with, anonymously as a calendar app does: its text and the ids of its events.</summary>
    private async Task<(string Text, HashSet<Guid> Ids)> FeedAsync(HttpResponseMessage issued)
    {
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var url = new Uri((string)(await Json.ReadAsync(issued))["url"]!);
        var text = await app.Anonymous().GetStringAsync(url.PathAndQuery);
        var ids = Calendar.Load(text)!.Events.Select(e => Guid.Parse(e.Uid!.Split('@')[0])).ToHashSet();
        return (text, ids);
    }
}
