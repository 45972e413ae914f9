using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;

namespace Trellis.Tests.Admissions;

/// <summary>The public pages with no sign-in: landing, programs and times from the database, the self-check (which stores nothing) and the inquiry.</summary>
public class PublicPagesTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Home_shows_the_public_landing_to_visitors_and_the_home_page_to_staff()
    {
        var visitor = await app.PagesAsync(null);
        var (response, doc) = await visitor.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Intensive outpatient programs at Cedar Grove", doc.QuerySelector("h1")!.TextContent);
        Assert.NotNull(doc.QuerySelector("a[href='/iop/self-check']"));

        var staff = await app.PagesAsync(Roles.Clinician);
        var (_, home) = await staff.GetAsync("/");
        Assert.StartsWith("Good", home.QuerySelector("h1")!.TextContent);

        var (_, login) = await visitor.GetAsync("/account/login");
        Assert.Contains("Learn about IOP", login.QuerySelector("a[href='/iop']")!.TextContent);
    }

    [Fact]
    public async Task Programs_and_times_come_from_the_database()
    {
        await using (var s = app.Db())
        {
            var program = await s.Context.Programs.SingleAsync(p => p.Name == Demo.MentalHealth);
            s.Context.Tracks.Add(new Track { ProgramId = program.Id, Name = "Saturday", Weekdays = Weekdays.Saturday, StartTime = new TimeOnly(10, 30), EndTime = new TimeOnly(13, 30), Capacity = 10 });
            await s.Context.SaveChangesAsync();
        }
        var (_, doc) = await (await app.PagesAsync(null)).GetAsync("/iop/programs");
        var text = doc.QuerySelector("main")!.TextContent;
        Assert.Contains("Saturday:", text);
        Assert.Contains("10:30 am – 1:30 pm", text);
        Assert.Contains("Morning:", text);
        Assert.Contains("Monday, Wednesday and Thursday, 9:00 am – 12:00 pm", text);
        Assert.Contains("Pacific time", text);
    }

    [Fact]
    public async Task The_self_check_stores_nothing_and_puts_crisis_help_first_when_item_9_is_above_0()
    {
        var before = await CountsAsync();
        var client = await app.PagesAsync(null);
        var (step1, doc1) = await client.SubmitAsync("/iop/self-check", "self-check", StepOne("No"));
        Assert.Equal(HttpStatusCode.OK, step1.StatusCode);
        Assert.Contains("Step 2 of 2", doc1.Body!.TextContent);
        var carry = doc1.QuerySelector("input[name=Carry]")!.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(carry));

        var answers = new Dictionary<string, string?> { ["Carry"] = carry, ["Go"] = "result" };
        for (var i = 0; i < 8; i++) answers[$"q.phq-9.{i}"] = "2";
        answers["q.phq-9.8"] = "1";
        var (result, doc) = await PostAsync(client, "self-check", answers, doc1);
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var crisis = doc.QuerySelector(".crisis[role=alert]");
        Assert.NotNull(crisis);
        Assert.Contains("988", crisis!.TextContent);
        Assert.Contains("911", crisis.TextContent);
        // Before anything else in the page's content: ahead of the heading and the result.
        var main = doc.QuerySelector("main")!;
        Assert.Same(crisis, main.FirstElementChild);
        Assert.Contains("17 out of 27", doc.Body!.TextContent);
        // Item 9 above 0, self-reported: a higher level of care than IOP comes first (issue 13, point 8).
        Assert.Contains("A day program", doc.QuerySelector(".suggestion h2")!.TextContent);
        Assert.NotNull(PageClient.FindForm(doc, "inquiry"));
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Thoughts_of_ending_life_now_skip_straight_to_crisis_help()
    {
        var client = await app.PagesAsync(null);
        var (_, doc) = await client.SubmitAsync("/iop/self-check", "self-check", StepOne("Yes"));
        Assert.Same(doc.QuerySelector(".crisis[role=alert]"), doc.QuerySelector("main")!.FirstElementChild);
        Assert.Contains("Please get help right now", doc.QuerySelector(".crisis")!.TextContent);
        Assert.Contains("Urgent care in hospital", doc.QuerySelector(".suggestion h2")!.TextContent);
    }

    [Fact]
    public async Task Unanswered_safety_question_and_half_answered_questionnaires_are_explained()
    {
        var client = await app.PagesAsync(null);
        var blank = StepOne("No");
        blank.Remove("Input.ThoughtsOfEndingLife");
        var (_, doc) = await client.SubmitAsync("/iop/self-check", "self-check", blank);
        Assert.Contains("Please answer this question", doc.Body!.TextContent);

        var (_, step2) = await client.SubmitAsync("/iop/self-check", "self-check", StepOne("No"));
        var partial = new Dictionary<string, string?> { ["Carry"] = step2.QuerySelector("input[name=Carry]")!.GetAttribute("value"), ["Go"] = "result", ["q.gad-7.0"] = "1" };
        var (_, again) = await PostAsync(client, "self-check", partial, step2);
        Assert.Contains("GAD-7: please answer questions 2, 3, 4, 5, 6, 7", again.Body!.TextContent);
        Assert.Contains("Step 2 of 2", again.Body!.TextContent);
    }

    [Fact]
    public async Task An_inquiry_becomes_a_lead_intake_is_told_and_the_person_hears_what_happens_next()
    {
        var client = await app.PagesAsync(null);
        var program = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        var (response, _) = await client.SubmitAsync("/iop/talk", "inquiry", Leads.InquiryForm("Inara", program.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;
        Assert.Equal("/iop/talk/thanks?via=phone", location);
        var (_, thanks) = await client.GetAsync(location);
        Assert.Contains("What happens next", thanks.QuerySelector("h1")!.TextContent);

        var lead = Assert.Single(await Leads.NamedAsync(app, "Inara"));
        Assert.Equal((AdmissionStage.Inquiry, InquirySource.WebForm, program, true), (lead.Stage, lead.Source, lead.ProgramId!.Value, lead.ConsentToContact));
        Assert.Null(lead.SelfCheckSummary);
        await using var s = app.Db();
        var intake = await Leads.StaffIdAsync(app, Roles.IntakeCoordinator);
        Assert.True(await s.Context.Notifications.AnyAsync(n => n.RecipientStaffId == intake && n.Link == $"/admissions/{lead.Id}" && !n.IsUrgent));
    }

    [Fact]
    public async Task Self_check_results_travel_with_an_inquiry_only_when_the_person_ticks_the_box()
    {
        var client = await app.PagesAsync(null);
        var (_, step2) = await client.SubmitAsync("/iop/self-check", "self-check", StepOne("No"));
        var answers = new Dictionary<string, string?> { ["Carry"] = step2.QuerySelector("input[name=Carry]")!.GetAttribute("value"), ["Go"] = "result" };
        for (var i = 0; i < 9; i++) answers[$"q.phq-9.{i}"] = i == 8 ? "2" : "1";
        var (_, result) = await PostAsync(client, "self-check", answers, step2);
        var form = Leads.InquiryForm("Soraya");
        form["Input.IncludeSelfCheck"] = "True";
        var (sent, _) = await PostAsync(client, "inquiry", form, result);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var lead = Assert.Single(await Leads.NamedAsync(app, "Soraya"));
        Assert.True(lead.SafetyConcern);
        Assert.Contains("PHQ-9: 10/27 (moderate)", lead.SelfCheckSummary);
        Assert.Equal(LevelOfCare.PartialHospitalization, lead.SelfCheckSuggestedLevel);
        await using var s = app.Db();
        Assert.True(await s.Context.Notifications.AnyAsync(n => n.Link == $"/admissions/{lead.Id}" && n.IsUrgent));
    }

    [Fact]
    public async Task The_self_check_asks_phq9s_difficulty_question_explains_it_unscored_and_sends_it_with_the_results()
    {
        var client = await app.PagesAsync(null);
        var (_, step2) = await client.SubmitAsync("/iop/self-check", "self-check", StepOne("No"));
        Assert.Equal(4, step2.QuerySelectorAll("input[name='Input.Phq9Difficulty']").Length);
        var answers = new Dictionary<string, string?> { ["Carry"] = step2.QuerySelector("input[name=Carry]")!.GetAttribute("value"), ["Go"] = "result", ["Input.Phq9Difficulty"] = "2" };
        for (var i = 0; i < 9; i++) answers[$"q.phq-9.{i}"] = i == 8 ? "0" : "1";
        var (_, result) = await PostAsync(client, "self-check", answers, step2);
        Assert.Contains("8 out of 27", result.Body!.TextContent);
        Assert.Contains("have made work, home or getting along with people very difficult", result.Body.TextContent);

        var form = Leads.InquiryForm("Ottoline");
        form["Input.IncludeSelfCheck"] = "True";
        var (sent, _) = await PostAsync(client, "inquiry", form, result);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var lead = Assert.Single(await Leads.NamedAsync(app, "Ottoline"));
        Assert.Contains("PHQ-9: 8/27 (mild); daily life very difficult (not scored).", lead.SelfCheckSummary);

        // A tampered answer is dropped, never shown or sent; the score is unchanged.
        answers["Input.Phq9Difficulty"] = "9";
        var (tampered, page) = await PostAsync(client, "self-check", answers, step2);
        Assert.Equal(HttpStatusCode.OK, tampered.StatusCode);
        Assert.Contains("8 out of 27", page.Body!.TextContent);
        Assert.DoesNotContain("getting along with people", page.QuerySelector("#screens")!.ParentElement!.TextContent);
        answers["Input.Phq9Difficulty"] = "very";
        var (words, _) = await PostAsync(client, "self-check", answers, step2);
        Assert.Equal(HttpStatusCode.OK, words.StatusCode);
    }

    [Fact]
    public async Task A_bad_inquiry_keeps_what_was_typed_and_saves_nothing()
    {
        var client = await app.PagesAsync(null);
        var form = Leads.InquiryForm("Zebulon");
        form["Input.ConsentToContact"] = null;
        form["Input.Phone"] = "";
        form["Input.LookingFor"] = new string('y', 2001);
        var (response, doc) = await client.SubmitAsync("/iop/talk", "inquiry", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = doc.Body!.TextContent;
        Assert.Contains("We can only contact you if you agree", text);
        Assert.Contains("Enter a phone number so we can call or text you", text);
        Assert.Contains("2,000 characters", text);
        Assert.Equal("Zebulon", ((IHtmlInputElement)doc.QuerySelector("#inq-first")!).Value);
        Assert.Empty(await Leads.NamedAsync(app, "Zebulon"));
    }

    [Fact]
    public async Task A_script_filling_the_hidden_field_is_told_it_worked_but_nothing_is_saved()
    {
        var client = await app.PagesAsync(null);
        var form = Leads.InquiryForm("Botty");
        form["Input.Website"] = "http://spam.example";
        var (response, _) = await client.SubmitAsync("/iop/talk", "inquiry", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await Leads.NamedAsync(app, "Botty"));
    }

    [Fact]
    public async Task The_inquiry_needs_its_antiforgery_token()
    {
        var client = await app.PagesAsync(null);
        var form = Leads.InquiryForm("Forged");
        form["_handler"] = "inquiry";
        var response = await client.Http.PostAsync("/iop/talk/send", new FormUrlEncodedContent(form.Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Key, f.Value!))));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Leads.NamedAsync(app, "Forged"));
    }

    private static Dictionary<string, string?> StepOne(string thoughts) => new()
    {
        ["Input.ThoughtsOfEndingLife"] = thoughts,
        ["Input.LedMood"] = "True",
        ["Input.GoalKeepWorking"] = "True",
        ["Input.Hours"] = "NineToTwelve",
        ["Input.Evenings"] = "True",
        ["Input.Join"] = "InPerson",
        ["Input.Care"] = "WeeklyTherapy",
        ["Input.HasSomeone"] = "NotSure",
        ["Go"] = "next",
    };

    /// <summary>Posts a form found on an already-loaded page (the self-check's steps live in the posts, not at an address).</summary>
    private static async Task<(HttpResponseMessage, IHtmlDocument)> PostAsync(PageClient client, string formName, Dictionary<string, string?> values, IHtmlDocument page)
    {
        var form = PageClient.FindForm(page, formName) ?? throw new InvalidOperationException($"No form {formName}");
        var fields = form.QuerySelectorAll("input[type=hidden][name]").OfType<IHtmlInputElement>()
            .Where(i => !values.ContainsKey(i.Name!)).Select(i => KeyValuePair.Create(i.Name!, i.Value)).ToList();
        fields.AddRange(values.Where(v => v.Value is not null).Select(v => KeyValuePair.Create(v.Key, v.Value!)));
        var action = form.GetAttribute("action");
        var response = await client.Http.PostAsync(string.IsNullOrEmpty(action) ? "/iop/self-check" : action, new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        return (response, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html));
    }

    private async Task<int> CountsAsync()
    {
        await using var s = app.Db();
        return await s.Context.Set<AdmissionCase>().CountAsync() + await s.Context.InstrumentAdministrations.CountAsync() + await s.Context.Notifications.CountAsync();
    }
}
