using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Tasks;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Tests.Clinical;

public class PlanReviewTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static DateOnly Today => Clinic.Today;

    private async Task<(string GoalId, HttpClient Api)> SignedPlanAsync(Guid participantId, string lastName)
    {
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var api = await app.ApiAsync(Roles.Clinician);
        var plan = await Json.ReadAsync(await api.PutAsJsonAsync($"/api/participants/{participantId}/treatment-plan", Clinic.PlanBody(clinician.Id)));
        await api.PostAsJsonAsync($"/api/participants/{participantId}/treatment-plan/signatures", new { number = 1, @as = "clinician", acknowledgeSimilarText = true });
        await api.PostAsJsonAsync($"/api/participants/{participantId}/treatment-plan/signatures", new { number = 1, @as = "participant", typedName = $"Test {lastName}" });
        return ((string)plan["content"]!["problems"]![0]!["goals"]![0]!["id"]!, api);
    }

    [Fact]
    public async Task A_review_rates_every_goal_and_records_which_notes_worked_on_it_and_when()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/reviews", new { reviewedOn = Today, summary = "x", goals = Array.Empty<object>() }), 409);
        var (goalId, _) = await SignedPlanAsync(p.Id, p.LegalLastName);

        // Two signed notes address the goal; a draft does not count.
        foreach (var (daysAgo, sign) in new[] { (0, true), (0, true), (0, false) })
        {
            var body = NoteCalls.Dap(Today.AddDays(-daysAgo), data: $"Session {Guid.NewGuid():N}: worked on getting to work on time; planned the alarm and the bus.", assessment: $"Progress {Guid.NewGuid():N}.", plan: $"Next step {Guid.NewGuid():N}.");
            body["goalIds"] = new[] { goalId };
            var (id, _) = await NoteCalls.CreateAsync(api, p.Id, body);
            if (sign) Assert.Equal(HttpStatusCode.OK, (await NoteCalls.SignAsync(api, id, new { acknowledgeSimilarText = true })).StatusCode);
        }
        await using (var s = app.Db())
        {
            CareTasks.Raise(s.Context, p.Id, CareTaskKinds.TreatmentPlanReview, "Review the plan", Today);
            await s.Context.SaveChangesAsync();
        }

        var missing = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/reviews",
            new { reviewedOn = Today, summary = "Good month.", goals = Array.Empty<object>() }), 400);
        Assert.Contains("Rate progress on every goal", missing.ToJsonString());
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/reviews",
            new { reviewedOn = Today.AddDays(1), summary = "Good month.", goals = new[] { new { goalId, progress = "moderate" } } }), 400);
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/reviews",
            new { reviewedOn = Today, summary = "Good month.", goals = new[] { new { goalId = Guid.NewGuid().ToString(), progress = "moderate" } } }), 400);
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/reviews",
            new { reviewedOn = Today, summary = "Good month.", goals = new[] { new { goalId, progress = "great" } } }), 400);

        var created = await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/reviews",
            new { reviewedOn = Today, summary = "Getting to work most days.", participantTookPart = true, participantComment = "I feel less stuck.", goals = new[] { new { goalId, progress = "moderate", comment = "3 of 5 days" } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var review = await Json.ReadAsync(created);
        var goal = review["goals"]![0]!;
        Assert.Equal(2, (int)goal["notesAddressed"]!);
        Assert.Equal(Today.ToString("yyyy-MM-dd"), (string?)goal["addressedOn"]![0]);
        Assert.Equal("moderate", (string?)goal["progress"]);
        int interval;
        await using (var s = app.Db())
            interval = (await TreatmentPlanRules.ForProgramAsync(s.Context, p.ProgramId)).ReviewIntervalDays;
        Assert.Equal(Today.AddDays(interval).ToString("yyyy-MM-dd"), (string?)review["nextReviewDue"]);

        var plan = await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/treatment-plan"));
        Assert.Equal(Today.AddDays(interval).ToString("yyyy-MM-dd"), (string?)plan["schedule"]!["reviewDueOn"]);
        await using (var s = app.Db())
            Assert.False(await s.Context.Tasks.AnyAsync(t => t.ParticipantId == p.Id && t.Kind == CareTaskKinds.TreatmentPlanReview && t.Status == CareTaskStatus.Open));
        Assert.Single((await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/treatment-plan/reviews"))).AsArray());
    }

    [Fact]
    public async Task First_plans_are_due_by_the_programs_session_count_and_reviews_by_its_interval()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        for (var i = 0; i < 3; i++) await Clinic.HeldSessionAsync(app, [p.Id], daysAgo: i + 1);
        var due = await Json.ReadAsync(await api.GetAsync("/api/treatment-plans/due"));
        var row = due.AsArray().Single(r => (string?)r!["participantId"] == p.Id.ToString());
        Assert.Equal("overdue", (string?)row!["firstPlanState"]);
        Assert.Contains("3 sessions attended", (string?)row["firstPlanText"]);

        // The program asks for the plan by the fifth session: no longer overdue.
        await using (var s = app.Db())
        {
            var rules = await s.Context.Set<TreatmentPlanRules>().FirstOrDefaultAsync(r => r.ProgramId == p.ProgramId);
            if (rules is null) s.Context.Set<TreatmentPlanRules>().Add(rules = new TreatmentPlanRules { ProgramId = p.ProgramId });
            rules.FirstPlanWithinSessions = 5;
            rules.ReviewIntervalDays = 5;
            await s.Context.SaveChangesAsync();
        }
        due = await Json.ReadAsync(await api.GetAsync("/api/treatment-plans/due"));
        Assert.DoesNotContain(due.AsArray(), r => (string?)r!["participantId"] == p.Id.ToString());

        await SignedPlanAsync(p.Id, p.LegalLastName);
        var plan = await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/treatment-plan"));
        Assert.Equal("done", (string?)plan["schedule"]!["firstPlanState"]);
        Assert.Equal("due_soon", (string?)plan["schedule"]!["reviewState"]);
        Assert.Equal(Today.AddDays(5).ToString("yyyy-MM-dd"), (string?)plan["schedule"]!["reviewDueOn"]);
        Assert.Equal(5, (int)plan["schedule"]!["reviewIntervalDays"]!);
    }

    [Fact]
    public async Task Bad_plans_are_refused_field_by_field()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var api = await app.ApiAsync(Roles.Clinician);
        var body = Clinic.PlanBody(clinician.Id, ownWords: "");
        var problem = (Dictionary<string, object?>)((Dictionary<string, object?>[])((Dictionary<string, object?>)body["content"]!)["problems"]!)[0];
        problem["diagnosisCodes"] = new[] { "F99.9" };
        var goal = ((Dictionary<string, object?>[])problem["goals"]!)[0];
        goal["targetScore"] = 40;
        ((Dictionary<string, object?>[])goal["interventions"]!)[0]["responsibleStaffId"] = Guid.NewGuid();
        var errors = (await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/participants/{p.Id}/treatment-plan", body), 400))["errors"]!.AsObject();
        var keys = errors.Select(e => e.Key).ToList();
        Assert.Contains("content.problems[0].goals[0].ownWords", keys);
        Assert.Contains("content.problems[0].diagnosisCodes", keys);
        Assert.Contains("content.problems[0].goals[0].targetScore", keys);
        Assert.Contains("content.problems[0].goals[0].interventions[0].responsibleStaffId", keys);
        await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/participants/{p.Id}/treatment-plan", new { content = new { problems = Array.Empty<object>() } }), 400);
        await Json.ProblemAsync(await api.PutAsJsonAsync($"/api/participants/{p.Id}/treatment-plan", new { }), 400);
        await Json.ProblemAsync(await api.PostAsync($"/api/participants/{p.Id}/treatment-plan", null), 405);
        await Json.ProblemAsync(await api.GetAsync($"/api/participants/{p.Id}/treatment-plan"), 404);
        await Json.ProblemAsync(await api.GetAsync($"/api/participants/{p.Id}/treatment-plan/versions/7"), 404);
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { @as = "clinician" }), 400);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.CaseManager)).PutAsJsonAsync($"/api/participants/{p.Id}/treatment-plan", Clinic.PlanBody(clinician.Id)), 403);
        await using var s = app.Db();
        Assert.False(await s.Context.Set<TreatmentPlan>().AnyAsync(t => t.ParticipantId == p.Id));
    }
}
