using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Portal.CheckIns;
using Trellis.Web.Features.Tasks;

namespace Trellis.Tests.Portal;

/// <summary>Daily check-ins (issue 11 point 3): the participant's own, the care team's view, the program's rules, on both databases.</summary>
public class CheckInTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<int> CountAsync(Guid pid)
    {
        await using var s = app.Db();
        return await s.Context.Set<CheckIn>().CountAsync(c => c.ParticipantId == pid);
    }

    [Fact]
    public async Task A_check_in_is_kept_shown_to_the_care_team_and_its_rules_raise_one_task()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        List<Guid> skills;
        await using (var s = app.Db()) skills = (await PlanSkills.OfAsync(s.Context, pid)).Select(k => k.Id).ToList();
        Assert.NotEmpty(skills); // the demo participant's safety plan names library skills
        var portal = await app.ApiAsync(Roles.Participant);

        var created = await portal.PostAsJsonAsync("/api/me/check-ins", new { mood = 2, craving = 9, sleepHours = 6.5, used = true, substances = "alcohol", copingSkillIds = new[] { skills[0] }, note = "Rough day at work." });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json.ReadAsync(created);
        Assert.Equal(skills[0], (Guid)body["copingSkills"]![0]!["id"]!);
        Assert.Equal(3, body["alerts"]!.AsArray().Count); // use, craving 9 ≥ 8, mood 2 ≤ 2

        var mine = (await Json.ReadAsync(await portal.GetAsync("/api/me/check-ins"))).AsArray();
        Assert.Contains(mine, c => (string?)c!["note"] == "Rough day at work.");
        var staff = await app.ApiAsync(Roles.Clinician);
        var chart = (await Json.ReadAsync(await staff.GetAsync($"/api/participants/{pid}/check-ins"))).AsArray();
        Assert.Contains(chart, c => (string?)c!["note"] == "Rough day at work." && (bool)c["used"]!);

        Assert.Equal(HttpStatusCode.Created, (await portal.PostAsJsonAsync("/api/me/check-ins", new { mood = 1, craving = 10, used = false })).StatusCode);
        await using (var s = app.Db())
        {
            var open = await s.Context.Tasks.Where(t => t.ParticipantId == pid && t.Kind == CheckInAlerts.TaskKind && t.Status == CareTaskStatus.Open).ToListAsync();
            var task = Assert.Single(open); // the second alert notifies; it does not raise a second task
            Assert.Contains("craving 9/10", task.Detail);
            Assert.True(await s.Context.Notifications.CountAsync(n => n.ParticipantId == pid && n.Kind == CheckInAlerts.TaskKind) >= 2);
        }

        using var pages = await app.PagesAsync(Roles.Clinician);
        var (tab, doc) = await pages.GetAsync($"/participants/{pid}/check-ins");
        Assert.Equal(HttpStatusCode.OK, tab.StatusCode);
        Assert.Contains("Rough day at work.", doc.Body!.TextContent);
        Assert.NotNull(doc.QuerySelector("svg title"));
    }

    [Fact]
    public async Task Bad_input_names_the_field_and_saves_nothing()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        var portal = await app.ApiAsync(Roles.Participant);
        var before = await CountAsync(pid);

        var range = await Json.ProblemAsync(await portal.PostAsJsonAsync("/api/me/check-ins", new { mood = 11, craving = -1, used = false, sleepHours = 30 }), 400);
        Assert.NotNull(range["errors"]!["mood"]);
        Assert.NotNull(range["errors"]!["craving"]);
        Assert.NotNull(range["errors"]!["sleepHours"]);
        var missing = await Json.ProblemAsync(await portal.PostAsJsonAsync("/api/me/check-ins", new { craving = 3, used = false }), 400);
        Assert.Contains("mood", missing.ToJsonString());

        // A skill from another participant's plan, or one that exists nowhere: 400 naming the item, nothing saved.
        Guid foreign;
        await using (var s = app.Db())
        {
            var other = await s.Context.Set<Trellis.Web.Features.Plans.SafetyPlan>().Where(p => p.ParticipantId != pid && p.IsComplete).Select(p => p.ParticipantId).FirstAsync();
            var own = (await PlanSkills.OfAsync(s.Context, pid)).Select(k => k.Id).ToHashSet();
            foreign = (await PlanSkills.OfAsync(s.Context, other)).Select(k => k.Id).FirstOrDefault(id => !own.Contains(id));
            if (foreign == Guid.Empty) foreign = await s.Context.Set<Trellis.Web.Features.Plans.CopingSkill>().Where(k => !own.Contains(k.Id)).Select(k => k.Id).FirstAsync();
        }
        foreach (var id in new[] { foreign, Guid.NewGuid() })
        {
            var forged = await Json.ProblemAsync(await portal.PostAsJsonAsync("/api/me/check-ins", new { mood = 5, craving = 1, used = false, copingSkillIds = new[] { id } }), 400);
            Assert.NotNull(forged["errors"]!["copingSkillIds[0]"]);
        }
        Assert.Equal(before, await CountAsync(pid));
    }

    [Fact]
    public async Task Only_the_participant_checks_in_and_another_participants_check_ins_are_not_found()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        var staff = await app.ApiAsync(Roles.Clinician);
        await Json.ProblemAsync(await staff.PostAsJsonAsync("/api/me/check-ins", new { mood = 5, craving = 1, used = false }), 403);
        var portal = await app.ApiAsync(Roles.Participant);
        Guid other;
        await using (var s = app.Db()) other = await s.Context.Participants.Where(p => p.Id != pid).Select(p => p.Id).FirstAsync();
        await Json.ProblemAsync(await portal.GetAsync($"/api/participants/{other}/check-ins"), 404);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync($"/api/participants/{pid}/check-ins")).StatusCode);
        var programs = await staff.GetAsync($"/api/participants/{Guid.NewGuid()}/check-ins");
        Assert.Equal(HttpStatusCode.NotFound, programs.StatusCode);
    }

    [Fact]
    public async Task Program_rules_are_set_by_directors_and_change_what_alerts()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        Guid program;
        await using (var s = app.Db()) program = await s.Context.Participants.Where(p => p.Id == pid).Select(p => p.ProgramId).SingleAsync();
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var get = await director.GetAsync($"/api/programs/{program}/check-in-rules");
        Assert.Equal(8, (int)(await Json.ReadAsync(get))["cravingAtLeast"]!);
        await Json.ProblemAsync(await director.PutJsonAsync($"/api/programs/{program}/check-in-rules", new { cravingAtLeast = 11, moodAtMost = 2, alertOnUse = true, daysWithoutCheckIn = 3 }, null), 400);
        var put = await director.PutJsonAsync($"/api/programs/{program}/check-in-rules", new { cravingAtLeast = 5, moodAtMost = (int?)null, alertOnUse = false, daysWithoutCheckIn = 2 }, null);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await Json.ProblemAsync(await director.PutJsonAsync($"/api/programs/{program}/check-in-rules", new { cravingAtLeast = 6, alertOnUse = true }, null), 428);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Clinician)).PutJsonAsync($"/api/programs/{program}/check-in-rules", new { cravingAtLeast = 6, alertOnUse = true }, "\"1\""), 403);

        var portal = await app.ApiAsync(Roles.Participant);
        var body = await Json.ReadAsync(await portal.PostAsJsonAsync("/api/me/check-ins", new { mood = 0, craving = 5, used = true }));
        Assert.Equal(["craving 5/10 (alert at 5 or more)"], body["alerts"]!.AsArray().Select(a => (string)a!).ToArray());
        // Back to the defaults, which the other tests of this class count on.
        Assert.Equal(HttpStatusCode.OK, (await director.PutJsonAsync($"/api/programs/{program}/check-in-rules", new { cravingAtLeast = 8, moodAtMost = 2, alertOnUse = true, daysWithoutCheckIn = 3 }, put.Headers.ETag!.Tag)).StatusCode);
    }

    [Fact]
    public async Task Days_without_a_check_in_raise_one_task_and_the_next_check_in_closes_it()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        await using (var s = app.Db())
        {
            // Only this participant has check-ins in this arrangement's past: four days ago.
            var day = (await s.Context.Participants.Include(p => p.Program).SingleAsync(p => p.Id == pid)).Today(s.Context.Now).AddDays(-4);
            s.Context.Set<CheckIn>().RemoveRange(await s.Context.Set<CheckIn>().Where(c => c.ParticipantId == pid).ToListAsync());
            s.Context.Set<CheckIn>().Add(new CheckIn { ParticipantId = pid, CheckedInAt = s.Context.Now.AddDays(-4), Day = day, Mood = 6, Craving = 2 });
            await s.Context.SaveChangesAsync();
            Assert.Equal(1, await CheckInSweep.RunAsync(s.Context));
            Assert.Equal(0, await CheckInSweep.RunAsync(s.Context));
            Assert.Single(await s.Context.Tasks.Where(t => t.ParticipantId == pid && t.Kind == CheckInAlerts.MissingKind && t.Status == CareTaskStatus.Open).ToListAsync());
        }
        var portal = await app.ApiAsync(Roles.Participant);
        Assert.Equal(HttpStatusCode.Created, (await portal.PostAsJsonAsync("/api/me/check-ins", new { mood = 6, craving = 1, used = false })).StatusCode);
        await using (var s = app.Db())
            Assert.Empty(await s.Context.Tasks.Where(t => t.ParticipantId == pid && t.Kind == CheckInAlerts.MissingKind && t.Status == CareTaskStatus.Open).ToListAsync());
    }

    [Theory]
    [InlineData(8, 2, 7, 3, false, 0)]
    [InlineData(8, 2, 8, 3, false, 1)]
    [InlineData(8, 2, 0, 2, false, 1)]
    [InlineData(8, 2, 0, 3, true, 1)]
    [InlineData(8, 2, 10, 0, true, 3)]
    public void Rules_alert_at_their_thresholds(int cravingAt, int moodAt, int craving, int mood, bool used, int alerts) =>
        Assert.Equal(alerts, CheckInAlerts.Reasons(mood, craving, used, null, new CheckInRules { CravingAtLeast = cravingAt, MoodAtMost = moodAt }).Count);

    [Fact]
    public async Task The_check_in_page_saves_a_check_in_and_shows_errors_beside_the_fields()
    {
        using var pages = await app.PagesAsync(Roles.Participant);
        var (bad, badDoc) = await pages.SubmitAsync("/my/check-in", "check-in", new Dictionary<string, string?> { ["craving"] = "3", ["used"] = "false" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Choose your mood", badDoc.Body!.TextContent);
        var (ok, _) = await pages.SubmitAsync("/my/check-in", "check-in", new Dictionary<string, string?> { ["mood"] = "7", ["craving"] = "1", ["used"] = "false", ["note"] = "Walked at lunch" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var (_, after) = await pages.GetAsync("/my/check-in");
        Assert.Contains("You checked in today", after.Body!.TextContent);
    }
}
