using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Tests.Clinical;

/// <summary>
/// Issue 13 point 9: what a participant sees, or is printed for them, names them as they go by; the legal
/// name is accepted as a signature but never shown as the hint. And a link cannot make a page claim a save.
/// </summary>
public class PreferredNameTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    /// <summary>A participant who goes by Sherwood; their legal first name is Carl.</summary>
    private async Task<Participant> SherwoodAsync()
    {
        var p = await Clinic.FreshParticipantAsync(app, last: "Block" + Random.Shared.Next(1000, 9999));
        await using var s = app.Db();
        var row = await s.Context.Participants.SingleAsync(x => x.Id == p.Id);
        (row.LegalFirstName, row.PreferredName) = ("Carl", "Sherwood");
        await s.Context.SaveChangesAsync();
        return row;
    }

    private static Dictionary<string, object?> PlanWithoutDiagnoses(Guid clinicianId, string? changeSummary = null)
    {
        var body = Clinic.PlanBody(clinicianId, changeSummary: changeSummary);
        ((Dictionary<string, object?>[])((Dictionary<string, object?>)body["content"]!)["problems"]!)[0]["diagnosisCodes"] = Array.Empty<string>();
        return body;
    }

    [Fact]
    public async Task Printed_plans_name_the_participant_as_they_go_by_not_by_their_legal_name()
    {
        var p = await SherwoodAsync();
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var api = await app.ApiAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/participants/{p.Id}/safety-plan",
            new { complete = false, writtenWithParticipant = true, content = new { warningSigns = new[] { "Pacing at night" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/api/participants/{p.Id}/treatment-plan", Clinic.PlanBody(clinician.Id))).StatusCode);

        using var pages = await app.PagesAsync(Roles.Clinician);
        foreach (var print in new[] { "safety-plan/print", "treatment-plan/print" })
        {
            var (response, doc) = await pages.GetAsync($"/participants/{p.Id}/{print}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var sheet = doc.QuerySelector("article.print-sheet")!.TextContent;
            Assert.Contains($"Sherwood {p.LegalLastName}", sheet);
            Assert.DoesNotContain("Carl", sheet);
        }
    }

    [Fact]
    public async Task The_participant_signs_with_the_name_they_go_by_the_hint_names_no_legal_name_and_the_plan_keeps_what_was_typed()
    {
        Guid id;
        string legalFirst, last;
        await using (var s = app.Db())
        {
            id = await s.Context.Users.Where(u => u.Email == Web.Features.Demo.DemoSeeder.EmailFor(Roles.Participant)).Select(u => u.ParticipantId!.Value).SingleAsync();
            var row = await s.Context.Participants.SingleAsync(x => x.Id == id);
            row.PreferredName = "Wren";
            (legalFirst, last) = (row.LegalFirstName, row.LegalLastName);
            await s.Context.SaveChangesAsync();
        }
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var staff = await app.ApiAsync(Roles.Clinician);
        var latest = await staff.GetAsync($"/api/participants/{id}/treatment-plan");
        var written = await staff.PutJsonAsync($"/api/participants/{id}/treatment-plan", PlanWithoutDiagnoses(clinician.Id, "Goals in Wren's words"),
            latest.StatusCode == HttpStatusCode.OK ? latest.Headers.ETag!.Tag : null);
        Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        var number = (int)(await Json.ReadAsync(written))["number"]!;
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsJsonAsync($"/api/participants/{id}/treatment-plan/signatures", new { number, @as = "clinician" })).StatusCode);

        var portal = await app.ApiAsync(Roles.Participant);
        var wrong = await Json.ProblemAsync(await portal.PostAsJsonAsync($"/api/participants/{id}/treatment-plan/signatures", new { number, @as = "participant", typedName = "Someone Else" }), 400);
        Assert.Contains($"Wren {last}", wrong.ToJsonString());
        Assert.DoesNotContain(legalFirst, wrong.ToJsonString());

        using var pages = await app.PagesAsync(Roles.Participant);
        var (page, doc) = await pages.GetAsync("/my/treatment-plan");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var signing = doc.QuerySelector("section[aria-labelledby=sign]")!.TextContent;
        Assert.Contains($"Wren {last}", signing);
        Assert.DoesNotContain(legalFirst, signing);

        var (signed, _) = await pages.SubmitAsync("/my/treatment-plan", "sign", new Dictionary<string, string?> { ["TypedName"] = $"  wren {last.ToLowerInvariant()} " });
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        var (after, afterDoc) = await pages.GetAsync("/my/treatment-plan");
        Assert.Contains("Thank you: your signature is on the plan.", afterDoc.Body!.TextContent);
        await using (var s = app.Db())
        {
            var plan = await s.Context.Set<TreatmentPlan>().SingleAsync(t => t.ParticipantId == id && t.Number == number);
            Assert.Equal($"wren {last.ToLowerInvariant()}", plan.ParticipantSignature);
            Assert.Equal("portal", plan.ParticipantSignatureMethod);
        }
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_link_cannot_make_a_clinical_page_claim_a_save()
    {
        var p = await SherwoodAsync();
        using var pages = await app.PagesAsync(Roles.Clinician);
        foreach (var tab in new[] { "treatment-plan", "safety-plan", "medications", "drug-tests", "case-management", "discharge" })
        {
            var (response, doc) = await pages.GetAsync($"/participants/{p.Id}/{tab}?done=Everything%20was%20saved%20by%20a%20link");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("saved by a link", doc.Body!.TextContent);
        }
    }
}
