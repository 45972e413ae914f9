using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Plans;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Tests.Clinical;

/// <summary>The pages as a browser uses them: a failed save keeps every word typed, and a signed note cannot be changed from a page either.</summary>
public class ClinicalPagesTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static readonly string LongText = string.Join(" ", Enumerable.Repeat("Talked at length about the week, the argument with her sister and the plan for Sunday.", 60));

    private static string? TextArea(IHtmlDocument doc, string id) => (doc.GetElementById(id) as IHtmlTextAreaElement)?.Value;

    [Fact]
    public async Task A_long_note_survives_a_failed_save_and_nothing_is_saved()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (response, doc) = await pages.SubmitAsync($"/participants/{p.Id}/notes/new?kind=individual&format=dap", "note", new Dictionary<string, string?>
        {
            ["Input.ServiceDate"] = "", ["Input.Sections[0].Text"] = LongText, ["Input.Sections[2].Text"] = "Continue weekly.", ["Action"] = "save",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LongText, TextArea(doc, "s-data"));
        Assert.Equal("Continue weekly.", TextArea(doc, "s-plan"));
        Assert.Contains("nothing has been saved yet", doc.Body!.TextContent);
        Assert.Contains("Enter the date of the service", doc.Body.TextContent);
        await using (var s = app.Db())
            Assert.False(await s.Context.Set<ClinicalNote>().AnyAsync(n => n.ParticipantId == p.Id));

        // Signing an incomplete note saves the draft (the text is safe) and says what is missing.
        (response, doc) = await pages.SubmitAsync($"/participants/{p.Id}/notes/new?kind=individual&format=dap", "note", new Dictionary<string, string?>
        {
            ["Input.Sections[0].Text"] = LongText, ["Action"] = "sign",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The draft is saved but not signed", doc.Body!.TextContent);
        Assert.Equal(LongText, TextArea(doc, "s-data"));
        await using (var s = app.Db())
        {
            var draft = await s.Context.Set<ClinicalNote>().SingleAsync(n => n.ParticipantId == p.Id);
            Assert.Equal(NoteStatus.Draft, draft.Status);
            Assert.Equal(LongText, draft.Section("data"));
        }
    }

    [Fact]
    public async Task A_signed_note_cannot_be_changed_or_discarded_from_its_page_and_the_typed_text_is_offered_as_an_addendum()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        var (id, _) = await NoteCalls.CreateAsync(api, p.Id, NoteCalls.Dap(Clinic.Today));
        Assert.Equal(HttpStatusCode.OK, (await NoteCalls.SignAsync(api, id)).StatusCode);

        using var pages = await app.PagesAsync(Roles.Clinician);
        var (page, doc) = await pages.GetAsync($"/notes/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Null(PageClient.FindForm(doc, "note"));
        Assert.Null(PageClient.FindForm(doc, "discard"));
        Assert.NotNull(PageClient.FindForm(doc, "addendum"));
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // What a stale tab or a hand-made request would post.
        var edit = await pages.Http.PostAsync($"/notes/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "note", ["__RequestVerificationToken"] = token, ["Input.ServiceDate"] = "2026-01-01",
            ["Input.Sections[0].Key"] = "data", ["Input.Sections[0].Text"] = "Rewritten after signing", ["Action"] = "save",
        }));
        var html = await edit.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Contains("is locked; nothing was changed", html);
        Assert.Contains("Rewritten after signing", new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).GetElementById($"addendum-{id}")!.TextContent);
        var discard = await pages.Http.PostAsync($"/notes/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "discard", ["__RequestVerificationToken"] = token }));
        Assert.NotEqual(HttpStatusCode.Redirect, discard.StatusCode);

        await using var s = app.Db();
        var note = await s.Context.Set<ClinicalNote>().SingleAsync(n => n.Id == Guid.Parse(id));
        Assert.Equal(NoteStatus.Locked, note.Status);
        Assert.False(note.IsDeleted);
        Assert.Equal("Reports a hard week at work; kept the activity log on five days.", note.Section("data"));
        Assert.Equal(Clinic.Today, note.ServiceDate);
    }

    [Fact]
    public async Task A_treatment_plan_written_on_the_page_keeps_the_text_of_a_failed_save_and_becomes_version_one()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var clinician = await Clinic.StaffAsync(app, "clinician");
        using var pages = await app.PagesAsync(Roles.Clinician);
        var fields = new Dictionary<string, string?>
        {
            ["Input.Content.ParticipantVoice"] = "I want my mornings back.",
            ["Input.Content.Problems[0].Statement"] = "Low mood and missed work.",
            ["Input.Content.Problems[0].Goals[0].OwnWords"] = "I want to get to work on time four days a week.",
            ["Input.Content.Problems[0].Goals[0].Target"] = "",
            ["Input.Content.Problems[0].Goals[0].Objectives[0].Text"] = "Set two alarms",
            ["Input.Content.Problems[0].Goals[0].Objectives[0].TargetDate"] = DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd"),
            ["Input.Content.Problems[0].Goals[0].Interventions[0].Type"] = "IndividualTherapy",
            ["Input.Content.Problems[0].Goals[0].Interventions[0].Description"] = "Behavioural activation",
            ["Input.Content.Problems[0].Goals[0].Interventions[0].Frequency"] = "weekly",
            ["Input.Content.Problems[0].Goals[0].Interventions[0].ResponsibleStaffId"] = clinician.Id.ToString(),
            ["Action"] = "save",
        };
        var (response, doc) = await pages.SubmitAsync($"/participants/{p.Id}/treatment-plan/edit", "plan", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Say how progress will be measured", doc.Body!.TextContent);
        Assert.Equal("I want to get to work on time four days a week.", TextArea(doc, "p0g0w"));
        Assert.Equal("I want my mornings back.", TextArea(doc, "voice"));
        await using (var s = app.Db())
            Assert.False(await s.Context.Set<TreatmentPlan>().AnyAsync(t => t.ParticipantId == p.Id));

        // "Add a goal" keeps everything and adds a row, without saving a version.
        fields["Action"] = "add-goal:0";
        (response, doc) = await pages.SubmitAsync($"/participants/{p.Id}/treatment-plan/edit", "plan", fields);
        Assert.NotNull(doc.GetElementById("p0g1w"));
        Assert.Equal("I want to get to work on time four days a week.", TextArea(doc, "p0g0w"));

        fields["Input.Content.Problems[0].Goals[0].Target"] = "At work by 9:00 on 4 of 5 days for 4 weeks.";
        fields["Action"] = "save";
        (response, _) = await pages.SubmitAsync($"/participants/{p.Id}/treatment-plan/edit", "plan", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var s = app.Db())
        {
            var plan = await s.Context.Set<TreatmentPlan>().SingleAsync(t => t.ParticipantId == p.Id);
            Assert.Equal(1, plan.Number);
            Assert.Equal("I want to get to work on time four days a week.", plan.Goals.Single().OwnWords);
            Assert.Equal("Behavioural activation", plan.Goals.Single().Interventions.Single().Description);
            Assert.Contains("LPC", plan.Goals.Single().Interventions.Single().ResponsibleName);
        }
    }

    [Fact]
    public async Task An_empty_choice_in_a_nested_row_does_not_lose_what_was_typed()
    {
        // Blazor drops a whole nested object when a nested Guid? is posted empty; the pages post the empty Guid instead.
        var p = await Clinic.FreshParticipantAsync(app);
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (_, doc) = await pages.SubmitAsync($"/participants/{p.Id}/treatment-plan/edit", "plan", new Dictionary<string, string?>
        {
            ["Input.Content.Problems[0].Statement"] = "Panic in shops", ["Action"] = "save",
        });
        Assert.Equal("Panic in shops", TextArea(doc, "p0"));
        Assert.Contains("Add at least one goal", doc.Body!.TextContent);
        (_, doc) = await pages.SubmitAsync($"/participants/{p.Id}/safety-plan/edit", "safety-plan", new Dictionary<string, string?>
        {
            ["Input.Content.WarningSigns[0]"] = "Pacing at night", ["Input.Content.CopingStrategies[0].Text"] = "Cold water", ["Input.Complete"] = "true",
        });
        Assert.Equal("Pacing at night", (doc.GetElementById("ws-0") as IHtmlInputElement)?.Value);
        Assert.Equal("Cold water", (doc.GetElementById("cs-0") as IHtmlInputElement)?.Value);
    }

    [Fact]
    public async Task A_safety_plan_saved_as_complete_too_soon_keeps_its_text_and_names_the_missing_steps()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (response, doc) = await pages.SubmitAsync($"/participants/{p.Id}/safety-plan/edit", "safety-plan", new Dictionary<string, string?>
        {
            ["Input.Content.WarningSigns[0]"] = "Not answering my phone", ["Input.Complete"] = "true", ["Input.WrittenWithParticipant"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Not answering my phone", (doc.GetElementById("ws-0") as IHtmlInputElement)?.Value);
        Assert.Contains("Step 6", doc.Body!.TextContent);
        await using (var s = app.Db())
            Assert.False(await s.Context.Set<SafetyPlan>().AnyAsync(x => x.ParticipantId == p.Id));
        (response, _) = await pages.SubmitAsync($"/participants/{p.Id}/safety-plan/edit", "safety-plan", new Dictionary<string, string?>
        {
            ["Input.Content.WarningSigns[0]"] = "Not answering my phone", ["Input.WrittenWithParticipant"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var s = app.Db())
            Assert.False((await s.Context.Set<SafetyPlan>().SingleAsync(x => x.ParticipantId == p.Id)).IsComplete);
    }

    [Fact]
    public async Task Clinical_pages_answer_not_found_outside_the_care_team_and_are_refused_to_the_wrong_roles()
    {
        var su = await Demo.ParticipantInAsync(app, Demo.SubstanceUse, Web.Features.Participants.ParticipantStatus.Active);
        using var clinician = await app.PagesAsync(Roles.Clinician);
        foreach (var tab in new[] { "treatment-plan", "notes", "safety-plan", "relapse-prevention-plan", "medications", "drug-tests", "case-management", "discharge" })
        {
            var (response, doc) = await clinician.GetAsync($"/participants/{su.Id}/{tab}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, tab);
            Assert.DoesNotContain(su.LegalLastName, doc.Body?.TextContent ?? "");
        }
        using var intake = await app.PagesAsync(Roles.IntakeCoordinator);
        var (denied, _) = await intake.GetAsync($"/participants/{su.Id}/notes");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
    }
}
