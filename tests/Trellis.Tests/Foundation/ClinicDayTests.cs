using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Foundation;

/// <summary>
/// The app at 21:30 in Los Angeles (the demo clinic's time zone), when UTC has already moved on to
/// tomorrow: the hours in which a date worked out in UTC is a day ahead of the clinic's.
/// </summary>
public sealed class PacificEveningFactory : TrellisFactory
{
    public static readonly DateTimeOffset Evening = NextEvening();
    public FakeTimeProvider Clock { get; } = new(Evening);
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    private static DateTimeOffset NextEvening()
    {
        var zone = ProgramClock.Zone("America/Los_Angeles");
        var now = DateTimeOffset.UtcNow;
        var at = ProgramClock.ToInstant(ProgramClock.LocalDate(now, zone), new TimeOnly(21, 30), zone);
        return at < now ? ProgramClock.ToInstant(ProgramClock.LocalDate(now, zone).AddDays(1), new TimeOnly(21, 30), zone) : at;
    }
}

public class ClinicDayTests(PacificEveningFactory app) : IClassFixture<PacificEveningFactory>
{
    private static readonly DateOnly ClinicToday = ProgramClock.LocalDate(PacificEveningFactory.Evening, ProgramClock.Zone("America/Los_Angeles"));

    [Fact]
    public async Task The_clinic_day_is_the_organizations_local_day_not_utcs()
    {
        Assert.Equal(ClinicToday.AddDays(1), DateOnly.FromDateTime(PacificEveningFactory.Evening.UtcDateTime));
        await using var s = app.Db();
        Assert.Equal(ClinicToday, await ProgramClock.ClinicTodayAsync(s.Context));
    }

    [Fact]
    public async Task An_authorization_ending_today_in_the_clinic_still_ends_today_in_a_pacific_evening()
    {
        // A participant with no other authorization: a later one would count as its renewal.
        var p = await Clinical.Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var response = await api.PostAsJsonAsync($"/api/participants/{p.Id}/authorizations", new Dictionary<string, object?>
        {
            ["payer"] = "Cascade Health Plan", ["memberId"] = "CHP987654321", ["authorizationNumber"] = "PA-555777",
            ["levelOfCare"] = "intensive_outpatient", ["unit"] = "days", ["authorized"] = 20, ["used"] = 3,
            ["startOn"] = ClinicToday.AddDays(-29), ["endOn"] = ClinicToday, ["status"] = "approved", ["reviewer"] = "J. Reviewer",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var created = await Json.ReadAsync(response);
        var attention = (await Json.ReadAsync(await api.GetAsync("/api/authorizations/attention"))).AsArray();
        var row = attention.Single(a => (string?)a!["authorization"]!["id"] == (string?)created["id"])!;
        // Judged by UTC's date it would already read "ended".
        Assert.Contains("ends today", row["reasons"]!.AsArray().Select(r => (string?)r));
    }

    [Fact]
    public async Task A_task_due_today_in_the_clinic_is_not_overdue_in_a_pacific_evening()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var api = await app.ApiAsync(Roles.Clinician);
        var dueToday = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/tasks", new { title = "Call back about the bus pass", dueOn = ClinicToday.ToString("yyyy-MM-dd") }));
        var dueYesterday = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/tasks", new { title = "Return the housing form", dueOn = ClinicToday.AddDays(-1).ToString("yyyy-MM-dd") }));
        Assert.False((bool)dueToday["overdue"]!);
        Assert.True((bool)dueYesterday["overdue"]!);
    }

    [Fact]
    public async Task Weekly_hours_default_to_the_weeks_around_the_clinics_today()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var api = await app.ApiAsync(Roles.Clinician);
        var weeks = (await Json.ReadAsync(await api.GetAsync($"/api/participants/{p.Id}/weekly-hours"))).AsArray();
        Assert.Equal(ProgramClock.WeekStart(ClinicToday).ToString("yyyy-MM-dd"), (string?)weeks[^1]!["weekStart"]);
    }
}
