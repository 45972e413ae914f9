using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Tasks;

namespace Trellis.Tests.Clinical;

public class CaseManagementTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static string Day(int offset = 0) => Clinic.Today.AddDays(offset).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_needs_assessment_rates_every_domain_and_a_referral_is_followed_to_its_outcome()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.CaseManager);
        var partial = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/needs-assessments",
            new { assessedOn = Day(), needs = new[] { new { domain = "housing", level = "urgent" } } }), 400);
        Assert.Contains("transport", partial.ToJsonString());
        Assert.Contains("Describe the housing need", partial.ToJsonString());
        var domains = new[] { "housing", "employment", "transportation", "childcare", "legal", "finances", "benefits" };
        var full = await api.PostAsJsonAsync($"/api/participants/{p.Id}/needs-assessments",
            new { assessedOn = Day(), needs = domains.Select(d => new { domain = d, level = d == "housing" ? "significant" : "no_need", note = d == "housing" ? "Couch-surfing since March" : null }) });
        Assert.Equal(HttpStatusCode.Created, full.StatusCode);

        var resources = await Json.ReadAsync(await api.GetAsync("/api/community-resources?category=housing"));
        var harbor = (string)resources.AsArray().First()!["id"]!;
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/referrals", new { referredOn = Day(), reason = "x" }), 400);
        var created = await api.PostAsJsonAsync($"/api/participants/{p.Id}/referrals", new { communityResourceId = harbor, need = "housing", referredOn = Day(), reason = "Needs a place of her own", followUpOn = Day(5) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var referral = await Json.ReadAsync(created);
        var id = (string)referral["id"]!;
        await using (var s = app.Db())
        {
            var task = await s.Context.Tasks.SingleAsync(t => t.SourceId == Guid.Parse(id));
            Assert.Equal(CareTaskKinds.Referral, task.Kind);
            Assert.Equal(DateOnly.Parse(Day(5)), task.DueOn);
        }
        var etag = created.Headers.ETag!.Tag;
        Assert.NotNull((await Json.ProblemAsync(await api.PutJsonAsync($"/api/referrals/{id}", new { status = "connected" }, etag), 400))["errors"]!["outcome"]);
        var scheduled = await api.PutJsonAsync($"/api/referrals/{id}", new { status = "scheduled", outcome = "Intake on Monday" }, etag);
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        await using (var s = app.Db())
            Assert.Equal(CareTaskStatus.Open, (await s.Context.Tasks.SingleAsync(t => t.SourceId == Guid.Parse(id))).Status);
        var connected = await api.PutJsonAsync($"/api/referrals/{id}", new { status = "connected", outcome = "Intake done; on the waiting list for a studio" }, scheduled.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, connected.StatusCode);
        await using (var s = app.Db())
        {
            var task = await s.Context.Tasks.SingleAsync(t => t.SourceId == Guid.Parse(id));
            Assert.Equal(CareTaskStatus.Done, task.Status);
            Assert.Contains("Connected", task.Outcome);
        }
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/referrals/{id}", new { status = "closed", outcome = "x" }, etag), 412);
    }

    [Fact]
    public async Task The_resource_directory_is_searchable_by_anyone_and_edited_by_administrators()
    {
        var anyone = await app.ApiAsync(Roles.Clinician);
        var spanish = await Json.ReadAsync(await anyone.GetAsync("/api/community-resources?language=spanish&search=rent"));
        Assert.NotEmpty(spanish.AsArray());
        Assert.All(spanish.AsArray(), r => Assert.Contains("Spanish", (string)r!["languages"]!));
        Assert.Empty((await Json.ReadAsync(await anyone.GetAsync("/api/community-resources?search=zzzz"))).AsArray());
        await Json.ProblemAsync(await anyone.GetAsync("/api/community-resources?category=spaceships"), 400);
        var body = new { name = "Northside Laundry Vouchers", category = "finances", phone = "(503) 555-0199", languages = "English", cost = "Free" };
        await Json.ProblemAsync(await anyone.PostAsJsonAsync("/api/community-resources", body), 403);
        var admin = await app.ApiAsync(Roles.Administrator);
        await Json.ProblemAsync(await admin.PostAsJsonAsync("/api/community-resources", new { name = "x", category = "food", phone = "call me", website = "not a url" }), 400);
        var created = await admin.PostAsJsonAsync("/api/community-resources", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Json.ProblemAsync(await admin.PostAsJsonAsync("/api/community-resources", body), 400);
        var id = (string)(await Json.ReadAsync(created))["id"]!;
        var retired = await admin.PutJsonAsync($"/api/community-resources/{id}", new { name = "Northside Laundry Vouchers", category = "finances", isActive = false }, created.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Empty((await Json.ReadAsync(await anyone.GetAsync("/api/community-resources?search=laundry"))).AsArray());
    }
}
