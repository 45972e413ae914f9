using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Billing;

/// <summary>The Billing role sees what a claim needs and never note text, plans or measures, through either door.</summary>
public class BillingRoleTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Billing_reaches_no_note_plan_or_measure_through_the_api()
    {
        var api = await app.ApiAsync(Roles.Billing);
        await using var s = app.Db();
        var note = await s.Context.Set<ClinicalNote>().Where(n => n.Status == NoteStatus.Locked && n.Kind == NoteKind.Individual).FirstAsync();
        var p = note.ParticipantId;
        foreach (var url in new[]
        {
            $"/api/participants/{p}/notes", $"/api/notes/{note.Id}", $"/api/participants/{p}/treatment-plan", $"/api/participants/{p}/safety-plan",
            $"/api/participants/{p}/relapse-prevention-plan", $"/api/participants/{p}/instruments", $"/api/participants/{p}/risk-flags", $"/api/participants/{p}",
        })
        {
            var response = await api.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"Billing GET {url}: {(int)response.StatusCode}");
            Assert.DoesNotContain(note.Sections.Values.First(v => v.Length > 20), await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/charges?participantId={p}")).StatusCode);
    }

    [Fact]
    public async Task Billing_pages_show_the_claims_facts_but_no_note_text_and_the_chart_is_not_allowed()
    {
        using var pages = await app.PagesAsync(Roles.Billing);
        await using var s = app.Db();
        var charge = (await s.Context.Set<Web.Features.Billing.Charges.Charge>().Take(400).ToListAsync()).First(c => c.Sources.Any(x => x.NoteId != null));
        var noteId = charge.Sources.First(x => x.NoteId != null).NoteId!.Value;
        var note = await s.Context.Set<ClinicalNote>().FirstAsync(n => n.Id == noteId);
        var (response, doc) = await pages.GetAsync($"/billing/charges/{charge.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var text in note.Sections.Values.Where(v => v.Length > 20)) Assert.DoesNotContain(text, doc.Body!.TextContent);
        Assert.Contains(charge.ServiceDate.ToString("MMM d"), doc.Body!.TextContent);

        foreach (var url in new[] { $"/participants/{charge.ParticipantId}", $"/participants/{charge.ParticipantId}/notes", $"/notes/{noteId}",
                     $"/participants/{charge.ParticipantId}/treatment-plan", $"/participants/{charge.ParticipantId}/measures", "/participants" })
        {
            var (r, d) = await pages.GetAsync(url);
            Assert.True(r.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{url}: {(int)r.StatusCode}");
            if (r.StatusCode == HttpStatusCode.Forbidden) Assert.Contains("Not allowed", d.QuerySelector("h1")!.TextContent);
            foreach (var text in note.Sections.Values.Where(v => v.Length > 20)) Assert.DoesNotContain(text, d.Body!.TextContent);
        }
        Assert.Empty(Permissions.RolesOf(Permissions.ReadClinical).Intersect([Roles.Billing]));
        Assert.Empty(Permissions.RolesOf(Permissions.ReadOwnPlans).Intersect([Roles.Billing]));
        Assert.Empty(Permissions.RolesOf(Permissions.GiveInstruments).Intersect([Roles.Billing]));
        Assert.Empty(Permissions.RolesOf(Permissions.AnyStaff).Intersect([Roles.Billing]));
    }

    [Fact]
    public async Task Billing_is_scoped_like_other_staff_and_clinicians_do_not_reach_billing()
    {
        var clinician = await app.ApiAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync("/api/claims")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.GetAsync("/api/charges")).StatusCode);
        var director = await app.ApiAsync(Roles.ProgramDirector);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync("/api/claims")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.PostAsync("/api/claims/send", null)).StatusCode);
        var intake = await app.ApiAsync(Roles.IntakeCoordinator);
        var someone = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        Assert.Equal(HttpStatusCode.OK, (await intake.GetAsync($"/api/participants/{someone.Id}/coverages")).StatusCode);
    }
}
