using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Clinical;

/// <summary>Care-team scoping and roles on every clinical endpoint: another program's chart answers 404 exactly like a missing one.</summary>
public class ClinicalScopingTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    public static readonly string[] ChartReads =
    [
        "treatment-plan/versions", "treatment-plan/reviews", "notes", "safety-plan/versions", "relapse-prevention-plan/versions",
        "medications", "allergies", "medication-reconciliations", "drug-tests", "needs-assessments", "referrals",
    ];

    [Fact]
    public async Task A_clinician_of_another_program_gets_404_on_every_chart_endpoint_and_on_records_reached_by_id()
    {
        var su = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, ParticipantStatus.Active);
        var own = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var api = await app.ApiAsync(Roles.Clinician);
        foreach (var path in ChartReads.Concat(["treatment-plan", "safety-plan", "relapse-prevention-plan", "discharge"]))
        {
            var response = await api.GetAsync($"/api/participants/{su.Id}/{path}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Contains("outside your care team", await response.Content.ReadAsStringAsync());
        }
        foreach (var path in ChartReads)
            Assert.True((await api.GetAsync($"/api/participants/{own.Id}/{path}")).IsSuccessStatusCode, path);

        var writes = new (string Path, object Body)[]
        {
            ("notes", NoteCalls.Dap(Clinic.Today)),
            ("treatment-plan", Clinic.PlanBody(Guid.NewGuid())),
            ("safety-plan", new { content = new { } }),
            ("medications", new { name = "x", dose = "1 mg", route = "oral", frequency = "daily", prescriberName = "x" }),
            ("drug-tests", new { collectedOn = "2026-01-01", specimen = "urine", panel = "x", results = new[] { new { substance = "coc", result = "negative" } } }),
            ("referrals", new { resourceName = "x", referredOn = "2026-01-01", reason = "x" }),
        };
        foreach (var (path, body) in writes)
        {
            var method = path is "treatment-plan" or "safety-plan" ? HttpMethod.Put : HttpMethod.Post;
            var response = await api.SendAsync(new HttpRequestMessage(method, $"/api/participants/{su.Id}/{path}") { Content = JsonContent.Create(body) });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }

        // Records reached by their own id are scoped too.
        await using (var s = app.Db())
        {
            var note = await s.Context.Set<Web.Features.Notes.ClinicalNote>().Where(n => n.ParticipantId == su.Id).Select(n => n.Id).FirstOrDefaultAsync();
            var test = await s.Context.Set<Web.Features.Medications.DrugTest>().Where(n => n.ParticipantId == su.Id).Select(n => n.Id).FirstAsync();
            if (note != Guid.Empty)
            {
                await Json.ProblemAsync(await api.GetAsync($"/api/notes/{note}"), 404);
                await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/notes/{note}/addenda", new { text = "x" }), 404);
            }
            await Json.ProblemAsync(await api.GetAsync($"/api/drug-tests/{test}"), 404);
        }
    }

    [Fact]
    public async Task Intake_coordinators_do_not_read_clinical_content_and_participants_see_only_their_own_plans()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        foreach (var path in ChartReads) await Json.ProblemAsync(await intake.GetAsync($"/api/participants/{p.Id}/{path}"), 403);

        var participant = await app.ApiAsync(Roles.Participant);
        foreach (var path in ChartReads) await Json.ProblemAsync(await participant.GetAsync($"/api/participants/{p.Id}/{path}"), 403);
        Assert.Equal(HttpStatusCode.OK, (await participant.GetAsync("/api/coping-skills")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await participant.GetAsync("/api/community-resources?category=food")).StatusCode);
        await Json.ProblemAsync(await participant.PostAsJsonAsync("/api/community-resources", new { name = "x", category = "food" }), 403);
        await Json.ProblemAsync(await participant.GetAsync("/api/treatment-plans/due"), 403);
    }

    [Fact]
    public async Task Reads_of_clinical_records_are_audited()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var api = await app.ApiAsync(Roles.ProgramDirector);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications",
            new { name = "Sertraline", dose = "50 mg", route = "oral", frequency = "daily", prescriberName = "Dr. Okafor (outside)" })).StatusCode);
        var (note, _) = await NoteCalls.CreateAsync(await app.ApiAsync(Roles.Clinician), p.Id, NoteCalls.Dap(Clinic.Today));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/participants/{p.Id}/medications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/notes/{note}")).StatusCode);
        await using var s = app.Db();
        var reads = await s.Context.AuditEntries.Where(e => e.ParticipantId == p.Id && e.Action == AuditActions.Read).Select(e => new { e.RecordType, e.RecordId, e.UserName }).ToListAsync();
        Assert.Contains(reads, r => r.RecordType == "Medication" && r.UserName == Web.Features.Demo.DemoSeeder.EmailFor(Roles.ProgramDirector));
        Assert.Contains(reads, r => r.RecordType == "ClinicalNote" && r.RecordId == note);
    }

    [Fact]
    public async Task The_clinical_endpoints_are_in_the_openapi_document()
    {
        var doc = await Json.ReadAsync(await app.Anonymous().GetAsync("/openapi/v1.json"));
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var path in new[]
        {
            "/api/participants/{id}/notes", "/api/notes/{id}", "/api/notes/{id}/sign", "/api/notes/{id}/addenda", "/api/participants/{id}/treatment-plan",
            "/api/participants/{id}/safety-plan", "/api/participants/{id}/relapse-prevention-plan", "/api/participants/{id}/medications",
            "/api/participants/{id}/discharge", "/api/group-sessions/{id}/note", "/api/participants/{id}/drug-tests", "/api/community-resources",
        })
            Assert.Contains(path, paths);
        Assert.NotNull(doc["paths"]!["/api/notes/{id}"]!["put"]);
        Assert.NotNull(doc["paths"]!["/api/participants/{id}/notes"]!["post"]);
    }
}
