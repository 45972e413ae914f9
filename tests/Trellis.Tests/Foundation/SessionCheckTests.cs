using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Tests.Foundation;

/// <summary>
/// Issue 15 point 3: a node keeps the principal it built for a session (<see cref="PrincipalCache"/>) and rebuilds it
/// when the <see cref="AccessStamp"/> changes, which every save that changes an account, its roles, its programs or
/// an emergency grant does in the same transaction. What was guaranteed before still holds: such a change reaches the
/// person's next request, on any node.
/// </summary>
public class SessionCheckTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<HttpClient> SignedInAsync(string role)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TrellisFactory.LoginAsync(client, DemoSeeder.EmailFor(role), DemoSeeder.Password));
        return client;
    }

    private async Task<Participant> SubstanceUseParticipantAsync()
    {
        await using var s = app.Db();
        return await s.Context.Participants.Include(p => p.Program).Where(p => p.Program!.Name == Demo.SubstanceUse && p.Status == ParticipantStatus.Active)
            .OrderBy(p => p.Mrn).FirstAsync();
    }

    private async Task<HttpStatusCode> ChartAsync(HttpClient client, Guid id) => (await client.GetAsync($"/api/participants/{id}")).StatusCode;

    private async Task SetProgramsAsync(string email, Func<JsonArray, JsonArray> change)
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var staff = (await Json.ReadAsync(await admin.GetAsync("/api/staff"))).AsArray().First(s => (string)s!["email"]! == email)!;
        var get = await admin.GetAsync($"/api/staff/{staff["id"]}");
        var body = await Json.ReadAsync(get);
        body["programIds"] = change(body["programIds"]!.AsArray());
        var put = await admin.PutJsonAsync($"/api/staff/{staff["id"]}", body, get.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    [Fact]
    public async Task A_program_assignment_made_on_the_staff_page_reaches_a_signed_in_case_manager_at_the_next_request()
    {
        var chart = await SubstanceUseParticipantAsync();
        var caseManager = await SignedInAsync(Roles.CaseManager);
        var email = DemoSeeder.EmailFor(Roles.CaseManager);
        // Two requests: the second runs on the principal the first one built.
        Assert.Equal(HttpStatusCode.NotFound, await ChartAsync(caseManager, chart.Id));
        Assert.Equal(HttpStatusCode.NotFound, await ChartAsync(caseManager, chart.Id));

        await SetProgramsAsync(email, ids => [.. ids.Select(i => (JsonNode?)(string)i!), chart.ProgramId.ToString()]);
        Assert.Equal(HttpStatusCode.OK, await ChartAsync(caseManager, chart.Id));

        await SetProgramsAsync(email, ids => [.. ids.Where(i => (string)i! != chart.ProgramId.ToString()).Select(i => (JsonNode?)(string)i!)]);
        Assert.Equal(HttpStatusCode.NotFound, await ChartAsync(caseManager, chart.Id));
    }

    [Fact]
    public async Task The_principal_is_reused_until_the_stamp_changes_and_another_nodes_stamp_is_seen_at_the_next_request()
    {
        var chart = await SubstanceUseParticipantAsync();
        var prescriber = await SignedInAsync(Roles.Prescriber);
        Assert.Equal(HttpStatusCode.NotFound, await ChartAsync(prescriber, chart.Id));

        await using var s = app.Db();
        var db = s.Context;
        var before = await db.Set<AccessStamp>().Select(a => a.Value).SingleAsync();
        var staffId = await db.Users.Where(u => u.Email == DemoSeeder.EmailFor(Roles.Prescriber)).Select(u => u.StaffMemberId!.Value).SingleAsync();
        db.StaffProgramAssignments.Add(new StaffProgramAssignment { StaffMemberId = staffId, ProgramId = chart.ProgramId });
        await db.SaveChangesAsync();
        // The save changed the stamp in its own transaction.
        Assert.NotEqual(before, await db.Set<AccessStamp>().Select(a => a.Value).SingleAsync());

        // Put the old stamp back, as though the assignment had been written without announcing itself: the node
        // keeps using the principal it built, which shows the session check no longer rebuilds it on every request.
        await db.Set<AccessStamp>().ExecuteUpdateAsync(u => u.SetProperty(a => a.Value, before));
        Assert.Equal(HttpStatusCode.NotFound, await ChartAsync(prescriber, chart.Id));

        // Nodes share nothing but the database: a new stamp written by any of them is read with the session.
        await db.Set<AccessStamp>().ExecuteUpdateAsync(u => u.SetProperty(a => a.Value, Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.OK, await ChartAsync(prescriber, chart.Id));
    }

    [Fact]
    public async Task Signing_out_and_disabling_end_access_at_once_with_a_warm_principal()
    {
        var intake = await SignedInAsync(Roles.IntakeCoordinator);
        Assert.Equal(HttpStatusCode.OK, (await intake.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await intake.PostAsync("/api/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await intake.GetAsync("/api/auth/me")).StatusCode);

        var billing = await SignedInAsync(Roles.Billing);
        Assert.Equal(HttpStatusCode.OK, (await billing.GetAsync("/api/auth/me")).StatusCode);
        await using (var s = app.Db())
        {
            var user = await s.Context.Users.SingleAsync(u => u.Email == DemoSeeder.EmailFor(Roles.Billing));
            user.IsDisabled = true;
            await s.Context.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await billing.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_that_fails_does_not_change_the_stamp()
    {
        var before = await StampAsync();
        var response = await app.Anonymous().PostAsJsonAsync("/api/auth/login", new { email = DemoSeeder.EmailFor(Roles.Clinician), password = "not the password" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await StampAsync());
    }

    private async Task<Guid> StampAsync()
    {
        await using var s = app.Db();
        return await s.Context.Set<AccessStamp>().Select(a => a.Value).SingleAsync();
    }
}
