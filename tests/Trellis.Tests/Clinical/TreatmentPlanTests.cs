using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Tasks;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Tests.Clinical;

public class TreatmentPlanTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Every_change_is_a_new_version_and_every_version_stays_viewable()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var api = await app.ApiAsync(Roles.Clinician);

        var first = await api.PutAsJsonAsync($"/api/participants/{p.Id}/treatment-plan", Clinic.PlanBody(clinician.Id));
        Assert.True(first.IsSuccessStatusCode, await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"1\"", first.Headers.ETag!.Tag);
        var v1 = await Json.ReadAsync(first);
        Assert.Equal(1, (int)v1["number"]!);
        Assert.Equal("draft", (string?)v1["status"]);
        var goalId = (string)v1["content"]!["problems"]![0]!["goals"]![0]!["id"]!;

        // A second version must say what changed, and must be based on the latest (If-Match).
        var body = Clinic.PlanBody(clinician.Id, "I want to go to work and see my friends on weekends", Guid.Parse(goalId));
        var missing = await Json.ProblemAsync(await api.PutJsonAsync($"/api/participants/{p.Id}/treatment-plan", body, "\"1\""), 400);
        Assert.Contains("changeSummary", missing["errors"]!.ToJsonString());
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/participants/{p.Id}/treatment-plan", body, null), 428);
        body["changeSummary"] = "Added seeing friends, in her words";
        var second = await api.PutJsonAsync($"/api/participants/{p.Id}/treatment-plan", body, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var v2 = await Json.ReadAsync(second);
        Assert.Equal(2, (int)v2["number"]!);
        Assert.Equal(goalId, (string)v2["content"]!["problems"]![0]!["goals"]![0]!["id"]!);
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/participants/{p.Id}/treatment-plan", body, "\"1\""), 412);

        var versions = await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/treatment-plan/versions"));
        Assert.Equal(2, versions.AsArray().Count);
        Assert.Equal("Replaced", (string?)versions[1]!["status"]);
        var old = await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/treatment-plan/versions/1"));
        Assert.Equal("I want to get out of bed and go to work most days", (string?)old["content"]!["problems"]![0]!["goals"]![0]!["ownWords"]);
        Assert.Equal("replaced", (string?)old["status"]);
    }

    [Fact]
    public async Task Signatures_complete_the_plan_and_only_the_latest_version_can_be_signed()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var api = await app.ApiAsync(Roles.Clinician);
        await api.PutAsJsonAsync($"/api/participants/{p.Id}/treatment-plan", Clinic.PlanBody(clinician.Id));
        await using (var s = app.Db())
        {
            Trellis.Web.Features.Tasks.CareTasks.Raise(s.Context, p.Id, CareTaskKinds.TreatmentPlanDue, "Write the first plan", Clinic.Today);
            await s.Context.SaveChangesAsync();
        }

        var sign = await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { number = 1, @as = "clinician", acknowledgeSimilarText = true });
        Assert.Equal(HttpStatusCode.OK, sign.StatusCode);
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { number = 1, @as = "clinician", acknowledgeSimilarText = true }), 409);
        var wrongName = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { number = 1, @as = "participant", typedName = "Someone Else" }), 400);
        Assert.Contains("typedName", wrongName.ToJsonString());
        var done = await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { number = 1, @as = "participant", typedName = $"test {p.LegalLastName}" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var plan = await Json.ReadAsync(done);
        Assert.Equal("in_effect", (string?)plan["status"]);
        Assert.Equal("in_person", (string?)plan["signatures"]!["participantSignatureMethod"]);

        await using (var s = app.Db())
            Assert.False(await s.Context.Tasks.AnyAsync(t => t.ParticipantId == p.Id && t.Kind == CareTaskKinds.TreatmentPlanDue && t.Status == CareTaskStatus.Open));

        var body = Clinic.PlanBody(clinician.Id, changeSummary: "New objective");
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/participants/{p.Id}/treatment-plan", body, "\"1\"")).StatusCode);
        var stale = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { number = 1, @as = "participant", typedName = $"Test {p.LegalLastName}" }), 409);
        Assert.Contains("version 2", (string)stale["detail"]!);
        var latest = await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/treatment-plan"));
        Assert.Equal("draft", (string?)latest["status"]);
        Assert.Equal(1, (int)latest["inEffectNumber"]!);
    }
}
