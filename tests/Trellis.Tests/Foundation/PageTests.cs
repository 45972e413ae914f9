using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Web.Components.Layout;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Foundation;

[Long]
public class PageTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Every_menu_page_and_chart_tab_renders_for_every_role_that_sees_it()
    {
        await using var s = app.Db();
        var someone = await s.Context.Participants.Where(p => p.AdmittedOn != null && p.Program!.Name == Demo.MentalHealth).Select(p => p.Id).FirstAsync();
        foreach (var role in Roles.All)
        {
            using var client = await app.PagesAsync(role);
            var urls = app.Services.GetServices<NavItem>().Where(i => Permissions.RolesOf(i.Permission).Contains(role)).Select(i => i.Href).ToList();
            if (role != Roles.Participant)
                urls.AddRange(app.Services.GetServices<ChartTab>().Where(t => Permissions.RolesOf(t.Permission).Contains(role))
                    .Select(t => t.Slug == "" ? $"/participants/{someone}" : $"/participants/{someone}/{t.Slug}"));
            // Every page again with malformed query values: a bad link is never a 500.
            const string junk = "page=x&program=not-a-guid&status=%25&saved=yes&deleted=maybe&from=31-31-2026&to=soon&date=tomorrow&week=x&inactive=q&required=z";
            foreach (var url in urls.Concat(urls.Select(u => u + (u.Contains('?') ? "&" : "?") + junk)))
            {
                var (response, doc) = await client.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} GET {url}: {(int)response.StatusCode}");
                Assert.NotNull(doc.QuerySelector("h1"));
                Assert.DoesNotContain("Something went wrong", doc.QuerySelector("h1")!.TextContent);
            }
        }
    }

    [Fact]
    public async Task Pages_a_role_may_not_use_say_so_and_anonymous_visitors_are_sent_to_sign_in()
    {
        using var clinician = await app.PagesAsync(Roles.Clinician);
        foreach (var url in new[] { "/admin/audit", "/admin/security", "/admin/programs", "/participants/new" })
        {
            var (response, doc) = await clinician.GetAsync(url);
            // A 403 at the address asked for (issue 13: it was a redirect to a page that did not exist).
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden, url);
            Assert.Contains("Not allowed", doc.QuerySelector("h1")!.TextContent);
        }
        using var anonymous = await app.PagesAsync(null);
        var (anon, _) = await anonymous.GetAsync("/participants");
        Assert.Equal(HttpStatusCode.Redirect, anon.StatusCode);
        Assert.StartsWith("/account/login?returnurl=%2fparticipants", anon.Headers.Location!.PathAndQuery.ToLowerInvariant());
    }

    [Fact]
    public async Task A_chart_outside_the_care_team_reads_not_found()
    {
        using var clinician = await app.PagesAsync(Roles.Clinician);
        var outside = await Demo.ParticipantInAsync(app, Demo.SubstanceUse);
        var (response, doc) = await clinician.GetAsync($"/participants/{outside.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(outside.LegalLastName, doc.Body!.TextContent);
        var (edit, _) = await clinician.GetAsync($"/participants/{outside.Id}/edit");
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
    }

    [Fact]
    public async Task Wrong_sign_in_shows_a_message_and_keeps_the_email()
    {
        using var client = await app.PagesAsync(null);
        var (response, doc) = await client.SubmitAsync("/account/login", "login", new Dictionary<string, string?> { ["Input.Email"] = "clinician@demo.trellis.test", ["Input.Password"] = "not it" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(SignInService.InvalidCredentials, doc.QuerySelector(".alert-error")!.TextContent);
        Assert.Equal("clinician@demo.trellis.test", doc.QuerySelector("#email")!.GetAttribute("value"));
        var (empty, emptyDoc) = await client.SubmitAsync("/account/login", "login", new Dictionary<string, string?> { ["Input.Email"] = "", ["Input.Password"] = "" });
        Assert.Contains("Enter your email.", emptyDoc.Body!.TextContent);
    }

    [Fact]
    public async Task Participant_list_searches_filters_and_pages()
    {
        using var client = await app.PagesAsync(Roles.Administrator);
        var (_, all) = await client.GetAsync("/participants");
        Assert.Equal(25, all.QuerySelectorAll("tbody tr").Length);
        var (_, page2) = await client.GetAsync("/participants?page=2");
        Assert.NotEmpty(page2.QuerySelectorAll("tbody tr"));
        var (_, discharged) = await client.GetAsync("/participants?status=discharged");
        Assert.All(discharged.QuerySelectorAll("tbody tr td:nth-child(4)"), td => Assert.Equal("Discharged", td.TextContent.Trim()));
        var p = await Demo.ParticipantInAsync(app, Demo.SubstanceUse);
        var (_, found) = await client.GetAsync($"/participants?q={p.Mrn}");
        Assert.Single(found.QuerySelectorAll("tbody tr"));
        var (bad, badDoc) = await client.GetAsync("/participants?status=retired&page=-3");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("not a status", badDoc.QuerySelector(".field-error")!.TextContent);
    }

    [Fact]
    public async Task Editing_shows_errors_beside_fields_and_keeps_what_was_typed()
    {
        using var client = await app.PagesAsync(Roles.Clinician);
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var url = $"/participants/{p.Id}/edit";
        var (response, doc) = await client.SubmitAsync(url, "participant", new Dictionary<string, string?>
        {
            ["Input.LegalLastName"] = "", ["Input.City"] = "Somewhere new", ["Input.State"] = "Oregon", ["Input.DateOfBirth"] = "2999-01-01",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter the legal last name.", doc.Body!.TextContent);
        Assert.Contains("two-letter state code", doc.Body.TextContent);
        Assert.Contains("cannot be in the future", doc.Body.TextContent);
        Assert.Equal("Somewhere new", doc.QuerySelector("#city")!.GetAttribute("value"));
        await using var s = app.Db();
        Assert.Equal(p.LegalLastName, (await s.Context.Participants.SingleAsync(x => x.Id == p.Id)).LegalLastName);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_a_message_and_the_typed_changes_stay_in_the_form()
    {
        using var client = await app.PagesAsync(Roles.CaseManager);
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.OnHold);
        var url = $"/participants/{p.Id}/edit";
        // Someone else saves first.
        await using (var s = app.Db())
        {
            var row = await s.Context.Participants.SingleAsync(x => x.Id == p.Id);
            row.City = "Beaverton";
            await s.Context.SaveChangesAsync();
        }
        var (response, doc) = await client.SubmitAsync(url, "participant", new Dictionary<string, string?> { ["Input.City"] = "Milwaukie", ["Version"] = p.Version.ToString() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone else saved changes", doc.QuerySelector(".alert-error")!.TextContent);
        Assert.Equal("Milwaukie", doc.QuerySelector("#city")!.GetAttribute("value"));
        await using var check = app.Db();
        Assert.Equal("Beaverton", (await check.Context.Participants.SingleAsync(x => x.Id == p.Id)).City);
    }

    [Fact]
    public async Task Adding_a_participant_with_only_the_required_fields_works()
    {
        using var client = await app.PagesAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var (response, doc) = await client.SubmitAsync("/participants/new", "participant", new Dictionary<string, string?>
        {
            ["Input.LegalFirstName"] = "Juniper", ["Input.LegalLastName"] = "Minimalist", ["Input.DateOfBirth"] = "1988-02-29",
            ["Input.Status"] = "Inquiry", ["Input.ProgramId"] = program.ToString(), ["Input.Email"] = "", ["Input.Phone"] = "",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, doc.QuerySelector(".validation-errors")?.TextContent + string.Join(" | ", doc.QuerySelectorAll(".validation-message").Select(e => e.TextContent)));
        await using var s = app.Db();
        var saved = await s.Context.Participants.SingleAsync(p => p.LegalLastName == "Minimalist");
        Assert.Null(saved.Email);
        Assert.StartsWith("TR", saved.Mrn);
    }

    [Fact]
    public async Task Adding_a_diagnosis_to_an_existing_chart_saves_it()
    {
        using var client = await app.PagesAsync(Roles.Clinician);
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var url = $"/participants/{p.Id}/edit";
        var (_, form) = await client.GetAsync(url);
        var blank = form.QuerySelectorAll("input[name$='.Code']").Select(i => i.GetAttribute("name")!).First(n => string.IsNullOrEmpty(form.QuerySelector($"input[name='{n}']")!.GetAttribute("value")));
        var (response, doc) = await client.SubmitAsync(url, "participant", new Dictionary<string, string?>
        {
            [blank] = "F41.1", [blank.Replace(".Code", ".Description")] = "Generalized anxiety disorder",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, doc.QuerySelector(".alert-error")?.TextContent);
        await using var s = app.Db();
        Assert.Contains(await s.Context.Diagnoses.Where(d => d.ParticipantId == p.Id).Select(d => d.Code).ToListAsync(), c => c == "F41.1");
    }

    [Fact]
    public async Task A_participant_home_shows_their_own_program_and_no_staff_menu()
    {
        using var client = await app.PagesAsync(Roles.Participant);
        var (_, doc) = await client.GetAsync("/");
        Assert.StartsWith("Hello,", doc.QuerySelector("h1")!.TextContent);
        Assert.Contains("988", doc.Body!.TextContent);
        Assert.Null(doc.QuerySelector("a[href='/participants']"));
    }
}
