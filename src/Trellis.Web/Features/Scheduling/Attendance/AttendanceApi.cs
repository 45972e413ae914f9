using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling.Actions;

namespace Trellis.Web.Features.Scheduling;

/// <summary>GET and PUT …/attendance of a group session or an appointment: thin adapters over <see cref="TakeAttendance"/> and <see cref="RosterQueries"/>.</summary>
public static class AttendanceApi
{
    public static RouteGroupBuilder MapAttendanceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sessions/{id:guid}/attendance", GetForSession).WithTags("Sessions").RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("The session's roster with each participant's attendance. The ETag is the roster's version.");
        api.MapPut("/sessions/{id:guid}/attendance", PutForSession).WithTags("Sessions").RequireAuthorization(Permissions.TakeAttendance)
            .WithSummary("Record attendance for the roster: present, late (minutesLate), left_early (minutesLeftEarly), telehealth, absent_excused, absent_unexcused. Minutes attended are derived. All or nothing; history kept; unexcused absences raise a same-day follow-up. After the program's lock days only a program director changes it, with a reason. Requires If-Match with the roster's ETag.");
        api.MapGet("/appointments/{id:guid}/attendance", GetForAppointment).WithTags("Appointments").RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Whether the participant came. The ETag is the record's version (\"0\" before it is taken).");
        api.MapPut("/appointments/{id:guid}/attendance", PutForAppointment).WithTags("Appointments").RequireAuthorization(Permissions.TakeAttendance)
            .WithSummary("Record whether the participant came, as for a group session. Requires If-Match.");
        return api;
    }

    public static async Task<Results<Ok<RosterDto>, ProblemHttpResult>> GetForSession(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        await SessionQueries.FindAsync(db, id, ct: ct) is { } s ? Answer(await RosterQueries.ForSessionAsync(db, s, ct), http) : Refusal.NotFound("group session").ToProblem();

    public static async Task<Results<Ok<RosterDto>, ProblemHttpResult>> GetForAppointment(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        await AppointmentQueries.FindAsync(db, id, ct: ct) is { } a ? Answer(await RosterQueries.ForAppointmentAsync(db, a, ct), http) : Refusal.NotFound("appointment").ToProblem();

    public static Task<Results<Ok<AttendanceSaved>, ProblemHttpResult>> PutForSession(Guid id, AttendanceInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        PutAsync(RosterOf.Session(id), input, db, http, ct);

    public static Task<Results<Ok<AttendanceSaved>, ProblemHttpResult>> PutForAppointment(Guid id, AttendanceInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        PutAsync(RosterOf.Appointment(id), input, db, http, ct);

    private static async Task<Results<Ok<AttendanceSaved>, ProblemHttpResult>> PutAsync(RosterOf of, AttendanceInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (taken, refused) = await TakeAttendance.RunAsync(db, of, input, ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        var roster = of.SessionId is { } sid
            ? await RosterQueries.ForSessionAsync(db, (await SessionQueries.FindAsync(db, sid, ct: ct))!, ct)
            : await RosterQueries.ForAppointmentAsync(db, (await AppointmentQueries.FindAsync(db, of.AppointmentId!.Value, ct: ct))!, ct);
        ETags.Set(http, roster.Version);
        return TypedResults.Ok(new AttendanceSaved(taken!.Changed, taken.FollowUpsRaised, taken.EngagementAlertsRaised, roster));
    }

    private static Ok<RosterDto> Answer(RosterDto roster, HttpContext http)
    {
        ETags.Set(http, roster.Version);
        return TypedResults.Ok(roster);
    }
}
