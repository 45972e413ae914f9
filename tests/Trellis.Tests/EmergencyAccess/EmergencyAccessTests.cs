using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.EmergencyAccess;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.EmergencyAccess;

/// <summary>
/// Issue 16 point 7: a clinician opens a chart outside their care team only with a reason, for a limited
/// time, audited and reported to the program's directors; a 42 CFR Part 2 chart also needs the §2.51
/// facts; a restricted chart opens only to a program director. The demo clinician works in Adult Mental
/// Health only; Substance Use is the Part 2 program.
/// </summary>
public class EmergencyAccessTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static object Body(Participant p, bool part2Facts = true, string? dob = null) => new
    {
        mrn = p.Mrn.ToLowerInvariant(), dateOfBirth = dob ?? p.DateOfBirth.ToString("yyyy-MM-dd"),
        reason = "Brought to the emergency department unresponsive; need current medications and allergies.",
        emergencyNature = part2Facts ? "Suspected overdose, unresponsive on arrival." : null,
        recipientAffiliation = part2Facts ? "Riverside General emergency department" : null,
        consentNotObtainable = part2Facts,
    };

    private async Task<Participant> SubstanceUseParticipantAsync(int skip)
    {
        await using var s = app.Db();
        return await s.Context.Participants.Include(p => p.Program).Where(p => p.Program!.Name == Demo.SubstanceUse && p.Status == ParticipantStatus.Active)
            .OrderBy(p => p.Mrn).Skip(skip).FirstAsync();
    }

    [Fact]
    public async Task A_clinician_opens_a_part_2_chart_outside_their_team_with_a_reason_and_the_section_2_51_facts_for_an_hour()
    {
        var chart = await SubstanceUseParticipantAsync(0);
        var clinician = await app.ApiAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/participants/{chart.Id}")).StatusCode);

        // Part 2: the medical-emergency facts are required, and nothing is granted without them.
        var missing = await Json.ProblemAsync(await clinician.PostAsJsonAsync("/api/emergency-access", Body(chart, part2Facts: false)), 400);
        var keys = missing["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "emergencyNature", "recipientAffiliation", "consentNotObtainable" }, keys);
        Assert.Contains("42 CFR Part 2", (string?)missing["errors"]!["emergencyNature"]![0]);
        // The wrong date of birth finds nothing, and says so without naming anyone.
        var wrong = await Json.ProblemAsync(await clinician.PostAsJsonAsync("/api/emergency-access", Body(chart, dob: "1901-01-01")), 400);
        Assert.DoesNotContain(chart.LegalLastName, wrong.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/participants/{chart.Id}")).StatusCode);

        var opened = await clinician.PostAsJsonAsync("/api/emergency-access", Body(chart));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var grant = await Json.ReadAsync(opened);
        Assert.True((bool)grant["isPart2"]!);
        var expires = (DateTimeOffset)grant["expiresAt"]!;
        var granted = (DateTimeOffset)grant["grantedAt"]!;
        Assert.Equal(EmergencyAccessGrant.Duration, expires - granted);

        // The chart and its records open now (the session check rebuilds the scope on the next request).
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/participants/{chart.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/participants/{chart.Id}/risk-flags")).StatusCode);

        await using (var s = app.Db())
        {
            var db = s.Context;
            var stored = await db.Set<EmergencyAccessGrant>().SingleAsync(g => g.Id == (Guid)grant["id"]!);
            Assert.Equal(("Suspected overdose, unresponsive on arrival.", "Riverside General emergency department", true),
                (stored.EmergencyNature, stored.RecipientAffiliation, stored.ConsentNotObtainable));
            // The program's directors hear of it at once, and the grant is in the audit trail as a change.
            var directors = await Trellis.Web.Features.Notifications.Notifier.ProgramDirectorsAsync(db, chart.ProgramId);
            Assert.NotEmpty(directors);
            foreach (var d in directors)
                Assert.True(await db.Notifications.AnyAsync(n => n.RecipientStaffId == d && n.Kind == "emergency-access" && n.ParticipantId == chart.Id && n.IsUrgent));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.RecordType == nameof(EmergencyAccessGrant) && a.RecordId == stored.Id.ToString()));
            // Reads under emergency access are audited like any other.
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Read" && a.ParticipantId == chart.Id && a.UserName == Trellis.Web.Features.Demo.DemoSeeder.EmailFor(Roles.Clinician)));
        }

        // Ending it closes the chart again at once.
        Assert.Equal(HttpStatusCode.OK, (await clinician.PostAsync($"/api/emergency-access/{grant["id"]}/end", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/participants/{chart.Id}")).StatusCode);
    }

    [Fact]
    public async Task Access_expires_by_itself_and_the_director_reviews_it_but_never_their_own()
    {
        var chart = await SubstanceUseParticipantAsync(1);
        var clinician = await app.ApiAsync(Roles.Clinician);
        var grant = await Json.ReadAsync(await clinician.PostAsJsonAsync("/api/emergency-access", Body(chart)));
        var id = (Guid)grant["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/participants/{chart.Id}")).StatusCode);
        await using (var s = app.Db())
        {
            var stored = await s.Context.Set<EmergencyAccessGrant>().SingleAsync(g => g.Id == id);
            stored.ExpiresAt = s.Context.Now.AddSeconds(-1);
            await s.Context.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/participants/{chart.Id}")).StatusCode);

        var director = await app.ApiAsync(Roles.ProgramDirector);
        var list = (await Json.ReadAsync(await director.GetAsync("/api/emergency-access"))).AsArray();
        var row = list.Single(g => (Guid)g!["id"]! == id)!;
        Assert.Null(row["reviewedAt"]);
        // The clinician cannot review (not their role), and a review needs the version and a note.
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PostAsJsonAsync($"/api/emergency-access/{id}/review", new { note = "fine" })).StatusCode);
        Assert.Equal(428, (int)(await director.PostAsJsonAsync($"/api/emergency-access/{id}/review", new { note = "Justified: ED call." })).StatusCode);
        var noNote = new HttpRequestMessage(HttpMethod.Post, $"/api/emergency-access/{id}/review") { Content = JsonContent.Create(new { note = "" }) };
        noNote.Headers.TryAddWithoutValidation("If-Match", $"\"{row["version"]}\"");
        await Json.ProblemAsync(await director.SendAsync(noNote), 400);
        var ok = new HttpRequestMessage(HttpMethod.Post, $"/api/emergency-access/{id}/review") { Content = JsonContent.Create(new { note = "Justified: ED call, confirmed with the charge nurse." }) };
        ok.Headers.TryAddWithoutValidation("If-Match", $"\"{row["version"]}\"");
        var reviewed = await Json.ReadAsync(await director.SendAsync(ok));
        Assert.NotNull(reviewed["reviewedAt"]);
        Assert.Equal("Justified: ED call, confirmed with the charge nurse.", (string?)reviewed["reviewNote"]);
    }

    [Fact]
    public async Task A_restricted_chart_opens_to_no_clinician_and_its_own_team_is_told_it_is_on_their_caseload()
    {
        var chart = await SubstanceUseParticipantAsync(2);
        var director = await app.ApiAsync(Roles.ProgramDirector);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(Roles.Clinician)).PutAsJsonAsync($"/api/participants/{chart.Id}/restriction", new { restricted = true, reason = "x" })).StatusCode);
        await Json.ProblemAsync(await director.PutAsJsonAsync($"/api/participants/{chart.Id}/restriction", new { restricted = true }), 400);
        var set = await Json.ReadAsync(await director.PutAsJsonAsync($"/api/participants/{chart.Id}/restriction", new { restricted = true, reason = "Staff member of the clinic" }));
        Assert.True((bool)set["restricted"]!);

        var clinician = await app.ApiAsync(Roles.Clinician);
        var refused = await Json.ProblemAsync(await clinician.PostAsJsonAsync("/api/emergency-access", Body(chart)), 403);
        Assert.Contains("program director", (string?)refused["detail"]);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/participants/{chart.Id}")).StatusCode);
        await using (var s = app.Db())
            Assert.False(await s.Context.Set<EmergencyAccessGrant>().AnyAsync(g => g.ParticipantId == chart.Id));

        // The director is on this chart's care team already: no emergency access is needed, or granted.
        var own = await Json.ProblemAsync(await director.PostAsJsonAsync("/api/emergency-access", Body(chart)), 409);
        Assert.Equal(chart.Id, (Guid)own["participantId"]!);

        var lifted = await Json.ReadAsync(await director.PutAsJsonAsync($"/api/participants/{chart.Id}/restriction", new { restricted = false }));
        Assert.False((bool)lifted["restricted"]!);
        Assert.Equal(HttpStatusCode.Created, (await clinician.PostAsJsonAsync("/api/emergency-access", Body(chart))).StatusCode);
    }

    [Fact]
    public async Task Roles_without_clinical_work_cannot_break_the_glass()
    {
        var chart = await SubstanceUseParticipantAsync(3);
        foreach (var role in new[] { Roles.IntakeCoordinator, Roles.CaseManager })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(role)).PostAsJsonAsync("/api/emergency-access", Body(chart))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync("/api/emergency-access", Body(chart))).StatusCode);
    }

    [Fact]
    public async Task The_banner_names_the_chart_and_ends_access_from_any_page()
    {
        var chart = await SubstanceUseParticipantAsync(4);
        var pages = await app.PagesAsync(Roles.Clinician);
        var (form, _) = await pages.GetAsync("/emergency-access");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var clinician = await app.ApiAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Created, (await clinician.PostAsJsonAsync("/api/emergency-access", Body(chart))).StatusCode);
        var (_, home) = await pages.GetAsync("/");
        var banner = home.QuerySelector(".emergency-banner");
        Assert.NotNull(banner);
        Assert.Contains(chart.DisplayName, banner!.TextContent);
        var (chartPage, _) = await pages.GetAsync($"/participants/{chart.Id}");
        Assert.Equal(HttpStatusCode.OK, chartPage.StatusCode);

        // "End access now" works from the banner on any page, and the chart closes.
        var handler = banner.QuerySelector("input[name=_handler]")!.GetAttribute("value")!;
        var (posted, _) = await pages.SubmitAsync("/", handler, new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var (_, after) = await pages.GetAsync("/");
        Assert.Null(after.QuerySelector(".emergency-banner"));
        var (closed, _) = await pages.GetAsync($"/participants/{chart.Id}");
        Assert.Equal(HttpStatusCode.NotFound, closed.StatusCode);
    }
}
