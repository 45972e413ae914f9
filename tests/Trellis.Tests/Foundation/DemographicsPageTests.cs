using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Clinical;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Foundation;

/// <summary>
/// Gender, preferred language and "interpreter needed" where a clinic records them (the intake form and the chart's
/// edit page, one form over CreateParticipant / ChangeParticipant) and where staff who book sessions look (the header).
/// </summary>
public class DemographicsPageTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static string Header(AngleSharp.Html.Dom.IHtmlDocument doc, string term) =>
        doc.QuerySelectorAll(".chart-header dt").FirstOrDefault(d => d.TextContent.Trim() == term)?.NextElementSibling?.TextContent.Trim() ?? "";

    [Fact]
    public async Task The_chart_edit_saves_them_and_the_header_shows_the_interpreter()
    {
        using var clinician = await app.PagesAsync(Roles.Clinician);
        var p = await Clinic.FreshParticipantAsync(app);
        var (saved, _) = await clinician.SubmitAsync($"/participants/{p.Id}/edit", "participant", new Dictionary<string, string?>
        {
            ["Input.AdministrativeGender"] = "Female", ["Input.PreferredLanguage"] = "es", ["Input.InterpreterNeeded"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var s = app.Db())
        {
            var after = await s.Context.Participants.SingleAsync(x => x.Id == p.Id);
            Assert.Equal((AdministrativeGender.Female, "es", true), (after.AdministrativeGender, after.PreferredLanguage, after.InterpreterNeeded));
        }
        var (_, chart) = await clinician.GetAsync($"/participants/{p.Id}");
        Assert.Equal("Female", Header(chart, "Gender"));
        Assert.StartsWith("Spanish", Header(chart, "Language"));
        Assert.Contains("Interpreter needed", Header(chart, "Language"));
        // The form shows what is kept.
        var (_, edit) = await clinician.GetAsync($"/participants/{p.Id}/edit");
        Assert.Equal("es", edit.QuerySelector("#language option[selected]")?.GetAttribute("value"));
        Assert.NotNull(edit.QuerySelector("#interpreter[checked]"));

        // Cleared: nothing recorded, nothing shown (no "unknown" made up).
        var (clearedAnswer, _) = await clinician.SubmitAsync($"/participants/{p.Id}/edit", "participant", new Dictionary<string, string?>
        {
            ["Input.AdministrativeGender"] = "", ["Input.PreferredLanguage"] = "", ["Input.InterpreterNeeded"] = null,
        });
        Assert.Equal(HttpStatusCode.Redirect, clearedAnswer.StatusCode);
        var (_, plain) = await clinician.GetAsync($"/participants/{p.Id}");
        Assert.Equal("", Header(plain, "Gender"));
        Assert.Equal("", Header(plain, "Language"));
        Assert.DoesNotContain("Interpreter needed", plain.QuerySelector(".chart-header")!.TextContent);
    }

    [Fact]
    public async Task Bad_input_is_named_beside_its_field_and_nothing_is_saved()
    {
        using var clinician = await app.PagesAsync(Roles.Clinician);
        var p = await Clinic.FreshParticipantAsync(app);
        var (refused, doc) = await clinician.SubmitAsync($"/participants/{p.Id}/edit", "participant", new Dictionary<string, string?>
        {
            ["Input.PreferredLanguage"] = "klingon",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var message = doc.QuerySelector("#language")!.ParentElement!.QuerySelector(".validation-message")?.TextContent ?? "";
        Assert.Contains("'klingon' is not a language Trellis knows", message);

        var (noLanguage, doc2) = await clinician.SubmitAsync($"/participants/{p.Id}/edit", "participant", new Dictionary<string, string?>
        {
            ["Input.PreferredLanguage"] = "", ["Input.InterpreterNeeded"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, noLanguage.StatusCode);
        Assert.Contains("Say which language the interpreter is for.", doc2.QuerySelector("#language")!.ParentElement!.QuerySelector(".validation-message")?.TextContent ?? "");

        await using var s = app.Db();
        var after = await s.Context.Participants.SingleAsync(x => x.Id == p.Id);
        Assert.Equal(p.Version, after.Version);
    }

    [Fact]
    public async Task The_intake_form_records_them_on_a_new_chart()
    {
        using var intake = await app.PagesAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var last = "Vantongeren" + Guid.NewGuid().ToString("N")[..6];
        var (created, _) = await intake.SubmitAsync("/participants/new", "participant", new Dictionary<string, string?>
        {
            ["Input.LegalFirstName"] = "Linh", ["Input.LegalLastName"] = last, ["Input.DateOfBirth"] = "1984-02-09",
            ["Input.Status"] = "Inquiry", ["Input.ProgramId"] = program.ToString(),
            ["Input.AdministrativeGender"] = "Male", ["Input.PreferredLanguage"] = "vi", ["Input.InterpreterNeeded"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var s = app.Db();
        var p = await s.Context.Participants.SingleAsync(x => x.LegalLastName == last);
        Assert.Equal((AdministrativeGender.Male, "vi", true), (p.AdministrativeGender, p.PreferredLanguage, p.InterpreterNeeded));
    }
    [Fact]
    public async Task The_participant_list_says_who_needs_an_interpreter_in_words()
    {
        using var clinician = await app.PagesAsync(Roles.Clinician);
        var needs = await Clinic.FreshParticipantAsync(app);
        var speaks = await Clinic.FreshParticipantAsync(app);
        await using (var s = app.Db())
        {
            (await s.Context.Participants.SingleAsync(x => x.Id == needs.Id)).PreferredLanguage = "ase";
            (await s.Context.Participants.SingleAsync(x => x.Id == needs.Id)).InterpreterNeeded = true;
            // A language but no interpreter: nothing to arrange, so no badge.
            (await s.Context.Participants.SingleAsync(x => x.Id == speaks.Id)).PreferredLanguage = "es";
            await s.Context.SaveChangesAsync();
        }
        var (_, list) = await clinician.GetAsync($"/participants?q={needs.Mrn}");
        var row = Assert.Single(list.QuerySelectorAll("tbody tr"));
        Assert.Equal("Interpreter: American Sign Language", row.QuerySelector("td[data-label=Name] .badge.interpreter")?.TextContent.Trim());
        var (_, other) = await clinician.GetAsync($"/participants?q={speaks.Mrn}");
        Assert.Empty(Assert.Single(other.QuerySelectorAll("tbody tr")).QuerySelectorAll(".badge.interpreter"));
    }

    [Fact]
    public void The_badge_words_come_from_the_one_language_rule()
    {
        Assert.Equal("Interpreter: Spanish (MX)", Languages.InterpreterLabel(true, "es-MX"));
        Assert.Null(Languages.InterpreterLabel(false, "es"));
        Assert.Equal("Interpreter needed", Languages.InterpreterLabel(true, null));
    }
}
