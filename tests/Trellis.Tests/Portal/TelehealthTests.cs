using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Portal.Documents;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Telehealth;

namespace Trellis.Tests.Portal;

/// <summary>The app with a video service configured (a Jitsi-like base address) and a 15-minute window.</summary>
public sealed class TelehealthFactory : TrellisFactory
{
    public const string Base = "https://meet.trellis.test";
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Telehealth:BaseUrl"] = Base, ["Telehealth:WindowMinutes"] = "15" };
}

/// <summary>Video visits: rooms on the clinic's service, the link only in the window, after the consent and the location.</summary>
public class TelehealthTests(TelehealthFactory app) : IClassFixture<TelehealthFactory>
{
    private async Task<Guid> AppointmentAsync(Guid pid, DateTimeOffset start, string? link = null)
    {
        await using var s = app.Db();
        var staff = await s.Context.Staff.Where(x => x.Email == DemoSeeder.EmailFor(Roles.Clinician)).Select(x => x.Id).SingleAsync();
        var zone = ProgramClock.Zone(await s.Context.Participants.Where(p => p.Id == pid).Select(p => p.Program!.TimeZoneId).SingleAsync());
        var a = new Appointment { ParticipantId = pid, StaffMemberId = staff, LocalDate = ProgramClock.LocalDate(start, zone), StartsAt = start, EndsAt = start.AddMinutes(50), TelehealthUrl = link };
        s.Context.Add(a);
        await s.Context.SaveChangesAsync();
        return a.Id;
    }

    private async Task SignConsentAsync(HttpClient portal, Guid pid)
    {
        string legal;
        await using (var s = app.Db()) legal = (await s.Context.Participants.SingleAsync(p => p.Id == pid)).LegalName;
        var doc = await Json.ReadAsync(await portal.GetAsync($"/api/me/documents/{IntakePacket.TelehealthConsent}"));
        Assert.Contains("where I am", (string)doc["text"]!);
        var signed = await portal.PostAsJsonAsync($"/api/me/documents/{IntakePacket.TelehealthConsent}/sign", new { version = (int)doc["version"]!, sha256 = (string)doc["sha256"]!, typedName = legal });
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
    }

    [Fact]
    public async Task The_link_shows_only_in_the_window_after_the_consent_and_the_location()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        var clinician = await app.ApiAsync(Roles.Clinician);
        var now = DateTimeOffset.UtcNow;
        var soon = await AppointmentAsync(pid, now.AddMinutes(10));
        var later = await AppointmentAsync(pid, now.AddHours(3));
        var room = await Json.ReadAsync(await clinician.PostAsync($"/api/appointments/{soon}/video-room", null));
        var url = (string)room["url"]!;
        Assert.StartsWith(TelehealthFactory.Base + "/trellis-", url);
        Assert.Equal(32, url[(TelehealthFactory.Base.Length + "/trellis-".Length)..].Length);
        var other = (string)(await Json.ReadAsync(await clinician.PostAsync($"/api/appointments/{later}/video-room", null)))["url"]!;
        Assert.NotEqual(url, other);
        await Json.ProblemAsync(await clinician.PostAsync($"/api/appointments/{soon}/video-room", null), 409);

        var portal = await app.ApiAsync(Roles.Participant);
        var path = $"/api/me/video/appointment/{soon}";
        var before = await Json.ReadAsync(await portal.GetAsync(path));
        Assert.Equal("consent_needed", (string)before["status"]!);
        Assert.Null(before["joinUrl"]);
        using (var pages = await app.PagesAsync(Roles.Participant))
        {
            var (_, page) = await pages.GetAsync($"/my/video/appointments/{soon}");
            Assert.DoesNotContain(url, page.Body!.InnerHtml);
            Assert.NotNull(page.QuerySelector($"a[href='/my/documents/{IntakePacket.TelehealthConsent}']"));
        }

        await SignConsentAsync(portal, pid);
        var noLocation = await Json.ReadAsync(await portal.GetAsync(path));
        Assert.Equal("location_needed", (string)noLocation["status"]!);
        Assert.Null(noLocation["joinUrl"]);

        var bad = await Json.ProblemAsync(await portal.PostAsJsonAsync($"{path}/location", new { location = " ", privatePlace = false }), 400);
        Assert.NotNull(bad["errors"]!["location"]);
        Assert.NotNull(bad["errors"]!["privatePlace"]);
        var confirmed = await portal.PostAsJsonAsync($"{path}/location", new { location = "14 Alder Court, Springfield", privatePlace = true });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var ready = await Json.ReadAsync(confirmed);
        Assert.Equal("ready", (string)ready["status"]!);
        Assert.Equal(url, (string)ready["joinUrl"]!);

        var early = await Json.ReadAsync(await portal.GetAsync($"/api/me/video/appointment/{later}"));
        Assert.Equal("not_yet_open", (string)early["status"]!);
        Assert.Null(early["joinUrl"]);
        await Json.ProblemAsync(await portal.PostAsJsonAsync($"/api/me/video/appointment/{later}/location", new { location = "Home", privatePlace = true }), 409);

        using var staffPages = await app.PagesAsync(Roles.Clinician);
        var (_, appointmentPage) = await staffPages.GetAsync($"/appointments/{soon}");
        Assert.Contains("14 Alder Court, Springfield", appointmentPage.Body!.TextContent);

        // The portal page: the location form beside the field errors, then the link.
        var mine = await AppointmentAsync(pid, DateTimeOffset.UtcNow.AddMinutes(-5), "https://meet.trellis.test/mine");
        var videoPage = $"/my/video/appointments/{mine}";
        using var portalPages = await app.PagesAsync(Roles.Participant);
        var (missing, missingDoc) = await portalPages.SubmitAsync(videoPage, "location", new Dictionary<string, string?> { ["Input.Location"] = "Parked car outside the library" });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("private place", missingDoc.QuerySelector(".validation-message")!.TextContent);
        var (ok, _) = await portalPages.SubmitAsync(videoPage, "location", new Dictionary<string, string?> { ["Input.Location"] = "Parked car outside the library", ["Input.PrivatePlace"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var (_, after) = await portalPages.GetAsync(videoPage);
        Assert.NotNull(after.QuerySelector("a[href='https://meet.trellis.test/mine']"));
    }

    [Fact]
    public async Task Another_participants_visit_is_a_404_through_the_api_and_the_page()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        Guid other;
        await using (var s = app.Db()) other = await s.Context.Participants.Where(p => p.Id != pid && p.Program!.Name == Demo.MentalHealth).Select(p => p.Id).FirstAsync();
        var theirs = await AppointmentAsync(other, DateTimeOffset.UtcNow.AddMinutes(5), "https://meet.trellis.test/theirs");
        var portal = await app.ApiAsync(Roles.Participant);
        await Json.ProblemAsync(await portal.GetAsync($"/api/me/video/appointment/{theirs}"), 404);
        await Json.ProblemAsync(await portal.PostAsJsonAsync($"/api/me/video/appointment/{theirs}/location", new { location = "Home", privatePlace = true }), 404);
        await Json.ProblemAsync(await portal.GetAsync($"/api/me/video/appointment/{Guid.NewGuid()}"), 404);
        using var pages = await app.PagesAsync(Roles.Participant);
        var (hidden, _) = await pages.GetAsync($"/my/video/appointments/{theirs}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        await using (var s = app.Db()) Assert.False(await s.Context.Set<VideoLocation>().AnyAsync(l => l.AppointmentId == theirs));

    }
}
