using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Trellis.BrowserTests.Support;
using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.BrowserTests.Admissions;

/// <summary>
/// The admissions journey as people live it: a person takes the public self-check and asks to talk
/// to someone; the intake coordinator finds the lead, opens a chart, records the person's work
/// shifts, sees which track fits and admits them into it.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AdmissionJourneyTests(BrowserApp browser)
{
    [Fact]
    public async Task From_the_public_self_check_through_an_inquiry_to_admission_into_a_track()
    {
        // The person, not signed in.
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync("/");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Is IOP right for me? Take the self-check" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Is IOP right for me?");
        await visitor.GetByRole(AriaRole.Group, new() { Name = "Right now, are you having thoughts of ending your life?" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await visitor.GetByLabel("Feeling down, hopeless or numb").CheckAsync();
        await visitor.GetByLabel("Keep my job, studies or family routines going").CheckAsync();
        await visitor.GetByLabel("9 to 12").CheckAsync();
        await visitor.GetByLabel("Evenings").CheckAsync();
        await visitor.GetByLabel("I see a therapist or counsellor about once a week").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Next: optional questionnaires" }).ClickAsync();

        await Assertions.Expect(visitor.GetByText("Step 2 of 2")).ToBeVisibleAsync();
        int[] phq = [2, 2, 1, 2, 1, 1, 1, 1, 0];
        for (var i = 0; i < phq.Length; i++) await visitor.Locator($"input[name='q.phq-9.{i}'][value='{phq[i]}']").CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "See my result" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "What your answers suggest" })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator(".suggestion h2")).ToHaveTextAsync("An intensive outpatient program (IOP)");
        await Assertions.Expect(visitor.GetByText("11 out of 27: moderate")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(visitor, "admissions-self-check-result");

        await visitor.GetByLabel("Your first name").FillAsync("Linnea");
        await visitor.GetByLabel("Last name (optional)").FillAsync("Featherstone-Moss");
        await visitor.GetByLabel("Call me").CheckAsync();
        await visitor.GetByLabel("Phone", new() { Exact = true }).FillAsync("(503) 555-0123");
        await visitor.GetByLabel("Which program are you asking about?").SelectOptionAsync(new SelectOptionValue { Label = "Adult Mental Health IOP" });
        await visitor.GetByLabel("Send my self-check answers and results with this message.").CheckAsync();
        await visitor.GetByLabel("may contact me about joining a program", new() { Exact = false }).CheckAsync();
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Send my message" }).ClickAsync();
        await Assertions.Expect(visitor.GetByText("Thank you. We got your message.")).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByText("will call you")).ToBeVisibleAsync();

        // The intake coordinator.
        var intake = await browser.SignedInAsync(Roles.IntakeCoordinator);
        await intake.GotoAsync("/admissions");
        await intake.GetByRole(AriaRole.Link, new() { Name = "Linnea Featherstone-Moss" }).ClickAsync();
        await Assertions.Expect(intake.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Linnea Featherstone-Moss");
        await Assertions.Expect(intake.GetByText("PHQ-9: 11/27 (moderate).", new() { Exact = false })).ToBeVisibleAsync();
        await intake.GetByRole(AriaRole.Button, new() { Name = "Take this lead" }).ClickAsync();
        await Assertions.Expect(intake.GetByText("The lead is yours.")).ToBeVisibleAsync();

        await intake.GetByLabel("Date of birth").FillAsync("1991-06-14");
        await intake.GetByRole(AriaRole.Button, new() { Name = "Open the chart" }).ClickAsync();
        await Assertions.Expect(intake.GetByText("Chart opened. Screening can begin.")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(intake, "admissions-lead");

        await intake.GetByRole(AriaRole.Link, new() { Name = "Weekly obligations, tracks that fit, and admission" }).ClickAsync();
        await intake.GetByText("Add an obligation").ClickAsync();
        await intake.GetByLabel("Kind").SelectOptionAsync("Work");
        await intake.GetByLabel("In their words").FillAsync("Shift at the bakery");
        foreach (var day in new[] { "Mon", "Tue", "Wed", "Thu", "Fri" }) await intake.GetByLabel(day, new() { Exact = true }).CheckAsync();
        await intake.GetByLabel("Starts").FillAsync("06:00");
        await intake.GetByLabel("Ends").FillAsync("14:00");
        await intake.GetByLabel("Travel to or from the clinic (minutes)").FillAsync("20");
        await intake.GetByRole(AriaRole.Button, new() { Name = "Add obligation" }).ClickAsync();
        await Assertions.Expect(intake.GetByRole(AriaRole.Cell, new() { Name = "Shift at the bakery (Work)" })).ToBeVisibleAsync();
        var fit = intake.Locator("section[aria-labelledby=fit] tbody tr");
        await Assertions.Expect(fit.Filter(new() { HasText = "Morning" })).ToContainTextAsync("Doesn't fit");
        await Assertions.Expect(fit.Filter(new() { HasText = "Evening" })).ToContainTextAsync("Fits");
        await BrowserApp.ScreenshotAsync(intake, "admissions-track-fit");

        await intake.GetByLabel("Evening: Mon/Tue/Thu 18:00–21:00", new() { Exact = false }).CheckAsync();
        await intake.GetByLabel("Primary clinician").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await intake.GetByRole(AriaRole.Button, new() { Name = "Admit", Exact = true }).ClickAsync();
        await Assertions.Expect(intake.GetByText("Admitted.", new() { Exact = false }).First).ToBeVisibleAsync();
        await Assertions.Expect(intake.Locator(".chart-header")).ToContainTextAsync("Evening (Mon/Tue/Thu 18:00–21:00)");
        await Assertions.Expect(intake.GetByRole(AriaRole.Heading, new() { Name = "Orientation checklist", Exact = false })).ToBeVisibleAsync();
        await intake.GetByRole(AriaRole.Link, new() { Name = "Print the welcome page" }).ClickAsync();
        await Assertions.Expect(intake.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome to Adult Mental Health IOP, Linnea");
        await BrowserApp.ScreenshotAsync(intake, "admissions-welcome");

        await using var s = browser.App.Db();
        var lead = await s.Context.Set<AdmissionCase>().Include(c => c.Participant).SingleAsync(c => c.FirstName == "Linnea");
        Assert.Equal(AdmissionStage.Admitted, lead.Stage);
        Assert.Equal(ParticipantStatus.Admitted, lead.Participant!.Status);
        Assert.Contains("PHQ-9: 11/27", lead.SelfCheckSummary);
    }

    [Fact]
    public async Task A_positive_item_9_on_the_self_check_puts_crisis_help_first_on_a_phone()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/iop/self-check");
        await page.GetByRole(AriaRole.Group, new() { Name = "Right now, are you having thoughts of ending your life?" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next: optional questionnaires" }).ClickAsync();
        for (var i = 0; i < 9; i++) await page.Locator($"input[name='q.phq-9.{i}'][value='1']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "See my result" }).ClickAsync();
        var first = page.Locator("main > *").First;
        await Assertions.Expect(first).ToHaveClassAsync("crisis");
        await Assertions.Expect(first).ToContainTextAsync("988");
        await Assertions.Expect(first).ToBeInViewportAsync();
        await BrowserApp.ScreenshotAsync(page, "admissions-crisis-phone");
    }
}
