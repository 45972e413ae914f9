using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Web.Data;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Fhir;
using Trellis.Web.Features.Fhir.Export;
using static Trellis.Tests.Fhir.FhirTesting;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Tests.Fhir;

/// <summary>
/// Issue 12 part 5: Bulk Data $export. Kick-off, polling, download and delete; _type and _since; a Group's export
/// holds its program's participants only; a caller of the other program gets none of it (Part 2 included); every
/// line is a resource that validates against base R4; bad requests are OperationOutcome 4xx; a restart mid-export
/// fails the job and removes its files.
/// </summary>
[Long]
public class FhirExportTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    public sealed record Export(string StatusUrl, JsonElement Manifest, Dictionary<string, List<Resource>> Files);

    [Fact]
    public async Task Kick_off_poll_download_and_delete()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var export = await ExportAsync(admin, "/fhir/$export?_type=Patient,Observation&_outputFormat=application/fhir%2Bndjson");
        var manifest = export.Manifest;
        Assert.EndsWith("/fhir/$export?_type=Patient,Observation&_outputFormat=application/fhir%2Bndjson", manifest.GetProperty("request").GetString());
        Assert.True(manifest.GetProperty("requiresAccessToken").GetBoolean());
        Assert.True(DateTimeOffset.TryParse(manifest.GetProperty("transactionTime").GetString(), out _));
        Assert.Equal(0, manifest.GetProperty("error").GetArrayLength());
        Assert.Equal(["Patient", "Observation"], export.Files.Keys);
        foreach (var type in export.Files.Keys)
        {
            var total = (await ReadAsync<Bundle>(await admin.GetAsync($"/fhir/{type}?_summary=count"))).Total;
            Assert.Equal(total, export.Files[type].Count);
            Assert.All(export.Files[type], r => Assert.Equal(type, r.TypeName));
        }

        // Every exported record was audited as a read by the requester.
        var id = Guid.Parse(export.StatusUrl[(export.StatusUrl.LastIndexOf('/') + 1)..]);
        await using (var s = app.Db())
        {
            var audited = await s.Context.AuditEntries.Where(a => a.Detail == $"FHIR $export {id}").ToListAsync();
            Assert.Equal(export.Files.Values.Sum(f => f.Count), audited.Count);
            Assert.All(audited, a => Assert.Equal(DemoSeeder.EmailFor(Roles.Administrator), a.UserName));
        }

        // Nobody else polls, downloads or deletes it.
        var other = await app.ApiAsync(Roles.ProgramDirector);
        var fileUrl = manifest.GetProperty("output")[0].GetProperty("url").GetString()!;
        await OutcomeAsync(await other.GetAsync(export.StatusUrl), 404);
        await OutcomeAsync(await other.GetAsync(fileUrl), 404);
        await OutcomeAsync(await other.DeleteAsync(export.StatusUrl), 404);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(export.StatusUrl)).StatusCode);

        // The requester deletes it: the status URL and the files are gone.
        var runner = app.Services.GetRequiredService<FhirExportRunner>();
        Assert.True(Directory.Exists(runner.FolderOf(id)));
        await ReadAsync<OperationOutcome>(await admin.DeleteAsync(export.StatusUrl), 202);
        await OutcomeAsync(await admin.GetAsync(export.StatusUrl), 404);
        await OutcomeAsync(await admin.GetAsync(fileUrl), 404);
        Assert.False(Directory.Exists(runner.FolderOf(id)));
    }

    [Fact]
    public async Task Type_and_since_select_what_is_exported()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var everything = await ExportAsync(admin, "/fhir/$export");
        Assert.Contains("Group", everything.Files.Keys);
        Assert.Contains("Practitioner", everything.Files.Keys);
        Assert.Contains("Questionnaire", everything.Files.Keys);
        foreach (var (type, resources) in everything.Files) Assert.All(resources, r => Assert.Equal(type, r.TypeName));

        var since = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        var changed = await Demo.ParticipantInAsync(app, Demo.MentalHealth, Web.Features.Participants.ParticipantStatus.Active);
        await using (var s = app.Db())
        {
            var p = await s.Context.Participants.SingleAsync(x => x.Id == changed.Id);
            p.PreferredName = "Sincetest";
            await s.Context.SaveChangesAsync();
        }
        var recent = await ExportAsync(admin, $"/fhir/$export?_type=Patient,Condition&_since={Uri.EscapeDataString(since.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz"))}");
        var patient = Assert.Single(Assert.Single(recent.Files).Value);
        Assert.Equal(changed.Id.ToString(), patient.Id);
        Assert.Contains(((Patient)patient).Name, n => n.Given.Contains("Sincetest"));
    }

    [Fact]
    public async Task A_groups_export_holds_its_programs_participants_only_and_validates()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        foreach (var program in new[] { Demo.MentalHealth, Demo.SubstanceUse })
        {
            var programId = await Demo.ProgramIdAsync(app, program);
            HashSet<string> members;
            await using (var s = app.Db())
                members = (await s.Context.Participants.Where(p => p.ProgramId == programId).Select(p => p.Id).ToListAsync()).Select(g => g.ToString()).ToHashSet();
            var group = await ReadAsync<Group>(await admin.GetAsync($"/fhir/Group/{programId}"));
            Assert.Equal(members.Order(), group.Member.Select(m => m.Entity.Reference!["Patient/".Length..]).Order());
            Assert.Equal(program == Demo.SubstanceUse, FhirSecurity.IsPart2(group));

            var export = await ExportAsync(admin, $"/fhir/Group/{programId}/$export");
            Assert.DoesNotContain("Practitioner", export.Files.Keys);
            Assert.DoesNotContain("Group", export.Files.Keys);
            Assert.Equal(members.Order(), export.Files["Patient"].Select(p => p.Id).Order());
            Assert.True(export.Files.Count >= 8, $"only {string.Join(", ", export.Files.Keys)} exported");
            var problems = new List<string>();
            foreach (var (type, resources) in export.Files)
                foreach (var resource in resources)
                {
                    if (OwnerOf(resource) is { } owner) Assert.Contains(owner, members);
                    Assert.Equal(program == Demo.SubstanceUse, FhirSecurity.IsPart2(resource));
                }
            // Every line parsed above with Firely's parser; each type's first lines validate against base R4.
            foreach (var resource in export.Files.Values.SelectMany(f => f.Take(40))) FhirValidationTests.Check(resource, problems);
            Assert.True(problems.Count == 0, string.Join("\n", problems.Take(20)));
        }
    }

    [Fact]
    public async Task Staff_of_the_other_program_export_none_of_it()
    {
        var clinician = await app.ApiAsync(Roles.Clinician); // Adult Mental Health only
        var substanceUse = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        await OutcomeAsync(await SendAsync(clinician, $"/fhir/Group/{substanceUse}/$export"), 404);
        await OutcomeAsync(await clinician.GetAsync($"/fhir/Group/{substanceUse}"), 404);
        var groups = await AllAsync(clinician, "/fhir/Group");
        Assert.Equal([(await Demo.ProgramIdAsync(app, Demo.MentalHealth)).ToString()], groups.Select(g => g.Id));

        HashSet<string> theirs;
        await using (var s = app.Db())
            theirs = (await s.Context.Participants.Where(p => p.ProgramId == substanceUse).Select(p => p.Id).ToListAsync()).Select(g => g.ToString()).ToHashSet();
        foreach (var url in new[] { "/fhir/$export", "/fhir/Patient/$export" })
        {
            var export = await ExportAsync(clinician, url);
            Assert.True(export.Files["Patient"].Count > 0);
            foreach (var (type, resources) in export.Files)
            {
                Assert.All(resources, r => Assert.False(FhirSecurity.IsPart2(r), $"{type}/{r.Id} is a Part 2 record"));
                Assert.All(resources, r => Assert.DoesNotContain(OwnerOf(r) ?? "", theirs));
                if (type is "Patient" or "Condition" or "Observation" or "EpisodeOfCare")
                    Assert.Equal((await ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/{type}?_summary=count"))).Total, resources.Count);
            }
        }
    }

    [Fact]
    public async Task Keyset_batches_read_every_record_once()
    {
        var types = app.Services.GetRequiredService<FhirTypes>();
        await using var s = app.Db();
        // As an administrator (whose role reads every part of the union types), as the runner acts as its requester.
        s.Context.ActAs(CurrentUser.From(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.NameIdentifier, "keyset-test"), new(System.Security.Claims.ClaimTypes.Role, Roles.Administrator)], "test"))));
        var fx = new FhirContext(s.Context, "http://localhost/fhir");
        foreach (var name in new[] { "Patient", "Encounter", "Appointment", "DocumentReference", "Observation" })
        {
            var type = types.Find(name)!;
            var whole = new List<string>();
            await foreach (var batch in type.ExportAsync(fx, new FhirExportSelection(null, DateTimeOffset.MaxValue, false, null, 100_000), default))
                whole.AddRange(batch.Select(e => e.Resource.Id!));
            var batched = new List<string>();
            var batches = 0;
            await foreach (var batch in type.ExportAsync(fx, new FhirExportSelection(null, DateTimeOffset.MaxValue, false, null, 7), default))
            {
                Assert.InRange(batch.Count, 1, 7);
                batched.AddRange(batch.Select(e => e.Resource.Id!));
                batches++;
            }
            Assert.True(whole.Count > 7, $"the demo has only {whole.Count} {name}");
            Assert.True(batches > 1);
            Assert.Equal(whole.Count, batched.Distinct().Count());
            Assert.Equal(whole.Order(), batched.Order());
        }
    }

    [Fact]
    public async Task Bad_requests_are_operation_outcomes()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        await OutcomeAsync(await admin.GetAsync("/fhir/$export"), 400); // no Prefer: respond-async
        foreach (var query in new[] { "_type=Nope", "_type=patient", "_since=yesterday", "_since=2026-01-01", "_since=2026-01-01T10:00:00", "_outputFormat=text/csv", "_typeFilter=Patient%3Factive%3Dtrue" })
            await OutcomeAsync(await SendAsync(admin, $"/fhir/$export?{query}"), 400);
        await OutcomeAsync(await SendAsync(admin, $"/fhir/Group/{await Demo.ProgramIdAsync(app, Demo.MentalHealth)}/$export?_type=Practitioner"), 400);
        await OutcomeAsync(await SendAsync(admin, "/fhir/Group/not-a-group/$export"), 404);
        await OutcomeAsync(await SendAsync(admin, $"/fhir/Group/{Guid.NewGuid()}/$export"), 404);
        await OutcomeAsync(await admin.GetAsync($"/fhir/$export-status/{Guid.NewGuid()}"), 404);
        await OutcomeAsync(await admin.GetAsync("/fhir/$export-status/nope"), 404);
        await OutcomeAsync(await admin.DeleteAsync($"/fhir/$export-status/{Guid.NewGuid()}"), 404);
        await OutcomeAsync(await admin.GetAsync($"/fhir/$export-file/{Guid.NewGuid()}/Patient.ndjson"), 404);
        var billing = await app.ApiAsync(Roles.Billing);
        await OutcomeAsync(await SendAsync(billing, "/fhir/$export?_type=Observation"), 403);
        await OutcomeAsync(await app.Anonymous().GetAsync("/fhir/$export"), 401);

        // Lenient handling ignores what is not supported; a file not in the manifest is not served.
        var lenient = new HttpRequestMessage(HttpMethod.Get, "/fhir/$export?_type=Location&_elements=id");
        lenient.Headers.Add("Prefer", "respond-async, handling=lenient");
        var kicked = await admin.SendAsync(lenient);
        Assert.Equal(HttpStatusCode.Accepted, kicked.StatusCode);
        var status = kicked.Content.Headers.ContentLocation!.ToString();
        await DoneAsync(admin, status);
        var id = status[(status.LastIndexOf('/') + 1)..];
        await OutcomeAsync(await admin.GetAsync($"/fhir/$export-file/{id}/Patient.ndjson"), 404);
        await OutcomeAsync(await admin.GetAsync($"/fhir/$export-file/{id}/..%2Ftrellis.db"), 404);
    }

    [Fact]
    public async Task A_restart_mid_export_fails_the_job_and_removes_its_files()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var runner = app.Services.GetRequiredService<FhirExportRunner>();
        var job = new FhirExportJob
        {
            Level = FhirExportLevel.System, Types = "Patient", Request = "http://localhost/fhir/$export", BaseUrl = "http://localhost/fhir", Principal = "{}",
            Status = FhirExportStatus.Running, Progress = "Patient: 1,000 written", CreatedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow,
            TransactionTime = DateTimeOffset.UtcNow, HeartbeatAt = DateTimeOffset.UtcNow,
            // A runner of an earlier process of this node: what a process that died mid-export leaves behind.
            Runner = $"{Environment.MachineName}:{Guid.NewGuid():N}",
        };
        await using (var s = app.Db())
        {
            job.RequestedBy = await s.Context.Users.Where(u => u.Email == DemoSeeder.EmailFor(Roles.Administrator)).Select(u => u.Id).SingleAsync();
            s.Context.Add(job);
            await s.Context.SaveChangesAsync();
        }
        Directory.CreateDirectory(runner.FolderOf(job.Id));
        await File.WriteAllTextAsync(runner.FileOf(job.Id, "Patient"), "{\"resourceType\":\"Patient\"");
        var status = $"/fhir/$export-status/{job.Id}";
        var running = await admin.GetAsync(status);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal("Patient: 1,000 written", running.Headers.GetValues("X-Progress").Single());

        // The app starts again on the same database and data directory.
        await using (var restarted = new SameDatabase(app))
        {
            await ((IAsyncLifetime)restarted).InitializeAsync();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            HttpResponseMessage answer;
            while ((answer = await admin.GetAsync(status)).StatusCode == HttpStatusCode.Accepted && DateTime.UtcNow < deadline) await Task.Delay(200);
            var outcome = await ReadAsync<OperationOutcome>(answer, 410);
            Assert.Equal(OperationOutcome.IssueType.Incomplete, Assert.Single(outcome.Issue).Code);
            Assert.Contains("restarted", outcome.Issue[0].Diagnostics);
        }
        Assert.False(Directory.Exists(runner.FolderOf(job.Id)));
        await using (var s = app.Db())
        {
            var failed = await s.Context.Set<FhirExportJob>().SingleAsync(j => j.Id == job.Id);
            Assert.Equal(FhirExportStatus.Failed, failed.Status);
            Assert.NotNull(failed.FinishedAt);
        }
        await ReadAsync<OperationOutcome>(await admin.DeleteAsync(status), 202);
    }

    /// <summary>A second app over the first one's database and data directory: the first one's restart.</summary>
    private sealed class SameDatabase(TrellisFactory first) : TrellisFactory
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ConnectionStrings:Trellis"] = first.AppConnection,
            ["ConnectionStrings:TrellisAdmin"] = first.Provider == DatabaseProvider.Postgres ? first.OwnerConnection : null,
            ["Trellis:DataDirectory"] = first.DataDirectory,
        };
    }

    internal static Task<HttpResponseMessage> SendAsync(HttpClient client, string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Prefer", "respond-async");
        request.Headers.Accept.ParseAdd(FhirJson.MediaType);
        return client.SendAsync(request);
    }

    /// <summary>Polls until the export is done (202 with X-Progress meanwhile) and returns the manifest.</summary>
    internal static async Task<JsonElement> DoneAsync(HttpClient client, string statusUrl)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var response = await client.GetAsync(statusUrl);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"status answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Progress").Single()));
            Assert.True(DateTime.UtcNow < deadline, "the export did not finish in two minutes");
            await Task.Delay(100);
        }
    }

    /// <summary>Kick-off (202, Content-Location), polling, and every file downloaded with the same token and parsed line by line.</summary>
    internal static async Task<Export> ExportAsync(HttpClient client, string url)
    {
        var kicked = await SendAsync(client, url);
        await ReadAsync<OperationOutcome>(kicked, 202);
        var status = kicked.Content.Headers.ContentLocation?.ToString() ?? kicked.Headers.GetValues("Content-Location").Single();
        var manifest = await DoneAsync(client, status);
        var files = new Dictionary<string, List<Resource>>();
        foreach (var output in manifest.GetProperty("output").EnumerateArray())
        {
            var type = output.GetProperty("type").GetString()!;
            var response = await client.GetAsync(output.GetProperty("url").GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(FhirExportApi.NdJson, response.Content.Headers.ContentType!.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
            Assert.Equal("", lines[^1]);
            files[type] = [.. lines[..^1].Select(line => JsonSerializer.Deserialize<Resource>(line, FhirJson.Options)!)];
            Assert.Equal(output.GetProperty("count").GetInt64(), files[type].Count);
        }
        return new Export(status, manifest, files);
    }

    /// <summary>The participant a resource belongs to (as the scope tests read it), or null for one that belongs to none.</summary>
    private static string? OwnerOf(Resource r) => r switch
    {
        Hl7.Fhir.Model.Appointment a => a.Participant.Select(x => x.Actor?.Reference).FirstOrDefault(x => x?.StartsWith("Patient/") == true)?["Patient/".Length..],
        Coverage => FhirScopeTests.OwnerOf(r),
        _ when ChartTypes.Contains(r.TypeName) => FhirScopeTests.OwnerOf(r),
        _ => null,
    };
}
