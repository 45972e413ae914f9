using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Clinical;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Outcomes;
using Trellis.Web.Features.Tasks;

namespace Trellis.Tests.Outcomes;

/// <summary>The overdue-measure sweep raises one task per overdue measure, never a second, and closes it once given; giving it in the chart closes it at once.</summary>
public class OutcomeTasksTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<List<CareTask>> OpenTasksAsync(Guid participantId)
    {
        await using var s = app.Db();
        return await s.Context.Tasks.AsNoTracking().Where(t => t.ParticipantId == participantId && t.Kind == OutcomeTasks.OverdueKind && t.Status == CareTaskStatus.Open)
            .OrderBy(t => t.SourceType).ToListAsync();
    }

    private async Task<(int Raised, int Closed, int FollowUps)> SweepAsync()
    {
        await using var s = app.Db();
        return await OutcomeTasks.SweepAsync(s.Context);
    }

    [Fact]
    public async Task The_sweep_raises_one_task_per_overdue_measure_and_closes_it_when_given_and_the_chart_closes_it_at_once()
    {
        // Admitted 20 days ago in Adult Mental Health (PHQ-9 and GAD-7 every 14 days): the day-14 measures are overdue, nothing given.
        var p = await Clinic.FreshParticipantAsync(app);
        await SweepAsync();
        var open = await OpenTasksAsync(p.Id);
        Assert.Equal(["measure:gad-7", "measure:phq-9"], open.Select(t => t.SourceType));
        Assert.All(open, t => Assert.Equal(p.PrimaryClinicianId, t.AssignedToStaffId));
        Assert.Contains("PHQ-9", open[1].Title);

        // Again: nothing new for this person.
        await SweepAsync();
        Assert.Equal(open.Select(t => t.Id), (await OpenTasksAsync(p.Id)).Select(t => t.Id));

        // Given in the chart: its task is done at once, before any sweep; the other stays open.
        var api = await app.ApiAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/participants/{p.Id}/instruments",
            new { instrument = "phq-9", answers = new[] { 1, 1, 1, 1, 1, 1, 1, 0, 0 } })).StatusCode);
        Assert.Equal(["measure:gad-7"], (await OpenTasksAsync(p.Id)).Select(t => t.SourceType));
        await using (var s = app.Db())
        {
            var done = await s.Context.Tasks.AsNoTracking().SingleAsync(t => t.Id == open[1].Id);
            Assert.Equal(CareTaskStatus.Done, done.Status);
        }

        // Recorded some other way (an import writes the row directly): the next sweep closes the GAD-7 task.
        await using (var s = app.Db())
        {
            s.Context.InstrumentAdministrations.Add(new InstrumentAdministration
            {
                ParticipantId = p.Id, InstrumentCode = Gad7.Code, AnswersJson = "[1,1,1,1,0,0,0]", Total = 4, Band = "Minimal", Flags = [],
                AdministeredAt = DateTimeOffset.UtcNow.AddMinutes(-5), Source = Administrations.FromChart,
            });
            await s.Context.SaveChangesAsync();
        }
        var (_, closed, _) = await SweepAsync();
        Assert.True(closed >= 1);
        Assert.Empty(await OpenTasksAsync(p.Id));
        await using (var s = app.Db())
            Assert.Equal(CareTaskStatus.Done, (await s.Context.Tasks.AsNoTracking().SingleAsync(t => t.Id == open[0].Id)).Status);
    }
}
