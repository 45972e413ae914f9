using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Clinical;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Outcomes;
using Trellis.Web.Features.Tasks;

namespace Trellis.Tests.Outcomes;

/// <summary>The pages that record a post-discharge contact and set a program's measurement schedule, on both databases.</summary>
public class OutcomesPagesTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task A_follow_up_contact_is_recorded_from_the_outcomes_tab_and_its_task_is_completed()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        Guid contactId, taskId;
        DateOnly today;
        await using (var s = app.Db())
        {
            today = await Trellis.Web.Infrastructure.ProgramClock.ClinicTodayAsync(s.Context);
            var contact = new FollowUpContact { ParticipantId = p.Id, DischargedOn = today.AddDays(-35), DaysAfter = 30, DueOn = today.AddDays(-5) };
            var task = CareTasks.Raise(s.Context, p.Id, FollowUpContact.TaskKind, "30-day follow-up after discharge", contact.DueOn, assignedRole: Roles.CaseManager,
                sourceType: nameof(FollowUpContact), sourceId: contact.Id);
            contact.TaskId = task.Id;
            s.Context.Add(contact);
            await s.Context.SaveChangesAsync();
            (contactId, taskId) = (contact.Id, task.Id);
        }
        using var pages = await app.PagesAsync(Roles.CaseManager);
        var (response, doc) = await pages.GetAsync($"/participants/{p.Id}/outcomes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = doc.QuerySelectorAll("#fu-h ~ .table-wrap tbody tr").Single();
        Assert.Contains("Not recorded yet", row.TextContent);
        var link = row.QuerySelector("a")!.GetAttribute("href");
        Assert.Equal($"/participants/{p.Id}/follow-ups/{contactId}", link);

        // Answers for someone not reached are refused beside the field; nothing is saved.
        (response, doc) = await pages.SubmitAsync(link!, "follow-up", new Dictionary<string, string?>
        {
            ["Input.ContactedOn"] = today.AddDays(-2).ToString("yyyy-MM-dd"), ["Input.Reached"] = "false", ["Input.UseOrRelapse"] = "true",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone not reached has no answers", doc.QuerySelector(".validation-message")?.TextContent ?? doc.Body!.TextContent);
        await using (var s = app.Db())
            Assert.Null((await s.Context.Set<FollowUpContact>().AsNoTracking().SingleAsync(c => c.Id == contactId)).ContactedOn);

        (response, _) = await pages.SubmitAsync(link!, "follow-up", new Dictionary<string, string?>
        {
            ["Input.ContactedOn"] = today.AddDays(-2).ToString("yyyy-MM-dd"), ["Input.Reached"] = "true", ["Input.InTreatmentElsewhere"] = "true",
            ["Input.UseOrRelapse"] = "false", ["Input.InstrumentCode"] = "phq-9", ["Input.Score"] = "7", ["Input.Note"] = "Sees a therapist weekly.",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var s = app.Db())
        {
            var saved = await s.Context.Set<FollowUpContact>().AsNoTracking().SingleAsync(c => c.Id == contactId);
            Assert.Equal((today.AddDays(-2), true, true, false, "phq-9", 7), (saved.ContactedOn!.Value, saved.Reached!.Value, saved.InTreatmentElsewhere!.Value, saved.UseOrRelapse!.Value, saved.InstrumentCode, saved.Score!.Value));
            Assert.Equal(CareTaskStatus.Done, (await s.Context.Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId)).Status);
        }
        (_, doc) = await pages.GetAsync($"/participants/{p.Id}/outcomes");
        Assert.Contains("Reached", doc.QuerySelectorAll("#fu-h ~ .table-wrap tbody tr").Single().TextContent);
        Assert.Contains("PHQ-9 7", doc.QuerySelectorAll("#fu-h ~ .table-wrap tbody tr").Single().TextContent);

        // Billing reads no charts; the page is for the care team.
        using var billing = await app.PagesAsync(Roles.Billing);
        Assert.NotEqual(HttpStatusCode.OK, (await billing.Http.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task A_program_director_sets_the_measurement_schedule_on_its_page()
    {
        var mh = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (response, doc) = await pages.GetAsync("/outcomes/schedules");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("14", doc.GetElementById($"every-{mh:N}-phq-9")!.GetAttribute("value"));

        // A repeat of 3 days is refused, with the rule's words; the schedule is unchanged.
        (response, doc) = await pages.SubmitAsync("/outcomes/schedules", $"schedule-{mh}", new Dictionary<string, string?> { ["every-gad-7"] = "3" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Repeat every 7 to 180 days", doc.Body!.TextContent);
        await using (var s = app.Db())
            Assert.Equal(14, (await MeasurementSchedule.ForProgramAsync(s.Context, mh))!.Rules.Single(r => r.Instrument == "gad-7").EveryDays);

        // PHQ-9 every 21 days, GAD-7 dropped, PCL-5 at admission and discharge.
        (response, _) = await pages.SubmitAsync("/outcomes/schedules", $"schedule-{mh}", new Dictionary<string, string?>
        {
            ["every-phq-9"] = "21", ["adm-gad-7"] = null, ["every-gad-7"] = "", ["dis-gad-7"] = null, ["adm-pcl-5"] = "true", ["dis-pcl-5"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using (var s = app.Db())
        {
            var rules = (await MeasurementSchedule.ForProgramAsync(s.Context, mh))!.Rules.OrderBy(r => r.Instrument).ToList();
            Assert.Equal(["pcl-5", "phq-9"], rules.Select(r => r.Instrument));
            Assert.Equal((true, (int?)null, true), (rules[0].AtAdmission, rules[0].EveryDays, rules[0].AtDischarge));
            Assert.Equal((true, (int?)21, true), (rules[1].AtAdmission, rules[1].EveryDays, rules[1].AtDischarge));
        }

        // A clinician cannot open it.
        using var clinician = await app.PagesAsync(Roles.Clinician);
        Assert.NotEqual(HttpStatusCode.OK, (await clinician.Http.GetAsync("/outcomes/schedules")).StatusCode);
    }
}
