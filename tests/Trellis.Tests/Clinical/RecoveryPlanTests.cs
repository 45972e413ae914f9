using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Tasks;

namespace Trellis.Tests.Clinical;

public class RecoveryPlanTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static Dictionary<string, object?> Safety(bool complete, bool withParticipant = true) => new()
    {
        ["complete"] = complete, ["writtenWithParticipant"] = withParticipant,
        ["content"] = new Dictionary<string, object?>
        {
            ["warningSigns"] = new[] { "Staying in bed past noon", " " },
            ["copingStrategies"] = new[] { new { text = "Walk the dog around the lake" } },
            ["distractionPlaces"] = new[] { "The library" },
            ["helpContacts"] = new[] { new { name = "Maya R.", role = "Sister", phone = "(503) 555-0110" } },
            ["professionals"] = new[] { new { name = "Clinic front desk", role = "Weekdays", phone = "(503) 555-0142" } },
            ["environmentSafety"] = complete ? new[] { "Brother keeps the rifle" } : Array.Empty<string>(),
            ["reasonsForLiving"] = complete ? new[] { "My daughter" } : Array.Empty<string>(),
        },
    };

    [Fact]
    public async Task Completing_the_safety_plan_closes_the_task_a_risk_flag_raised_and_a_draft_does_not()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        await using (var s = app.Db())
        {
            CareTasks.Raise(s.Context, p.Id, CareTaskKinds.CompleteSafetyPlan, "Complete a safety plan", Clinic.Today);
            await s.Context.SaveChangesAsync();
        }
        var api = await app.ApiAsync(Roles.Clinician);
        var draft = await api.PutAsJsonAsync($"/api/participants/{p.Id}/safety-plan", Safety(complete: false));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var first = await Json.ReadAsync(draft);
        Assert.Single(first["content"]!["warningSigns"]!.AsArray());
        Assert.Equal("988", (string?)first["crisisLine"]!["phone"]);
        await using (var s = app.Db())
            Assert.True(await s.Context.Tasks.AnyAsync(t => t.ParticipantId == p.Id && t.Kind == CareTaskKinds.CompleteSafetyPlan && t.Status == CareTaskStatus.Open));

        var incomplete = await Json.ProblemAsync(await api.PutJsonAsync($"/api/participants/{p.Id}/safety-plan", Safety(complete: false) is var b && (b["complete"] = true) is true ? b : b, "\"1\""), 400);
        Assert.NotNull(incomplete["errors"]!["content.environmentSafety"]);
        Assert.NotNull(incomplete["errors"]!["content.reasonsForLiving"]);
        var alone = await Json.ProblemAsync(await api.PutJsonAsync($"/api/participants/{p.Id}/safety-plan", Safety(complete: true, withParticipant: false), "\"1\""), 400);
        Assert.NotNull(alone["errors"]!["writtenWithParticipant"]);
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/participants/{p.Id}/safety-plan", Safety(complete: true), null), 428);

        var done = await api.PutJsonAsync($"/api/participants/{p.Id}/safety-plan", Safety(complete: true), "\"1\"");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("\"2\"", done.Headers.ETag!.Tag);
        await using (var s = app.Db())
        {
            var task = await s.Context.Tasks.SingleAsync(t => t.ParticipantId == p.Id && t.Kind == CareTaskKinds.CompleteSafetyPlan);
            Assert.Equal(CareTaskStatus.Done, task.Status);
            Assert.Contains("Safety plan version 2 completed", task.Outcome);
        }
        var versions = await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/safety-plan/versions"));
        Assert.Equal(2, versions.AsArray().Count);
        Assert.False((bool)(await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/safety-plan/versions/1")))["isComplete"]!);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.CaseManager)).PutJsonAsync($"/api/participants/{p.Id}/safety-plan", Safety(true), "\"2\""), 403);
    }

    [Fact]
    public async Task A_relapse_prevention_plan_gives_every_trigger_a_strategy_and_draws_on_the_library()
    {
        var p = await Clinic.FreshParticipantAsync(app, Demo.SubstanceUse);
        var api = await app.ApiAsync(Roles.ProgramDirector);
        var skills = await Json.ReadAsync(await api.GetAsync("/api/coping-skills"));
        var urge = (string)skills.AsArray().First(s => (string?)s!["name"] == "Urge surfing")!["id"]!;
        Dictionary<string, object?> Body(object triggers) => new()
        {
            ["complete"] = true, ["writtenWithParticipant"] = true,
            ["content"] = new Dictionary<string, object?>
            {
                ["triggers"] = triggers, ["highRiskSituations"] = new[] { "Payday Fridays" },
                ["earlyWarningSigns"] = new[] { "Skipping meetings" }, ["middleWarningSigns"] = new[] { "Romanticising using" }, ["lateWarningSigns"] = new[] { "Making a plan to buy" },
                ["supportContacts"] = new[] { new { name = "Luis P.", role = "Sponsor", phone = "(503) 555-0133" } },
                ["placesToAvoid"] = new[] { "The bar on Division" }, ["afterALapse"] = "Call my sponsor within the hour and tell my counsellor.",
            },
        };
        var noStrategy = await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/participants/{p.Id}/relapse-prevention-plan", Body(new[] { new { trigger = "Payday" } })), 400);
        Assert.NotNull(noStrategy["errors"]!["content.triggers[0].strategy"]);
        var unknownSkill = await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/participants/{p.Id}/relapse-prevention-plan", Body(new[] { new { trigger = "Payday", strategy = "x", skillId = Guid.NewGuid() } })), 400);
        Assert.NotNull(unknownSkill["errors"]!["content.skillId"]);
        var ok = await api.PutAsJsonAsync($"/api/participants/{p.Id}/relapse-prevention-plan", Body(new[] { new { trigger = "Payday", strategy = "Urge surfing", skillId = Guid.Parse(urge) } }));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True((bool)(await Json.ReadAsync(ok))["isComplete"]!);
    }

    [Fact]
    public async Task A_participant_reads_only_their_own_complete_plans()
    {
        var api = await app.ApiAsync(Roles.Participant);
        Guid own, other;
        await using (var s = app.Db())
        {
            own = await s.Context.Users.Where(u => u.Email == Web.Features.Demo.DemoSeeder.EmailFor(Roles.Participant)).Select(u => u.ParticipantId!.Value).SingleAsync();
            other = await s.Context.Set<Web.Features.Plans.SafetyPlan>().Where(x => x.ParticipantId != own && x.IsComplete).Select(x => x.ParticipantId).FirstAsync();
        }
        var mine = await api.GetAsync($"/api/participants/{own}/safety-plan");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.True((bool)(await Json.ReadAsync(mine))["isComplete"]!);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/participants/{own}/treatment-plan")).StatusCode);
        await Json.ProblemAsync(await api.GetAsync($"/api/participants/{other}/safety-plan"), 404);
        await Json.ProblemAsync(await api.GetAsync($"/api/participants/{other}/treatment-plan"), 404);
        await Json.ProblemAsync(await api.GetAsync($"/api/participants/{own}/safety-plan/versions"), 403);
        await Json.ProblemAsync(await api.GetAsync($"/api/participants/{own}/notes"), 403);
        await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/participants/{own}/safety-plan", Safety(true)), 403);
    }
}
