using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Reminders.Actions;

namespace Trellis.Web.Features.Reminders;

/// <summary>
/// Reminders (issue 11): the day before each session and appointment, after a missed session, for questionnaires due
/// and documents to sign, by email or text as the participant chooses. Sent through the outbox, once per thing.
/// </summary>
public sealed class RemindersFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.Configure<ReminderOptions>(config.GetSection("Reminders"));
        services.AddHostedService<ReminderSweepService>();
        services.AddSingleton(new NavItem("/my/reminders", "Reminders", Permissions.OwnPortal, 190, "Settings"));
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me/reminder-preferences").WithTags("Reminders").RequireAuthorization(Permissions.OwnPortal);
        group.MapGet("/", GetAsync).WithSummary("Which reminders you get (sessions, appointments, missed sessions, questionnaires, documents) and how (email or sms). ETag: the version, \"0\" for the defaults.");
        group.MapPut("/", PutAsync).WithSummary("Choose your reminders. sms needs a mobile number on file, email an address. If-Match once you have saved; 412 when stale.");
    }

    public static async Task<Results<Ok<ReminderPreferencesDto>, ProblemHttpResult>> GetAsync(TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await SetReminderPreferences.CurrentAsync(db, ct) is not { } current) return Refusal.NotFound("participant").ToProblem();
        ETags.Set(http, current.Prefs.Version);
        return TypedResults.Ok(ReminderPreferencesDto.From(current.Prefs, current.Participant));
    }

    public static async Task<Results<Ok<ReminderPreferencesDto>, ProblemHttpResult>> PutAsync(ReminderPreferencesInput? input,
        TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (_, refused) = await SetReminderPreferences.RunAsync(db, input ?? new(), ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        return await GetAsync(db, http, ct);
    }
}
