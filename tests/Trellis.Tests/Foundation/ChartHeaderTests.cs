using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Foundation;

/// <summary>
/// Every chart tab shows the same header. Found by using the app: most tabs loaded the chart without its
/// track, so the header said "Track —" for someone in the Morning track.
/// </summary>
public class ChartHeaderTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Every_chart_tab_names_the_participants_track()
    {
        Participant p;
        await using (var s = app.Db())
            p = await s.Context.Participants.Include(x => x.Track).Include(x => x.Program)
                .Where(x => x.TrackId != null && x.Status == ParticipantStatus.Active && x.Program!.Name == Demo.MentalHealth).OrderBy(x => x.Mrn).FirstAsync();
        List<string> slugs;
        await using (var s = app.Db())
            slugs = s.Services.GetServices<ChartTab>().Select(t => t.Slug).Distinct().ToList();

        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var checkedTabs = 0;
        var wrong = new List<string>();
        foreach (var slug in slugs)
        {
            var (response, doc) = await pages.GetAsync(slug.Length == 0 ? $"/participants/{p.Id}" : $"/participants/{p.Id}/{slug}");
            if (response.StatusCode != HttpStatusCode.OK) continue;
            var track = doc.QuerySelectorAll("dt").FirstOrDefault(d => d.TextContent.Trim() == "Track")?.NextElementSibling?.TextContent ?? "";
            if (!track.Contains(p.Track!.Name)) wrong.Add($"/{slug} says '{track.Trim()}'");
            checkedTabs++;
        }
        Assert.True(wrong.Count == 0, $"The header should name the {p.Track!.Name} track: {string.Join(", ", wrong)}");
        Assert.True(checkedTabs >= 10, $"only {checkedTabs} tabs answered 200");
    }
}
