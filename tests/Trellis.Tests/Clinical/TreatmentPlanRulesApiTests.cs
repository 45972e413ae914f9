using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Staff;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Tests.Clinical;

public class TreatmentPlanRulesApiTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    /// <summary>A new program with no rules of its own, run by the demo program director unless <paramref name="directed"/> is false.</summary>
    private async Task<Guid> NewProgramAsync(bool directed = true)
    {
        await using var s = app.Db();
        var db = s.Context;
        var existing = await db.Programs.FirstAsync();
        var program = new TreatmentProgram
        {
            OrganizationId = existing.OrganizationId, Name = "Young Adult IOP " + Random.Shared.Next(1000, 9999), Population = Population.Adult,
            MinimumWeeklyHours = 9, TimeZoneId = existing.TimeZoneId,
        };
        db.Programs.Add(program);
        if (directed)
        {
            var director = await db.Staff.SingleAsync(x => x.Email == Trellis.Web.Features.Demo.DemoSeeder.EmailFor("programdirector"));
            db.Set<StaffProgramAssignment>().Add(new StaffProgramAssignment { StaffMemberId = director.Id, ProgramId = program.Id });
        }
        await db.SaveChangesAsync();
        return program.Id;
    }

    [Fact]
    public async Task A_program_without_rules_shows_the_defaults_and_a_director_saves_its_own_under_If_Match()
    {
        var id = await NewProgramAsync();
        var api = await app.ApiAsync(Roles.ProgramDirector);
        var url = $"/api/programs/{id}/treatment-plan-rules";
        var got = await api.GetAsync(url);
        Assert.Equal("\"0\"", got.Headers.ETag!.Tag);
        var defaults = await Json.ReadAsync(got);
        Assert.Equal(TreatmentPlanRules.DefaultFirstPlanWithinSessions, (int)defaults["firstPlanWithinSessions"]!);
        Assert.Equal(TreatmentPlanRules.DefaultReviewIntervalDays, (int)defaults["reviewIntervalDays"]!);
        Assert.True((bool)defaults["isDefault"]!);

        var first = await api.PutJsonAsync(url, new { firstPlanWithinSessions = 4, reviewIntervalDays = 28 }, null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"1\"", first.Headers.ETag!.Tag);
        Assert.False((bool)(await Json.ReadAsync(first))["isDefault"]!);

        // Now that the program has rules, a change names the version it is based on.
        await Json.ProblemAsync(await api.PutJsonAsync(url, new { firstPlanWithinSessions = 5, reviewIntervalDays = 28 }, null), 428);
        var stale = await Json.ProblemAsync(await api.PutJsonAsync(url, new { firstPlanWithinSessions = 5, reviewIntervalDays = 28 }, "\"0\""), 412);
        Assert.Equal("\"1\"", (string?)stale["currentETag"]);
        var second = await api.PutJsonAsync(url, new { firstPlanWithinSessions = 5, reviewIntervalDays = 60 }, "\"1\"");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("\"2\"", second.Headers.ETag!.Tag);
        await Json.ProblemAsync(await api.PutJsonAsync(url, new { firstPlanWithinSessions = 6, reviewIntervalDays = 60 }, "\"1\""), 412);

        var now = await api.GetAsync(url);
        Assert.Equal("\"2\"", now.Headers.ETag!.Tag);
        Assert.Equal(60, (int)(await Json.ReadAsync(now))["reviewIntervalDays"]!);
        await using var s = app.Db();
        var saved = await TreatmentPlanRules.ForProgramAsync(s.Context, id);
        Assert.Equal((5, 60), (saved.FirstPlanWithinSessions, saved.ReviewIntervalDays));
    }

    [Fact]
    public async Task The_page_and_the_api_save_the_same_row()
    {
        var id = await NewProgramAsync();
        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (response, _) = await pages.SubmitAsync($"/admin/treatment-plan-rules?programId={id}", $"rules-{id}", new Dictionary<string, string?>
        {
            ["Input.FirstPlanWithinSessions"] = "6", ["Input.ReviewIntervalDays"] = "45",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var got = await (await app.ApiAsync(Roles.ProgramDirector)).GetAsync($"/api/programs/{id}/treatment-plan-rules");
        Assert.Equal("\"1\"", got.Headers.ETag!.Tag);
        var rules = await Json.ReadAsync(got);
        Assert.Equal((6, 45, false), ((int)rules["firstPlanWithinSessions"]!, (int)rules["reviewIntervalDays"]!, (bool)rules["isDefault"]!));
    }

    [Fact]
    public async Task A_page_save_based_on_rules_someone_has_since_changed_is_refused_and_theirs_are_kept()
    {
        var id = await NewProgramAsync();
        var api = await app.ApiAsync(Roles.ProgramDirector);
        var url = $"/api/programs/{id}/treatment-plan-rules";
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync(url, new { firstPlanWithinSessions = 4, reviewIntervalDays = 28 }, null)).StatusCode);

        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        // The form was opened at version 1; meanwhile a colleague saved version 2 through the API.
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync(url, new { firstPlanWithinSessions = 5, reviewIntervalDays = 21 }, "\"1\"")).StatusCode);
        var (response, doc) = await pages.SubmitAsync($"/admin/treatment-plan-rules?programId={id}", $"rules-{id}", new Dictionary<string, string?>
        {
            ["Input.FirstPlanWithinSessions"] = "8", ["Input.ReviewIntervalDays"] = "90", ["Version"] = "1",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone else saved changes", doc.QuerySelector(".alert-error")?.TextContent);
        Assert.Equal("8", doc.QuerySelector("input[name='Input.FirstPlanWithinSessions']")?.GetAttribute("value"));

        await using var s = app.Db();
        var saved = await TreatmentPlanRules.ForProgramAsync(s.Context, id);
        Assert.Equal((5, 21), (saved.FirstPlanWithinSessions, saved.ReviewIntervalDays));
    }

    [Theory]
    [InlineData(0, 30, "firstPlanWithinSessions")]
    [InlineData(21, 30, "firstPlanWithinSessions")]
    [InlineData(3, 6, "reviewIntervalDays")]
    [InlineData(3, 181, "reviewIntervalDays")]
    public async Task Rules_out_of_range_are_refused_naming_the_field_and_nothing_changes(int sessions, int days, string field)
    {
        var id = await NewProgramAsync();
        var api = await app.ApiAsync(Roles.ProgramDirector);
        var url = $"/api/programs/{id}/treatment-plan-rules";
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync(url, new { firstPlanWithinSessions = 2, reviewIntervalDays = 14 }, null)).StatusCode);
        var problem = await Json.ProblemAsync(await api.PutJsonAsync(url, new { firstPlanWithinSessions = sessions, reviewIntervalDays = days }, "\"1\""), 400);
        Assert.NotNull(problem["errors"]![field]);
        await using var s = app.Db();
        var saved = await TreatmentPlanRules.ForProgramAsync(s.Context, id);
        Assert.Equal((2, 14, 1L), (saved.FirstPlanWithinSessions, saved.ReviewIntervalDays, saved.Version));
    }

    [Fact]
    public async Task Only_directors_of_the_program_and_administrators_reach_its_rules()
    {
        var own = await NewProgramAsync();
        var other = await NewProgramAsync(directed: false);
        var body = new { firstPlanWithinSessions = 4, reviewIntervalDays = 30 };
        foreach (var role in new[] { Roles.Clinician, Roles.CaseManager, Roles.IntakeCoordinator, Roles.Participant })
        {
            var client = await app.ApiAsync(role);
            await Json.ProblemAsync(await client.GetAsync($"/api/programs/{own}/treatment-plan-rules"), 403);
            await Json.ProblemAsync(await client.PutJsonAsync($"/api/programs/{own}/treatment-plan-rules", body, null), 403);
        }
        var director = await app.ApiAsync(Roles.ProgramDirector);
        foreach (var response in new[]
        {
            await director.GetAsync($"/api/programs/{other}/treatment-plan-rules"),
            await director.PutJsonAsync($"/api/programs/{other}/treatment-plan-rules", body, null),
            await director.GetAsync($"/api/programs/{Guid.NewGuid()}/treatment-plan-rules"),
        })
            Assert.Contains("outside your care team", (string?)(await Json.ProblemAsync(response, 404))["detail"]);
        var admin = await app.ApiAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/api/programs/{other}/treatment-plan-rules", body, null)).StatusCode);
        await using var s = app.Db();
        Assert.False(await s.Context.Set<TreatmentPlanRules>().AnyAsync(r => r.ProgramId == own));
    }
}
