using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Medications;

namespace Trellis.Tests.Clinical;

/// <summary>Issue 13 point 2: the medication list's safety net over the API and the pages, on both databases.</summary>
public class MedicationSafetyTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static Dictionary<string, object?> Body(string name, string dose = "500 mg", string? drugCode = null) => new()
    {
        ["name"] = name, ["drugCode"] = drugCode, ["dose"] = dose, ["route"] = "oral", ["frequency"] = "once daily", ["prescriberName"] = "Dr. Ines Valdez, Riverside Urgent Care",
    };

    [Fact]
    public async Task Amoxicillin_for_a_penicillin_allergy_is_refused_until_acknowledged_with_a_reason_which_is_kept_and_audited()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Prescriber);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/participants/{p.Id}/allergies", new { substance = "Penicillin", kind = "medication", reaction = "hives", severity = "moderate" })).StatusCode);

        var body = Body("Amoxicillin");
        var warned = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", body), 409);
        var warning = Assert.Single(warned["warnings"]!.AsArray());
        Assert.Equal("allergy", (string?)warning!["kind"]);
        Assert.Contains("Penicillin", (string?)warning["message"]);
        Assert.Contains("amoxicillin is a penicillin", (string?)warning["message"]);
        Assert.Contains("acknowledgeWarnings", (string?)warned["detail"]);

        body["acknowledgeWarnings"] = true;
        Assert.NotNull((await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", body), 400))["errors"]!["acknowledgmentReason"]);
        await using (var s = app.Db())
            Assert.False(await s.Context.Set<Medication>().AnyAsync(m => m.ParticipantId == p.Id));

        body["acknowledgmentReason"] = "Allergist's challenge in 2024 was negative; tolerated a full course since.";
        var created = await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var med = await Json.ReadAsync(created);
        Assert.Equal("amoxicillin", (string?)med["drugCode"]);
        Assert.True((bool)med["checked"]!);
        Assert.Equal("penicillin", (string?)med["drugClass"]);
        var shown = Assert.Single(med["warnings"]!.AsArray());
        Assert.True((bool)shown!["acknowledged"]!);
        Assert.Equal("Allergist's challenge in 2024 was negative; tolerated a full course since.", (string?)shown["acknowledgmentReason"]);
        Assert.Contains("PMHNP", (string?)shown["acknowledgedBy"]);

        await using var db = app.Db();
        var saved = await db.Context.Set<Medication>().SingleAsync(m => m.ParticipantId == p.Id);
        var ack = Assert.Single(saved.Acknowledgments);
        Assert.Equal(await db.Context.Staff.Where(x => x.Email == Web.Features.Demo.DemoSeeder.EmailFor(Roles.Prescriber)).Select(x => (Guid?)x.Id).SingleAsync(), ack.ByStaffId);
        Assert.StartsWith("allergy:", Assert.Single(ack.Warnings).Key);
        Assert.True(await db.Context.AuditEntries.AnyAsync(e => e.RecordType == nameof(Medication) && e.RecordId == saved.Id.ToString() && e.Action == AuditActions.Create));
    }

    [Fact]
    public async Task Sertraline_50_and_100_mg_both_active_are_flagged_and_a_change_that_raises_a_warning_asks_again()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Prescriber);
        var first = await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", Body("Sertraline", "50 mg"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstId = (string)(await Json.ReadAsync(first))["id"]!;
        var duplicate = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", Body("Zoloft", "100 mg")), 409);
        var warning = Assert.Single(duplicate["warnings"]!.AsArray());
        Assert.Equal("duplicate_ingredient", (string?)warning!["kind"]);
        Assert.Contains("Sertraline 50 mg", (string?)warning["message"]);
        Assert.Equal("duplicate_class", (string?)Assert.Single((await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", Body("Fluoxetine", "20 mg")), 409))["warnings"]!.AsArray())!["kind"]);

        // An allergy recorded later: the next change of the medication asks for it, and the change audit names the acknowledgment.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/participants/{p.Id}/allergies", new { substance = "Zoloft", kind = "medication", reaction = "rash", severity = "mild" })).StatusCode);
        var increase = Body("Sertraline", "100 mg");
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/medications/{firstId}", increase, first.Headers.ETag!.Tag), 409);
        increase["acknowledgeWarnings"] = true;
        increase["acknowledgmentReason"] = "The rash was from a laundry detergent, confirmed by dermatology.";
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/medications/{firstId}", increase, first.Headers.ETag!.Tag)).StatusCode);
        var list = await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/medications"));
        Assert.True((bool)Assert.Single(list[0]!["warnings"]!.AsArray())!["acknowledged"]!);
        await using var s = app.Db();
        var update = await s.Context.AuditEntries.Where(e => e.RecordType == nameof(Medication) && e.RecordId == firstId && e.Action == AuditActions.Update).SingleAsync();
        Assert.Contains("Acknowledgments", update.Detail);
    }

    [Fact]
    public async Task A_drug_the_catalog_does_not_list_is_saved_as_free_text_and_marked_unchecked()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Prescriber);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/participants/{p.Id}/allergies", new { substance = "Penicillin", kind = "medication", severity = "severe" })).StatusCode);
        var created = await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", Body("Zzyzx root tea", "1 cup"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var med = await Json.ReadAsync(created);
        Assert.Null((string?)med["drugCode"]);
        Assert.False((bool)med["checked"]!);
        Assert.Empty(med["warnings"]!.AsArray());

        var unknown = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", Body("Tea", drugCode: "zzyzx")), 400);
        Assert.NotNull(unknown["errors"]!["drugCode"]);
        var mismatch = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", Body("Sertraline", drugCode: "amoxicillin")), 400);
        Assert.NotNull(mismatch["errors"]!["name"]);
        var coded = await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", Body("Naloxone 4 mg nasal spray kit", "4 mg", drugCode: "naloxone"));
        Assert.Equal(HttpStatusCode.Created, coded.StatusCode);
        Assert.True((bool)(await Json.ReadAsync(coded))["checked"]!);

        var catalog = (await Json.ReadAsync(await api.GetAsync("/api/medications/catalog?search=zoloft"))).AsArray();
        var sertraline = Assert.Single(catalog);
        Assert.Equal("sertraline", (string?)sertraline!["code"]);
        Assert.Contains("N06AB", sertraline["atc"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ApiAsync(Roles.IntakeCoordinator)).GetAsync("/api/medications/catalog")).StatusCode);
    }

    [Fact]
    public async Task The_medication_page_shows_the_warnings_takes_the_acknowledgment_and_the_list_marks_what_is_unchecked()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Prescriber);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", Body("Oxycodone", "5 mg"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/participants/{p.Id}/medications", Body("Grandma's sleep drops", "10 drops"))).StatusCode);
        using var pages = await app.PagesAsync(Roles.Prescriber);
        var fields = new Dictionary<string, string?>
        {
            ["Input.Name"] = "Xanax", ["Input.Dose"] = "0.5 mg", ["Input.Route"] = "Oral", ["Input.Frequency"] = "at bedtime", ["Input.PrescriberName"] = "Dr. Ines Valdez",
        };
        var (response, doc) = await pages.SubmitAsync($"/participants/{p.Id}/medications/new", "medication", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Opioid with a benzodiazepine", doc.Body!.TextContent);
        Assert.Contains("FDA Drug Safety Communication, 31 August 2016", doc.Body.TextContent);
        Assert.Equal("Xanax", doc.QuerySelector("input[name='Input.Name']")?.GetAttribute("value"));

        fields["Input.AcknowledgeWarnings"] = "true";
        (response, doc) = await pages.SubmitAsync($"/participants/{p.Id}/medications/new", "medication", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Say why the medication is right despite the warnings", doc.Body!.TextContent);

        fields["Input.AcknowledgmentReason"] = "Three nights only, while the oxycodone is tapered; naloxone at home.";
        (response, _) = await pages.SubmitAsync($"/participants/{p.Id}/medications/new", "medication", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (list, listDoc) = await pages.GetAsync($"/participants/{p.Id}/medications");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var text = listDoc.Body!.TextContent;
        Assert.Contains("Medication saved.", text);
        Assert.Contains("Three nights only, while the oxycodone is tapered", text);
        string Row(string name) => listDoc.QuerySelectorAll("tr").Single(r => r.QuerySelector("td strong")?.TextContent == name).TextContent;
        Assert.Contains("unchecked", Row("Grandma's sleep drops"));
        Assert.DoesNotContain("unchecked", Row("Xanax"));
        Assert.Contains("accepted", Row("Oxycodone"));
    }
}
