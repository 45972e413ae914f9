using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Risk;
using Trellis.Web.Features.Tasks;

namespace Trellis.Tests.Portal;

/// <summary>Questionnaires in the portal (issue 11 point 4): due list, scoring on the server, 988 and the clinician told in the same request.</summary>
public class PortalMeasuresTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static readonly int[] ItemNinePositive = [1, 1, 2, 1, 1, 1, 1, 0, 2];

    [Fact]
    public async Task A_due_phq9_with_item_9_positive_answers_988_flags_the_chart_and_satisfies_the_due_date()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        await PortalArrange.MakePhq9DueAsync(app, pid);
        var portal = await app.ApiAsync(Roles.Participant);
        var due = (await Json.ReadAsync(await portal.GetAsync("/api/me/measures/due"))).AsArray();
        Assert.Contains(due, d => (string?)d!["instrument"] == "phq-9");

        var answered = await portal.PostAsJsonAsync("/api/me/measures/phq-9", new { answers = ItemNinePositive });
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        var body = await Json.ReadAsync(answered);
        Assert.Equal(10, (int)body["total"]!);
        Assert.Equal("988", (string?)body["crisis"]!["line"]);
        Assert.Contains("988", body["crisis"]!["whatToDoNow"]![0]!.ToString());

        await using (var s = app.Db())
        {
            var given = await s.Context.InstrumentAdministrations.Where(a => a.ParticipantId == pid && a.InstrumentCode == Phq9.Code).OrderByDescending(a => a.AdministeredAt).FirstAsync();
            Assert.Equal(Administrations.FromPortal, given.Source);
            Assert.Contains(await s.Context.Set<RiskFlag>().Where(f => f.ParticipantId == pid && f.ClearedAt == null).ToListAsync(), f => f.Kind == RiskFlagKinds.SuicideRisk);
            Assert.NotEmpty(await s.Context.Tasks.Where(t => t.ParticipantId == pid && t.Kind == CareTaskKinds.CompleteSafetyPlan && t.Status == CareTaskStatus.Open).ToListAsync());
            var clinician = await s.Context.Participants.Where(p => p.Id == pid).Select(p => p.PrimaryClinicianId).SingleAsync();
            Assert.True(await s.Context.Notifications.AnyAsync(n => n.ParticipantId == pid && n.RecipientStaffId == clinician && n.Kind == RiskFlags.NotificationKind));
        }
        var after = (await Json.ReadAsync(await portal.GetAsync("/api/me/measures/due"))).AsArray();
        Assert.DoesNotContain(after, d => (string?)d!["instrument"] == "phq-9");
        // Answered once: a second answer is not due any more.
        await Json.ProblemAsync(await portal.PostAsJsonAsync("/api/me/measures/phq-9", new { answers = ItemNinePositive }), 409);
        var mine = (await Json.ReadAsync(await portal.GetAsync("/api/me/measures"))).AsArray();
        Assert.Contains(mine, m => (string?)m!["instrument"] == "phq-9" && (int?)m["total"] == 10);
    }

    [Fact]
    public async Task Bad_answers_name_the_item_and_nothing_is_saved()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        await PortalArrange.MakePhq9DueAsync(app, pid);
        var portal = await app.ApiAsync(Roles.Participant);
        int before;
        await using (var s = app.Db()) before = await s.Context.InstrumentAdministrations.CountAsync(a => a.ParticipantId == pid);
        var wrong = await Json.ProblemAsync(await portal.PostAsJsonAsync("/api/me/measures/phq-9", new { answers = new object?[] { 1, 1, 9, 1, "x", 1, 0, 0 } }), 400);
        Assert.NotNull(wrong["errors"]);
        await Json.ProblemAsync(await portal.PostAsJsonAsync("/api/me/measures/phq-9", new { answers = "all fine" }), 400);
        await Json.ProblemAsync(await portal.PostAsJsonAsync("/api/me/measures/not-a-test", new { answers = new[] { 1 } }), 404);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Clinician)).PostAsJsonAsync("/api/me/measures/phq-9", new { answers = ItemNinePositive }), 403);
        await using (var s = app.Db()) Assert.Equal(before, await s.Context.InstrumentAdministrations.CountAsync(a => a.ParticipantId == pid));
    }

    [Fact]
    public async Task The_page_shows_988_before_anything_else()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        await PortalArrange.MakePhq9DueAsync(app, pid);
        using var pages = await app.PagesAsync(Roles.Participant);
        var (form, _) = await pages.GetAsync("/my/measures/phq-9");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var values = ItemNinePositive.Select((v, i) => ($"a{i}", (string?)v.ToString())).ToDictionary(x => x.Item1, x => x.Item2);
        var (response, doc) = await pages.SubmitAsync("/my/measures/phq-9", "answer", values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var crisis = doc.QuerySelector("main [role=alert]") ?? doc.QuerySelector("[role=alert].crisis");
        Assert.NotNull(crisis);
        Assert.Contains("988", crisis!.TextContent);
        Assert.NotNull(doc.QuerySelector("a[href='tel:988']"));
        var (notDue, _) = await pages.GetAsync("/my/measures/phq-9");
        Assert.Equal(HttpStatusCode.NotFound, notDue.StatusCode);
    }
}
