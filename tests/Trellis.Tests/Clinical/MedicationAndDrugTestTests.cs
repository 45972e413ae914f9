using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Medications;

namespace Trellis.Tests.Clinical;

public class MedicationAndDrugTestTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static string Day(int offset = 0) => Clinic.Today.AddDays(offset).ToString("yyyy-MM-dd");

    [Fact]
    public async Task The_medication_list_is_kept_with_etags_stopped_not_deleted_and_reconciled()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Prescriber);
        var rx = await Clinic.StaffAsync(app, "prescriber");
        var missing = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", new { name = "Sertraline", route = "oral" }), 400);
        Assert.NotNull(missing["errors"]!["dose"]);
        Assert.NotNull(missing["errors"]!["frequency"]);
        Assert.NotNull(missing["errors"]!["prescriberName"]);
        var badRoute = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", new { name = "x", dose = "1", route = "by mouth", frequency = "daily", prescriberName = "x" }), 400);
        Assert.Contains("route", badRoute.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", new { name = "x", dose = "1", route = "oral", frequency = "daily", prescriberStaffId = (await Clinic.StaffAsync(app, "clinician")).Id }), 400);

        var created = await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", new { name = "Sertraline", dose = "50 mg", route = "oral", frequency = "once daily", reason = "depression", prescriberStaffId = rx.Id, startedOn = Day(-30) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var med = await Json.ReadAsync(created);
        Assert.Contains("PMHNP", (string?)med["prescriberName"]);
        var id = (string)med["id"]!;
        var etag = created.Headers.ETag!.Tag;
        var stopNoReason = new { name = "Sertraline", dose = "50 mg", route = "oral", frequency = "once daily", prescriberStaffId = rx.Id, startedOn = Day(-30), stoppedOn = Day() };
        Assert.NotNull((await Json.ProblemAsync(await api.PutJsonAsync($"/api/medications/{id}", stopNoReason, etag), 400))["errors"]!["stopReason"]);
        var increase = new { name = "Sertraline", dose = "100 mg", route = "oral", frequency = "once daily", prescriberStaffId = rx.Id, startedOn = Day(-30) };
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/medications/{id}", increase, etag)).StatusCode);
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/medications/{id}", increase, etag), 412);

        var allergy = await api.PostAsJsonAsync($"/api/participants/{p.Id}/allergies", new { substance = "Penicillin", kind = "medication", reaction = "hives", severity = "moderate" });
        Assert.Equal(HttpStatusCode.Created, allergy.StatusCode);
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/allergies", new { substance = "penicillin", kind = "medication", severity = "mild" }), 400);

        var noDecision = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/medication-reconciliations",
            new { kind = "admission", reconciledOn = Day(), sources = "report", allergiesReviewed = true, items = Array.Empty<object>() }), 400);
        Assert.Contains("Sertraline", noDecision.ToJsonString());
        var nka = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/medication-reconciliations",
            new { kind = "admission", reconciledOn = Day(), sources = "report", allergiesReviewed = true, noKnownAllergies = true, items = new[] { new { medicationId = id, decision = "continue" } } }), 400);
        Assert.NotNull(nka["errors"]!["noKnownAllergies"]);
        var change = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/medication-reconciliations",
            new { kind = "admission", reconciledOn = Day(), sources = "report", allergiesReviewed = true, items = new[] { new { medicationId = id, decision = "change" } } }), 400);
        Assert.NotNull(change["errors"]!["items[0].comment"]);
        var rec = await api.PostAsJsonAsync($"/api/participants/{p.Id}/medication-reconciliations",
            new { kind = "admission", reconciledOn = Day(), sources = "Participant's report and pharmacy history", allergiesReviewed = true, items = new[] { new { medicationId = id, decision = "stop", comment = "Nausea" } } });
        Assert.Equal(HttpStatusCode.Created, rec.StatusCode);
        var list = await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/medications?includeStopped=true"));
        Assert.False((bool)list[0]!["active"]!);
        Assert.Contains("Nausea", (string?)list[0]!["stopReason"]);
        Assert.Empty((await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/medications"))).AsArray());
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.CaseManager)).PostAsJsonAsync($"/api/participants/{p.Id}/medications", increase), 403);
    }

    [Fact]
    public async Task Drug_test_results_are_expected_when_a_prescription_explains_them_and_an_unexpected_one_reaches_the_team()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var prescriber = await app.ApiAsync(Roles.Prescriber);
        await prescriber.PostAsJsonAsync($"/api/participants/{p.Id}/medications", new { name = "Buprenorphine/naloxone", dose = "8 mg/2 mg", route = "sublingual", frequency = "daily", prescriberName = "Dr. Okafor", startedOn = Day(-40) });
        var api = await app.ApiAsync(Roles.Clinician);
        object Test(string bup, string coc, int day = 0) => new
        {
            collectedOn = Day(day), specimen = "urine", panel = "12-panel urine cup", observed = true,
            results = new[] { new { substance = "bup", result = bup }, new { substance = "coc", result = coc }, new { substance = "thc", result = "negative" } },
        };
        var expected = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/drug-tests", Test("positive", "negative", -7)));
        Assert.False((bool)expected["hasUnexpected"]!);
        Assert.True((bool)expected["results"]![0]!["prescribed"]!);
        Assert.Equal("Buprenorphine/naloxone", (string?)expected["results"]![0]!["prescribedAs"]);
        await using (var s = app.Db())
            Assert.False(await s.Context.Tasks.AnyAsync(t => t.ParticipantId == p.Id && t.Kind == SaveDrugTest.FollowUpTaskKind));

        var created = await api.PostAsJsonAsync($"/api/participants/{p.Id}/drug-tests", Test("negative", "positive"));
        var unexpected = await Json.ReadAsync(created);
        Assert.True((bool)unexpected["hasUnexpected"]!);
        Assert.Equal(2, unexpected["results"]!.AsArray().Count(r => (bool)r!["unexpected"]!));
        await using (var s = app.Db())
        {
            var task = await s.Context.Tasks.SingleAsync(t => t.ParticipantId == p.Id && t.Kind == SaveDrugTest.FollowUpTaskKind);
            Assert.Contains("positive for Cocaine", task.Title);
            Assert.Contains("negative for prescribed buprenorphine", task.Title);
            Assert.Equal(p.PrimaryClinicianId, task.AssignedToStaffId);
            Assert.True(await s.Context.Notifications.AnyAsync(n => n.ParticipantId == p.Id && n.Kind == "drug_test" && n.RecipientStaffId == p.PrimaryClinicianId));
        }
        // A lab result confirming the same test raises nothing new.
        var id = (string)unexpected["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/drug-tests/{id}", Test("negative", "positive"), created.Headers.ETag!.Tag)).StatusCode);
        await using (var s = app.Db())
            Assert.Single(await s.Context.Tasks.Where(t => t.ParticipantId == p.Id && t.Kind == SaveDrugTest.FollowUpTaskKind).ToListAsync());

        var bad = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/drug-tests", new { collectedOn = Day(1), specimen = "urine", panel = "x", results = new[] { new { substance = "kryptonite", result = "positive" } } }), 400);
        Assert.Contains("kryptonite", bad.ToJsonString());
        Assert.NotNull(bad["errors"]!["collectedOn"]);
        var maybe = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/drug-tests", new { collectedOn = Day(), specimen = "urine", panel = "x", results = new[] { new { substance = "coc", result = "maybe" } } }), 400);
        Assert.Contains("result", (string)maybe["detail"]!);
        var noResults = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/drug-tests", new { collectedOn = Day(), specimen = "urine", panel = "x", results = Array.Empty<object>() }), 400);
        Assert.NotNull(noResults["errors"]!["results"]);
        var panels = await Json.ReadAsync(await api.GetAsync("/api/drug-tests/panels"));
        Assert.Contains(panels["panels"]!.AsArray(), x => (string?)x!["name"] == "12-panel urine cup + fentanyl");
        var timeline = await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/drug-tests"));
        Assert.Equal(Day(), (string?)timeline[0]!["collectedOn"]);
    }
}
