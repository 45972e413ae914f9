using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Foundation;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Plans;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Clinical;

/// <summary>A printout is dated with the program's day, not UTC's: at 21:30 in Los Angeles UTC is already tomorrow.</summary>
public class PrintDayTests(PacificEveningFactory app) : IClassFixture<PacificEveningFactory>
{
    [Fact]
    public async Task A_printed_plan_carries_the_programs_day()
    {
        var clinicToday = ProgramClock.LocalDate(PacificEveningFactory.Evening, ProgramClock.Zone("America/Los_Angeles"));
        Guid id;
        await using (var s = app.Db())
            id = await s.Context.Set<SafetyPlan>().Where(p => p.IsComplete && p.Participant!.Program!.TimeZoneId == "America/Los_Angeles").Select(p => p.ParticipantId).FirstAsync();
        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (response, doc) = await pages.GetAsync($"/participants/{id}/safety-plan/print");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var printed = doc.QuerySelectorAll(".print-header dt").Single(dt => dt.TextContent == "Printed").NextElementSibling!.TextContent;
        Assert.Equal(clinicToday.ToString("MMM d, yyyy"), printed);
        Assert.NotEqual(DateOnly.FromDateTime(PacificEveningFactory.Evening.UtcDateTime).ToString("MMM d, yyyy"), printed);
    }
}
