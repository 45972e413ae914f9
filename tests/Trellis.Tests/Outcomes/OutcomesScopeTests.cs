using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Clinical;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;

namespace Trellis.Tests.Outcomes;

/// <summary>A director of one program: the dashboard's tables and totals count that program only, on both databases.</summary>
public class OutcomesScopeTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task A_one_program_directors_reports_leave_out_the_other_program()
    {
        var mh = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        // The demo director works in both programs; here, before signing in, only in Adult Mental Health.
        var director = await Clinic.StaffAsync(app, "programdirector");
        await using (var s = app.Db())
        {
            var other = await s.Context.Set<Trellis.Web.Features.Staff.StaffProgramAssignment>().Where(a => a.StaffMemberId == director.Id && a.ProgramId != mh).ToListAsync();
            Assert.NotEmpty(other);
            s.Context.RemoveRange(other);
            await s.Context.SaveChangesAsync();
        }
        var mine = await app.ApiAsync(Roles.ProgramDirector);
        var admin = await app.ApiAsync(Roles.Administrator);
        DateOnly today;
        await using (var s = app.Db()) today = await Trellis.Web.Infrastructure.ProgramClock.ClinicTodayAsync(s.Context);
        var period = $"from={today.AddDays(-364):yyyy-MM-dd}&to={today:yyyy-MM-dd}";

        // Inquiries not yet placed in a program are seen by the intake of every program (AdmissionScope), so the director's
        // "all my programs" conversion also counts those; everything else is Adult Mental Health's alone.
        int unplaced;
        await using (var s = app.Db())
        {
            var (from, to) = (new DateTimeOffset(today.AddDays(-364).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
            unplaced = await s.Context.Set<Trellis.Web.Features.Admissions.AdmissionCase>().IgnoreQueryFilters().CountAsync(c => c.ProgramId == null && c.ReceivedAt >= from && c.ReceivedAt < to);
        }
        foreach (var key in new[] { "census", "discharges-by-reason", "outcomes-by-program", "follow-ups", "figures" })
        {
            var directorsAll = (await Json.ReadAsync(await mine.GetAsync($"/api/reports/{key}?{period}")))["rows"]!.AsArray();
            var answer = await admin.GetAsync($"/api/reports/{key}?{period}&programId={mh}");
            Assert.True(answer.IsSuccessStatusCode, $"{key}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            var adminsMh = (await Json.ReadAsync(answer))["rows"]!.AsArray();
            Assert.Equal(adminsMh.Count, directorsAll.Count);
            for (var i = 0; i < adminsMh.Count; i++)
            {
                if ((string?)adminsMh[i]!["group"] == "Inquiries admitted" && adminsMh[i]!["denominator count"]!.ToString() is var denominator && int.TryParse(denominator, out var placed))
                {
                    Assert.Equal((placed + unplaced).ToString(), directorsAll[i]!["denominator count"]!.ToString());
                    Assert.Equal(adminsMh[i]!["numerator count"]!.ToString(), directorsAll[i]!["numerator count"]!.ToString()); // an admitted inquiry has its program
                    continue;
                }
                Assert.True(adminsMh[i]!.ToJsonString() == directorsAll[i]!.ToJsonString(), $"{key}: the director's {directorsAll[i]!.ToJsonString()} differs from Adult Mental Health alone {adminsMh[i]!.ToJsonString()}");
            }
        }
        var byProgram = (await Json.ReadAsync(await mine.GetAsync($"/api/reports/outcomes-by-program?{period}")))["rows"]!.AsArray();
        Assert.NotEmpty(byProgram);
        Assert.All(byProgram, r => Assert.StartsWith(Demo.MentalHealth, (string?)r!["group"]));
        var adminsAll = (await Json.ReadAsync(await admin.GetAsync($"/api/reports/outcomes-by-program?{period}")))["rows"]!.AsArray();
        Assert.Contains(adminsAll, r => ((string?)r!["group"])!.StartsWith(Demo.SubstanceUse, StringComparison.Ordinal));

        // The other program's id is out of scope: the same as no such program (an empty report), never its numbers.
        var su = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        var response = await mine.GetAsync($"/api/reports/outcomes-by-program?{period}&programId={su}");
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
            Assert.Empty((await Json.ReadAsync(response))["rows"]!.AsArray());
    }
}
