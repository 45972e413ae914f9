using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Foundation;

/// <summary>Care-team scoping: enforced in the queries, and an out-of-scope record looks exactly like a missing one.</summary>
public class ScopingTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task A_clinician_cannot_reach_a_participant_outside_their_programs_by_list_search_or_id()
    {
        var clinician = await app.ApiAsync(Roles.Clinician);
        var outside = await Demo.ParticipantInAsync(app, Demo.SubstanceUse);
        var inside = await Demo.ParticipantInAsync(app, Demo.MentalHealth);

        var list = await Json.ReadAsync(await clinician.GetAsync("/api/participants?pageSize=100"));
        var programs = list["items"]!.AsArray().Select(i => (string)i!["programName"]!).Distinct().ToList();
        Assert.Equal([Demo.MentalHealth], programs);
        Assert.Equal(list["items"]!.AsArray().Count, (int)list["total"]!);

        var search = await Json.ReadAsync(await clinician.GetAsync($"/api/participants?search={outside.Mrn}"));
        Assert.Equal(0, (int)search["total"]!);
        var byName = await Json.ReadAsync(await clinician.GetAsync($"/api/participants?search={Uri.EscapeDataString(outside.LegalLastName)}"));
        Assert.DoesNotContain(byName["items"]!.AsArray(), i => (string)i!["id"]! == outside.Id.ToString());
        var byProgram = await Json.ReadAsync(await clinician.GetAsync($"/api/participants?program={outside.ProgramId}"));
        Assert.Equal(0, (int)byProgram["total"]!);

        var outsideById = await clinician.GetAsync($"/api/participants/{outside.Id}");
        var missing = await clinician.GetAsync($"/api/participants/{Guid.NewGuid()}");
        var a = await Json.ProblemAsync(outsideById, 404);
        var b = await Json.ProblemAsync(missing, 404);
        Assert.Equal((string?)a["detail"], (string?)b["detail"]);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync($"/api/participants/{inside.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_clinician_cannot_change_delete_or_move_a_participant_outside_their_programs()
    {
        var clinician = await app.ApiAsync(Roles.Clinician);
        var admin = await app.ApiAsync(Roles.Administrator);
        var outside = await Demo.ParticipantInAsync(app, Demo.SubstanceUse);
        var body = await Json.ReadAsync(await admin.GetAsync($"/api/participants/{outside.Id}"));
        await Json.ProblemAsync(await clinician.PutJsonAsync($"/api/participants/{outside.Id}", body, "\"1\""), 404);

        var inside = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Screening);
        var get = await clinician.GetAsync($"/api/participants/{inside.Id}");
        var mine = await Json.ReadAsync(get);
        mine["programId"] = outside.ProgramId.ToString();
        mine["trackId"] = null;
        var problem = await Json.ProblemAsync(await clinician.PutJsonAsync($"/api/participants/{inside.Id}", mine, get.Headers.ETag!.Tag), 400);
        Assert.Contains("not on the care team", problem.ToJsonString());
    }

    [Fact]
    public async Task A_participant_sees_only_themself()
    {
        var me = await app.ApiAsync(Roles.Participant);
        var profile = await Json.ReadAsync(await me.GetAsync("/api/auth/me"));
        var myId = (string)profile["participantId"]!;
        var list = await Json.ReadAsync(await me.GetAsync("/api/participants"));
        Assert.Equal(1, (int)list["total"]!);
        Assert.Equal(myId, (string)list["items"]![0]!["id"]!);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync($"/api/participants/{myId}")).StatusCode);
        var someoneElse = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Inquiry);
        await Json.ProblemAsync(await me.GetAsync($"/api/participants/{someoneElse.Id}"), 404);
    }

    [Fact]
    public async Task Chart_records_are_filtered_in_the_query_not_by_the_caller()
    {
        // Ask the context directly as a staff member of one program: every participant-owned type
        // (diagnoses here) comes back only for charts in scope, even with no check in the query.
        var mentalHealth = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        await using var s = app.Db();
        s.Context.ActAs(new AccessScope(false, [mentalHealth], null), Actor.System("test"));
        var programs = await s.Context.Diagnoses.Select(d => d.Participant!.ProgramId).Distinct().ToListAsync();
        Assert.Equal([mentalHealth], programs);
        var participants = await s.Context.Participants.Select(p => p.ProgramId).Distinct().ToListAsync();
        Assert.Equal([mentalHealth], participants);
        Assert.Empty(await s.Context.Enrollments.Where(e => e.ProgramId != mentalHealth).ToListAsync());

        s.Context.ActAs(AccessScope.None, Actor.System("test"));
        Assert.Equal(0, await s.Context.Participants.CountAsync());
        Assert.Equal(0, await s.Context.Diagnoses.CountAsync());
    }

    [Fact]
    public async Task Restoring_does_not_lift_scope()
    {
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var clinician = await app.ApiAsync(Roles.Clinician);
        var outside = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, ParticipantStatus.Waitlisted);
        Assert.Equal(HttpStatusCode.NoContent, (await director.DeleteAsync($"/api/participants/{outside.Id}")).StatusCode);
        // The clinician may not restore at all (role), and the chart stays invisible to them.
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PostAsync($"/api/participants/{outside.Id}/restore", null)).StatusCode);
        await director.PostAsync($"/api/participants/{outside.Id}/restore", null);
    }

    [Fact]
    public async Task Changing_a_staff_members_programs_changes_what_they_see_at_once()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var staff = await Json.ReadAsync(await admin.GetAsync("/api/staff"));
        var caseManager = staff.AsArray().First(s => (string)s!["email"]! == "casemanager@demo.trellis.test")!;
        var cm = await app.ApiAsync(Roles.CaseManager);
        var before = (int)(await Json.ReadAsync(await cm.GetAsync("/api/participants")))["total"]!;

        var id = (string)caseManager["id"]!;
        var get = await admin.GetAsync($"/api/staff/{id}");
        var body = await Json.ReadAsync(get);
        var su = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        body["programIds"]!.AsArray().Add(su.ToString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/api/staff/{id}", body, get.Headers.ETag!.Tag)).StatusCode);

        var after = (int)(await Json.ReadAsync(await cm.GetAsync("/api/participants")))["total"]!;
        Assert.True(after > before, $"{after} should be more than {before}");

        get = await admin.GetAsync($"/api/staff/{id}");
        body = await Json.ReadAsync(get);
        body["programIds"] = new System.Text.Json.Nodes.JsonArray(body["programIds"]!.AsArray().Where(p => (string)p! != su.ToString()).Select(p => (System.Text.Json.Nodes.JsonNode?)p!.DeepClone()).ToArray());
        await admin.PutJsonAsync($"/api/staff/{id}", body, get.Headers.ETag!.Tag);
        Assert.Equal(before, (int)(await Json.ReadAsync(await cm.GetAsync("/api/participants")))["total"]!);
    }
}
