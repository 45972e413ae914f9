using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;

namespace Trellis.Tests.Foundation;

public class ParticipantsApiTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Create_get_update_delete_and_restore_round_trip()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var body = Demo.NewParticipant(program, "Roundtrip");

        var created = await api.PostAsJsonAsync("/api/participants", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await Json.ReadAsync(created);
        var id = (string)json["id"]!;
        Assert.StartsWith("TR", (string)json["mrn"]!);
        Assert.Equal("screening", (string?)json["status"]);
        Assert.Equal("F33.1", (string?)json["diagnoses"]![0]!["code"]);
        Assert.Equal($"/api/participants/{id}", created.Headers.Location?.OriginalString);

        var get = await api.GetAsync($"/api/participants/{id}");
        var etag = get.Headers.ETag!.Tag;
        Assert.Equal("\"1\"", etag);

        body["phone"] = "(503) 555-0142";
        var put = await api.PutJsonAsync($"/api/participants/{id}", body, etag);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("(503) 555-0142", (string?)(await Json.ReadAsync(put))["phone"]);
        Assert.Equal("\"2\"", put.Headers.ETag!.Tag);

        var director = await app.ApiAsync(Roles.ProgramDirector);
        Assert.Equal(HttpStatusCode.NoContent, (await director.DeleteAsync($"/api/participants/{id}")).StatusCode);
        await Json.ProblemAsync(await api.GetAsync($"/api/participants/{id}"), 404);
        var list = await Json.ReadAsync(await director.GetAsync("/api/participants?search=Roundtrip"));
        Assert.Equal(0, (int)list["total"]!);

        var restored = await director.PostAsync($"/api/participants/{id}/restore", null);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/participants/{id}")).StatusCode);
    }

    [Fact]
    public async Task Identifiers_from_other_systems_are_shown_and_a_get_put_round_trip_keeps_them()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var body = Demo.NewParticipant(await Demo.ProgramIdAsync(app, Demo.MentalHealth), "Identified");
        body["identifiers"] = new[] { new { system = "http://hospital.example.org/mrn", value = "H-20261207-1" } };
        var created = await Json.ReadAsync(await api.PostAsJsonAsync("/api/participants", body));
        Assert.Equal("H-20261207-1", (string?)created["identifiers"]![0]!["value"]);

        var id = (string)created["id"]!;
        var get = await api.GetAsync($"/api/participants/{id}");
        var shown = await Json.ReadAsync(get);
        var identifier = Assert.Single(shown["identifiers"]!.AsArray());
        Assert.Equal("http://hospital.example.org/mrn", (string?)identifier!["system"]);
        // The representation goes back as it came (the extra members are read and ignored): nothing changes but the phone.
        shown["phone"] = "(503) 555-0143";
        var put = await api.PutJsonAsync($"/api/participants/{id}", shown, get.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await Json.ReadAsync(put);
        Assert.Equal("H-20261207-1", (string?)Assert.Single(after["identifiers"]!.AsArray())!["value"]);
        Assert.Equal("(503) 555-0143", (string?)after["phone"]);
    }

    [Fact]
    public async Task Gender_language_and_interpreter_are_kept_and_bad_values_are_named()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var body = Demo.NewParticipant(program, "Languished");
        body["administrativeGender"] = "female";
        body["preferredLanguage"] = "ES-mx";
        body["interpreterNeeded"] = true;
        var created = await Json.ReadAsync(await api.PostAsJsonAsync("/api/participants", body));
        Assert.Equal(("female", "es-MX", true), ((string?)created["administrativeGender"], (string?)created["preferredLanguage"], (bool)created["interpreterNeeded"]!));

        // GET → PUT keeps them; a PUT that changes them is kept; one that leaves them out clears them (PUT replaces).
        var id = (string)created["id"]!;
        var get = await api.GetAsync($"/api/participants/{id}");
        var shown = await Json.ReadAsync(get);
        Assert.Equal("es-MX", (string?)shown["preferredLanguage"]);
        shown["administrativeGender"] = "other";
        shown["preferredLanguage"] = "vi";
        var put = await api.PutJsonAsync($"/api/participants/{id}", shown, get.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await Json.ReadAsync(put);
        Assert.Equal(("other", "vi", true), ((string?)after["administrativeGender"], (string?)after["preferredLanguage"], (bool)after["interpreterNeeded"]!));
        foreach (var member in new[] { "administrativeGender", "preferredLanguage", "interpreterNeeded" }) after.AsObject().Remove(member);
        var cleared = await Json.ReadAsync(await api.PutJsonAsync($"/api/participants/{id}", after, put.Headers.ETag!.Tag));
        Assert.Null((string?)cleared["administrativeGender"]);
        Assert.Null((string?)cleared["preferredLanguage"]);
        Assert.False((bool)cleared["interpreterNeeded"]!);

        // A gender outside FHIR's four is refused before the action runs, naming the member; a language Trellis cannot
        // read, and an interpreter for no language, beside their fields.
        body["administrativeGender"] = "robot";
        var badGender = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/participants", body), 400);
        Assert.Contains("administrativeGender", badGender.ToJsonString());
        body["administrativeGender"] = "male";
        body["preferredLanguage"] = "klingon";
        var badLanguage = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/participants", body), 400);
        Assert.Contains("BCP-47", (string)badLanguage["errors"]!["preferredLanguage"]![0]!);
        body.Remove("preferredLanguage");
        var noLanguage = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/participants", body), 400);
        Assert.Equal("Say which language the interpreter is for.", (string?)noLanguage["errors"]!["preferredLanguage"]![0]);
    }

    [Fact]
    public async Task A_stale_update_is_refused_and_nothing_changes()
    {
        var api = await app.ApiAsync(Roles.Clinician);
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, Web.Features.Participants.ParticipantStatus.Active);
        var first = await api.GetAsync($"/api/participants/{p.Id}");
        var etag = first.Headers.ETag!.Tag;
        var body = await Json.ReadAsync(first);

        body["pronouns"] = "she/her";
        var ok = await api.PutJsonAsync($"/api/participants/{p.Id}", body, etag);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        body["pronouns"] = "he/him";
        var stale = await api.PutJsonAsync($"/api/participants/{p.Id}", body, etag);
        var problem = await Json.ProblemAsync(stale, 412);
        Assert.Contains("changed after you loaded it", (string)problem["detail"]!);
        Assert.Equal(ok.Headers.ETag!.Tag, (string?)problem["currentETag"]);

        var now = await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}"));
        Assert.Equal("she/her", (string?)now["pronouns"]);
    }

    [Fact]
    public async Task If_match_is_required_and_must_be_an_etag()
    {
        var api = await app.ApiAsync(Roles.Clinician);
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth);
        var body = await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}"));
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/participants/{p.Id}", body, null), 428);
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/participants/{p.Id}", body, "yesterday"), 400);
    }

    [Fact]
    public async Task Missing_and_invalid_fields_are_each_named()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var body = Demo.NewParticipant(program);
        body.Remove("legalLastName");
        body["dateOfBirth"] = DateTime.Today.AddYears(1).ToString("yyyy-MM-dd");
        body["email"] = "not-an-email";
        body["state"] = "Oregon";
        body["pronouns"] = new string('x', 41);
        body["diagnoses"] = new[] { new Dictionary<string, object?> { ["code"] = "depression", ["description"] = "x" } };
        var problem = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/participants", body), 400);
        var errors = problem["errors"]!.AsObject();
        var keys = errors.Select(e => e.Key.ToLowerInvariant()).ToList();
        Assert.Contains(keys, k => k.Contains("legallastname"));
        Assert.Contains(keys, k => k.Contains("email"));
        Assert.Contains(keys, k => k.Contains("state"));
        Assert.Contains(keys, k => k.Contains("pronouns"));
        Assert.Contains(keys, k => k.Contains("diagnoses[0].code"));
        Assert.Contains(keys, k => k.Contains("dateofbirth"));
    }

    [Fact]
    public async Task Malformed_bodies_answer_problem_details_not_500()
    {
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        await Json.ProblemAsync(await api.PostAsync("/api/participants", new StringContent("{\"legalFirstName\": ", Encoding.UTF8, "application/json")), 400);
        await Json.ProblemAsync(await api.PostAsync("/api/participants", new StringContent("name=x", Encoding.UTF8, "text/plain")), 415);
        var body = Demo.NewParticipant(program);
        body["dateOfBirth"] = "12/31/1990";
        var bad = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/participants", body), 400);
        Assert.Contains("dateOfBirth", bad.ToJsonString());
        body = Demo.NewParticipant(program);
        body["status"] = "retired";
        await Json.ProblemAsync(await api.PostAsJsonAsync("/api/participants", body), 400);
        await Json.ProblemAsync(await api.GetAsync($"/api/participants/{Guid.NewGuid()}"), 404);
        await Json.ProblemAsync(await api.GetAsync("/api/participants?page=0"), 400);
        await Json.ProblemAsync(await api.GetAsync("/api/participants?pageSize=1000"), 400);
        await Json.ProblemAsync(await api.GetAsync("/api/participants?program=not-a-guid"), 400);
    }

    [Fact]
    public async Task Mrn_is_unique_and_track_must_belong_to_the_program()
    {
        // Only an administrator may choose an MRN (anyone else gets one answer: ExistenceOracleTests).
        var api = await app.ApiAsync(Roles.Administrator);
        var existing = await Demo.ParticipantInAsync(app, Demo.SubstanceUse);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var body = Demo.NewParticipant(program);
        body["mrn"] = existing.Mrn;
        var problem = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/participants", body), 400);
        Assert.Contains("already belongs", problem.ToJsonString());

        await using var s = app.Db();
        var otherTrack = await s.Context.Tracks.Where(t => t.ProgramId != program).Select(t => t.Id).FirstAsync();
        body = Demo.NewParticipant(program);
        body["trackId"] = otherTrack;
        problem = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/participants", body), 400);
        Assert.Contains("not a track of", problem.ToJsonString());
    }

    [Fact]
    public async Task Search_filters_and_paging_work_together()
    {
        var api = await app.ApiAsync(Roles.Administrator);
        var all = await Json.ReadAsync(await api.GetAsync("/api/participants?pageSize=100"));
        var total = (int)all["total"]!;
        Assert.True(total >= 35);
        var page1 = await Json.ReadAsync(await api.GetAsync("/api/participants?pageSize=10&page=1"));
        var page2 = await Json.ReadAsync(await api.GetAsync("/api/participants?pageSize=10&page=2"));
        Assert.Equal(10, page1["items"]!.AsArray().Count);
        Assert.DoesNotContain((string)page2["items"]![0]!["id"]!, page1["items"]!.AsArray().Select(i => (string)i!["id"]!));

        var active = await Json.ReadAsync(await api.GetAsync("/api/participants?status=active&pageSize=100"));
        Assert.All(active["items"]!.AsArray(), i => Assert.Equal("active", (string?)i!["status"]));
        var onHold = await Json.ReadAsync(await api.GetAsync("/api/participants?status=on_hold"));
        Assert.True((int)onHold["total"]! >= 2);

        var someone = all["items"]![3]!;
        var byMrn = await Json.ReadAsync(await api.GetAsync($"/api/participants?search={someone["mrn"]}"));
        Assert.Equal((string)someone["id"]!, (string)byMrn["items"]![0]!["id"]!);
        var last = ((string)someone["legalName"]!).Split(' ')[^1].ToUpperInvariant();
        var byName = await Json.ReadAsync(await api.GetAsync($"/api/participants?search={last}"));
        Assert.Contains((string)someone["id"]!, byName["items"]!.AsArray().Select(i => (string)i!["id"]!));
    }

    [Fact]
    public async Task Deleting_keeps_every_record_and_restoring_brings_the_chart_back_whole()
    {
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var p = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, Web.Features.Participants.ParticipantStatus.Discharged);
        var before = await Json.ReadAsync(await director.GetAsync($"/api/participants/{p.Id}"));
        await director.DeleteAsync($"/api/participants/{p.Id}");
        await using (var s = app.Db())
        {
            var row = await s.Context.Participants.IgnoreQueryFilters().Include(x => x.Diagnoses).SingleAsync(x => x.Id == p.Id);
            Assert.True(row.IsDeleted);
            Assert.Equal("programdirector@demo.trellis.test", row.DeletedBy);
            Assert.NotEmpty(row.Diagnoses);
        }
        await director.PostAsync($"/api/participants/{p.Id}/restore", null);
        var after = await Json.ReadAsync(await director.GetAsync($"/api/participants/{p.Id}"));
        Assert.Equal(before["diagnoses"]!.ToJsonString(), after["diagnoses"]!.ToJsonString());
        Assert.Equal(before["levelOfCareHistory"]!.ToJsonString(), after["levelOfCareHistory"]!.ToJsonString());
    }
}
