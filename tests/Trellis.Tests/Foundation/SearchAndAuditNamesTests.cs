using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Foundation;

/// <summary>
/// Issue 13: the header search (point 13), the audit trail in names rather than ids (point 10) and the
/// clinic's number on the participant's home (point 10).
/// </summary>
public class SearchAndAuditNamesTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Every_staff_page_has_a_search_that_works_without_script_and_participants_have_none()
    {
        using var clinician = await app.PagesAsync(Roles.Clinician);
        foreach (var url in new[] { "/", "/participants", "/tasks", "/notifications", "/account", "/no-such-page" })
        {
            var (_, doc) = await clinician.GetAsync(url);
            var form = doc.QuerySelector("header form[role=search]");
            Assert.True(form is not null, $"{url}: no header search");
            Assert.Equal("get", form!.GetAttribute("method"));
            Assert.Equal("/participants", form.GetAttribute("action"));
            var input = form.QuerySelector("input[name=q]")!;
            Assert.NotNull(doc.QuerySelector($"label[for='{input.Id}']"));
            Assert.NotNull(form.QuerySelector("button[type=submit]"));
        }
        using var participant = await app.PagesAsync(Roles.Participant);
        var (_, home) = await participant.GetAsync("/");
        Assert.Null(home.QuerySelector("header form[role=search]"));
    }

    [Fact]
    public async Task The_search_finds_by_name_preferred_name_or_mrn_within_scope_and_is_audited_as_a_read()
    {
        Participant known, outside;
        await using (var s = app.Db())
        {
            known = await s.Context.Participants.Include(p => p.Program)
                .Where(p => p.PreferredName != null && p.Program!.Name == Demo.MentalHealth).OrderBy(p => p.Mrn).FirstAsync();
            outside = await s.Context.Participants.Include(p => p.Program).Where(p => p.Program!.Name == Demo.SubstanceUse).OrderBy(p => p.Mrn).FirstAsync();
        }
        using var clinician = await app.PagesAsync(Roles.Clinician);
        foreach (var q in new[] { $"{known.PreferredName} {known.LegalLastName}", $"{known.LegalFirstName} {known.LegalLastName}", known.Mrn.ToLowerInvariant() })
        {
            var (response, doc) = await clinician.GetAsync("/participants?q=" + Uri.EscapeDataString(q));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(doc.QuerySelectorAll("tbody a"), a => a.GetAttribute("href") == $"/participants/{known.Id}");
            Assert.Equal(q, doc.QuerySelector("#header-search")!.GetAttribute("value"));
        }
        // Outside the clinician's programs: not found, by name or by MRN.
        foreach (var q in new[] { outside.Mrn, $"{outside.LegalFirstName} {outside.LegalLastName}" })
        {
            var (_, doc) = await clinician.GetAsync("/participants?q=" + Uri.EscapeDataString(q));
            Assert.DoesNotContain(doc.QuerySelectorAll("tbody a"), a => a.GetAttribute("href") == $"/participants/{outside.Id}");
        }
        await using var check = app.Db();
        Assert.True(await check.Context.AuditEntries.AnyAsync(e => e.Action == AuditActions.Read && e.Detail == "participant list"
            && e.ParticipantId == known.Id && e.UserName == "clinician@demo.trellis.test"));
    }

    [Fact]
    public async Task The_audit_trail_shows_people_charts_and_records_by_name_with_the_ids_still_there()
    {
        AuditEntry plan;
        string participantName;
        await using (var s = app.Db())
        {
            plan = await s.Context.AuditEntries.Where(e => e.UserName == "system:demo" && e.RecordType == "TreatmentPlan" && e.Action == AuditActions.Create)
                .OrderBy(e => e.Sequence).FirstAsync();
            var p = await s.Context.Participants.IgnoreQueryFilters().SingleAsync(x => x.Id == plan.ParticipantId);
            participantName = p.DisplayName;
        }
        using var admin = await app.PagesAsync(Roles.Administrator);
        var (_, doc) = await admin.GetAsync($"/admin/audit?user=system:demo&type=TreatmentPlan&participant={plan.ParticipantId}");
        var row = doc.QuerySelectorAll("tbody tr").First(r => r.QuerySelector("td")!.TextContent.Trim() == plan.Sequence.ToString());
        var text = row.TextContent;
        Assert.Contains("Trellis, setting up the demo clinic", row.QuerySelectorAll("td")[2].TextContent);
        Assert.DoesNotContain("system:demo", row.QuerySelectorAll("td")[2].TextContent);
        Assert.Matches(@"Treatment plan v\d+", row.QuerySelectorAll("td")[4].TextContent);
        Assert.Equal(participantName, row.QuerySelector("td:nth-child(6) a")!.TextContent.Trim());
        // The ids are still there, in a details element, for whoever needs to match them.
        var ids = row.QuerySelector("details.ids")!.TextContent;
        Assert.Contains(plan.RecordId!, ids);
        Assert.Contains(plan.ParticipantId!.Value.ToString(), ids);
        Assert.Contains("system:demo", ids);

        // A person's own entries show their name.
        using var clinician = await app.PagesAsync(Roles.Clinician);
        await clinician.GetAsync($"/participants/{plan.ParticipantId}");
        var (_, mine) = await admin.GetAsync("/admin/audit?user=clinician@demo");
        var clinicianName = (await Clinical.Clinic.StaffAsync(app, "clinician")).FullName;
        Assert.Contains(clinicianName, mine.QuerySelector("tbody tr td:nth-child(3)")!.TextContent);
        // The entries themselves are unchanged, and the chain still verifies.
        await using var check = app.Db();
        Assert.Equal("system:demo", (await check.Context.AuditEntries.SingleAsync(e => e.Sequence == plan.Sequence)).UserName);
        var verified = await AuditVerifier.VerifyAsync(check.Context, check.Services.GetService(typeof(AuditKey)) as AuditKey ?? throw new InvalidOperationException());
        Assert.True(verified.Intact, verified.Describe());
    }

    [Fact]
    public async Task A_participants_home_gives_the_clinics_number_to_call()
    {
        string phone;
        await using (var s = app.Db()) phone = (await s.Context.Organizations.SingleAsync()).Phone!;
        using var participant = await app.PagesAsync(Roles.Participant);
        var (_, home) = await participant.GetAsync("/");
        var call = home.QuerySelector($"main a[href='tel:{phone}']");
        Assert.NotNull(call);
        Assert.Equal(phone, call!.TextContent.Trim());
    }
}
