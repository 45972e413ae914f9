using System.Net;
using System.Net.Http.Json;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;

namespace Trellis.Tests.Foundation;

public class StaffApiTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Staff_list_shows_roles_programs_and_licence_warnings()
    {
        var api = await app.ApiAsync(Roles.ProgramDirector);
        var staff = (await Json.ReadAsync(await api.GetAsync("/api/staff"))).AsArray();
        var clinician = staff.First(s => (string)s!["email"]! == "clinician@demo.trellis.test")!;
        Assert.Equal([Roles.Clinician], clinician["roles"]!.AsArray().Select(r => (string)r!));
        Assert.Single(clinician["programIds"]!.AsArray());
        var statuses = staff.Select(s => (string)s!["licenseStatus"]!).ToHashSet();
        Assert.Contains("expired", statuses);   // the demo has a lapsed licence
        Assert.Contains("expiring", statuses);  // and one due soon
        Assert.Contains("valid", statuses);
    }

    [Fact]
    public async Task Creating_staff_gives_a_working_one_time_password_and_refuses_bad_input()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var email = $"new-{Guid.NewGuid():N}@cedargrove.example.org";
        var program = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        var created = await admin.PostAsJsonAsync("/api/staff", new
        {
            firstName = "Sage", lastName = "Okonkwo-Hale", email, credentialType = "CADC", licenseNumber = "C-4410", licenseState = "OR",
            licenseExpiresOn = DateOnly.FromDateTime(DateTime.Today.AddDays(30)), roles = new[] { Roles.Clinician }, programIds = new[] { program },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json.ReadAsync(created);
        Assert.Equal("expiring", (string?)body["staff"]!["licenseStatus"]);
        await TrellisFactory.LoginAsync(app.Anonymous(), email, (string)body["temporaryPassword"]!);

        var dup = await Json.ProblemAsync(await admin.PostAsJsonAsync("/api/staff", new { firstName = "A", lastName = "B", email, roles = new[] { Roles.Clinician } }), 400);
        Assert.Contains("already used", dup.ToJsonString());
        var bad = await Json.ProblemAsync(await admin.PostAsJsonAsync("/api/staff", new { firstName = "", lastName = "B", email = "x", roles = new[] { "Wizard" }, licenseNumber = "123" }), 400);
        var keys = bad["errors"]!.AsObject().Select(e => e.Key.ToLowerInvariant()).ToList();
        Assert.Contains(keys, k => k.Contains("firstname"));
        Assert.Contains(keys, k => k.Contains("email"));
        var roleProblem = await Json.ProblemAsync(await admin.PostAsJsonAsync("/api/staff", new { firstName = "A", lastName = "B", email = $"r-{Guid.NewGuid():N}@example.org", roles = new[] { "Wizard" }, licenseNumber = "123" }), 400);
        Assert.Contains("Unknown staff role", roleProblem.ToJsonString());
        Assert.Contains("state that issued", roleProblem.ToJsonString());
        var participantRole = await Json.ProblemAsync(await admin.PostAsJsonAsync("/api/staff", new { firstName = "A", lastName = "B", email = $"p-{Guid.NewGuid():N}@example.org", roles = new[] { Roles.Participant } }), 400);
        Assert.Contains("Unknown staff role", participantRole.ToJsonString());
    }

    [Fact]
    public async Task A_stale_staff_update_is_refused()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var staff = (await Json.ReadAsync(await admin.GetAsync("/api/staff"))).AsArray().First(s => (string)s!["email"]! == "prescriber@demo.trellis.test")!;
        var get = await admin.GetAsync($"/api/staff/{staff["id"]}");
        var body = await Json.ReadAsync(get);
        body["phone"] = "(503) 555-0111";
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/api/staff/{staff["id"]}", body, get.Headers.ETag!.Tag)).StatusCode);
        body["phone"] = "(503) 555-0122";
        await Json.ProblemAsync(await admin.PutJsonAsync($"/api/staff/{staff["id"]}", body, get.Headers.ETag!.Tag), 412);
        await Json.ProblemAsync(await admin.GetAsync($"/api/staff/{Guid.NewGuid()}"), 404);
    }
}
