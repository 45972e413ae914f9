using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Risk;
using Trellis.Web.Features.Tasks;

namespace Trellis.Tests.Risk;

/// <summary>A sign of suicide risk in the chart: the flag, the urgent notifications, the safety-plan task, and clearing by a clinician only, all audited.</summary>
public class RiskFlagTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    /// <summary>A current Adult Mental Health participant with a primary clinician and no flag yet.</summary>
    private async Task<Participant> UnflaggedAsync()
    {
        await using var s = app.Db();
        var flagged = await s.Context.Set<RiskFlag>().Select(f => f.ParticipantId).ToListAsync();
        return await s.Context.Participants.Where(p => TrackCensusStatuses.Contains(p.Status) && p.Program!.Name == Demo.MentalHealth
                && p.PrimaryClinicianId != null && !flagged.Contains(p.Id))
            .OrderBy(p => p.Mrn).FirstAsync();
    }

    private static readonly ParticipantStatus[] TrackCensusStatuses = [ParticipantStatus.Admitted, ParticipantStatus.Active, ParticipantStatus.OnHold];

    private static object Phq9(int item9) => new { instrument = "phq-9", answers = new[] { 2, 2, 1, 1, 1, 0, 0, 0, item9 } };

    [Fact]
    public async Task A_positive_item_9_flags_the_chart_notifies_clinician_and_directors_urgently_and_asks_for_a_safety_plan()
    {
        var p = await UnflaggedAsync();
        var api = await app.ApiAsync(Roles.CaseManager);
        var response = await api.PostAsJsonAsync($"/api/participants/{p.Id}/instruments", Phq9(1));
        var json = await Json.ReadAsync(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(8, (int)json["total"]!);
        Assert.Contains("suicide_risk", json["flags"]!.AsArray().Select(f => (string?)f));
        var flagId = Guid.Parse((string)json["riskFlagId"]!);

        await using var s = app.Db();
        var flag = await s.Context.Set<RiskFlag>().SingleAsync(f => f.ParticipantId == p.Id);
        Assert.Equal(flagId, flag.Id);
        Assert.True(flag.IsOpen);
        Assert.Contains("item 9", flag.Reason);
        Assert.Contains("Several days", flag.Reason);

        var directors = await Web.Features.Notifications.Notifier.ProgramDirectorsAsync(s.Context, p.ProgramId);
        var notified = await s.Context.Notifications.Where(n => n.ParticipantId == p.Id && n.Kind == RiskFlags.NotificationKind).ToListAsync();
        Assert.Contains(notified, n => n.RecipientStaffId == p.PrimaryClinicianId);
        Assert.All(directors, d => Assert.Contains(notified, n => n.RecipientStaffId == d));
        Assert.All(notified, n => Assert.True(n.IsUrgent));

        var task = await s.Context.Tasks.SingleAsync(t => t.ParticipantId == p.Id && t.Kind == CareTaskKinds.CompleteSafetyPlan);
        Assert.Equal((p.PrimaryClinicianId, CareTaskStatus.Open, nameof(RiskFlag), flag.Id), (task.AssignedToStaffId, task.Status, task.SourceType, task.SourceId));

        Assert.True(await s.Context.AuditEntries.AnyAsync(a => a.RecordType == nameof(RiskFlag) && a.RecordId == flag.Id.ToString() && a.Action == AuditActions.Create && a.ParticipantId == p.Id));

        // The chart header shows it on every tab.
        var page = await app.PagesAsync(Roles.Clinician);
        var (_, chart) = await page.GetAsync($"/participants/{p.Id}/measures");
        Assert.Contains("Suicide risk", chart.QuerySelector(".chart-header .risk-flag")!.TextContent);
    }

    [Fact]
    public async Task A_second_sign_while_the_flag_is_open_adds_to_it_instead_of_raising_another_flag_or_task()
    {
        var p = await UnflaggedAsync();
        var api = await app.ApiAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/participants/{p.Id}/instruments", Phq9(2))).StatusCode);
        var cssrs = new { instrument = "c-ssrs-screener", answers = new bool?[] { true, true, false, true, false, false, null } };
        var second = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/instruments", cssrs));
        Assert.Equal("high", (string?)second["risk"]);

        await using var s = app.Db();
        var flag = await s.Context.Set<RiskFlag>().SingleAsync(f => f.ParticipantId == p.Id);
        Assert.Equal(1, flag.SignsSinceRaised);
        Assert.Single(await s.Context.Tasks.Where(t => t.ParticipantId == p.Id && t.Kind == CareTaskKinds.CompleteSafetyPlan).ToListAsync());
    }

    [Fact]
    public async Task A_negative_screen_raises_nothing()
    {
        var p = await UnflaggedAsync();
        var api = await app.ApiAsync(Roles.Clinician);
        var json = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/instruments", Phq9(0)));
        Assert.Null(json["riskFlagId"]);
        await using var s = app.Db();
        Assert.False(await s.Context.Set<RiskFlag>().AnyAsync(f => f.ParticipantId == p.Id));
    }

    [Fact]
    public async Task Only_a_clinician_clears_a_flag_and_only_with_a_written_reason_both_audited()
    {
        var p = await UnflaggedAsync();
        var clinician = await app.ApiAsync(Roles.Clinician);
        var flagId = (string)(await Json.ReadAsync(await clinician.PostAsJsonAsync($"/api/participants/{p.Id}/instruments", Phq9(1))))["riskFlagId"]!;
        var reason = new { reason = "Assessed with the C-SSRS in session: passive thoughts, no plan or intent; safety plan done." };

        foreach (var role in new[] { Roles.CaseManager, Roles.IntakeCoordinator, Roles.ProgramDirector, Roles.Prescriber })
            await Json.ProblemAsync(await (await app.ApiAsync(role)).PostAsJsonAsync($"/api/risk-flags/{flagId}/clear", reason), 403);
        var empty = await Json.ProblemAsync(await clinician.PostAsJsonAsync($"/api/risk-flags/{flagId}/clear", new { reason = "   " }), 400);
        Assert.Contains("reason", empty["errors"]!.AsObject().Select(e => e.Key));
        await Json.ProblemAsync(await clinician.PostAsJsonAsync($"/api/risk-flags/{flagId}/clear", new { reason = "ok" }), 400);
        var get = await clinician.GetAsync($"/api/risk-flags/{flagId}");
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/risk-flags/{flagId}/clear") { Content = JsonContent.Create(reason) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"99\"");
        await Json.ProblemAsync(await clinician.SendAsync(stale), 412);

        var ok = new HttpRequestMessage(HttpMethod.Post, $"/api/risk-flags/{flagId}/clear") { Content = JsonContent.Create(reason) };
        ok.Headers.TryAddWithoutValidation("If-Match", get.Headers.ETag!.Tag);
        var cleared = await Json.ReadAsync(await clinician.SendAsync(ok));
        Assert.False((bool)cleared["isOpen"]!);
        Assert.Contains("C-SSRS", (string?)cleared["clearReason"]);
        Assert.NotNull((string?)cleared["clearedBy"]);
        await Json.ProblemAsync(await clinician.PostAsJsonAsync($"/api/risk-flags/{flagId}/clear", reason), 409);

        await using var s = app.Db();
        var updates = await s.Context.AuditEntries.Where(a => a.RecordType == nameof(RiskFlag) && a.RecordId == flagId && a.Action == AuditActions.Update).ToListAsync();
        Assert.Contains(updates, a => a.Detail!.Contains("ClearReason") && a.ParticipantId == p.Id && a.Role!.Contains(Roles.Clinician));
        // Clearing the flag does not complete the safety plan: that is the safety plan's job.
        Assert.True(await s.Context.Tasks.AnyAsync(t => t.ParticipantId == p.Id && t.Kind == CareTaskKinds.CompleteSafetyPlan && t.Status == CareTaskStatus.Open));
    }

    [Fact]
    public async Task Staff_of_another_program_cannot_see_a_flag_404()
    {
        await using var s = app.Db();
        var flag = await s.Context.Set<RiskFlag>().Include(f => f.Participant).FirstAsync(f => f.Participant!.Program!.Name == Demo.MentalHealth);
        // A clinician who works in the substance use program only (the demo team shares one password).
        var suClinicianEmail = await s.Context.Staff.Where(x => x.Programs.All(a => a.Program!.Name == Demo.SubstanceUse) && x.Programs.Any())
            .Join(s.Context.Users, x => x.UserId, u => u.Id, (x, u) => u.Email).FirstAsync();
        var token = await TrellisFactory.LoginAsync(app.Anonymous(), suClinicianEmail!, "Trellis!demo1");
        var api = app.Anonymous();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        await Json.ProblemAsync(await api.GetAsync($"/api/risk-flags/{flag.Id}"), 404);
        await Json.ProblemAsync(await api.GetAsync($"/api/participants/{flag.ParticipantId}/risk-flags"), 404);
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{flag.ParticipantId}/instruments", Phq9(0)), 404);
    }

    [Fact]
    public async Task Giving_an_instrument_refuses_bad_input_and_roles_that_do_not_give_them()
    {
        var p = await UnflaggedAsync();
        var api = await app.ApiAsync(Roles.Clinician);
        var url = $"/api/participants/{p.Id}/instruments";
        var unknown = await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { instrument = "bdi-2", answers = new[] { 0 } }), 400);
        Assert.Contains("phq-9", unknown["errors"]!["instrument"]![0]!.ToString());
        var item = await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { instrument = "phq-9", answers = new[] { 0, 0, 0, 7, 0, 0, 0, 0, 0 } }), 400);
        Assert.Contains("PHQ-9 item 4", item["errors"]!["answers[3]"]![0]!.ToString());
        await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { instrument = "phq-9", answers = new int[9], administeredAt = DateTimeOffset.UtcNow.AddDays(2) }), 400);
        await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { instrument = "audit-c", answers = new[] { 1, 1, 1 } }), 400);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Administrator)).PostAsJsonAsync(url, Phq9(0)), 403);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Participant)).GetAsync(url), 403);

        var given = await Json.ReadAsync(await api.PostAsJsonAsync(url, new { instrument = "AUDIT-C", answers = new[] { 2, 1, 1 }, sex = "female" }));
        Assert.Equal((true, "audit-c", "female"), ((bool)given["positive"]!, (string?)given["instrument"], (string?)given["sex"]));
        var list = await Json.ReadAsync(await api.GetAsync($"{url}?instrument=audit-c"));
        Assert.Equal(4, (int)list[0]!["total"]!);
        Assert.NotNull((string?)list[0]!["administeredBy"]);
        await Json.ProblemAsync(await api.GetAsync($"{url}?instrument=nope"), 400);
    }
}
