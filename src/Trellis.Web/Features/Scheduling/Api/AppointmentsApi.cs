using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Scheduling;

/// <summary>/api/appointments: individual, medication-management, case-management and family appointments, and their attendance.</summary>
public static class AppointmentsApi
{
    public static RouteGroupBuilder MapAppointmentsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/appointments").WithTags("Appointments");
        g.MapGet("/", List).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Appointments of participants in your care team between two days (at most 92), by participant or staff member.");
        g.MapGet("/{id:guid}", Get).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("One appointment. The ETag is the version to send as If-Match.");
        g.MapPost("/", Create).RequireAuthorization(Permissions.BookAppointments)
            .WithSummary("Book an appointment, once or weekly for up to 26 weeks (weeks). Times are wall-clock in the program's time zone. Any clash of the staff member, room or participant answers 409 naming each clashing event, and nothing is booked.");
        g.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.BookAppointments)
            .WithSummary("Move or change one appointment. Requires If-Match; clashes answer 409.");
        g.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(Permissions.BookAppointments)
            .WithSummary("Cancel one appointment with a reason. Requires If-Match.");
        g.MapGet("/{id:guid}/attendance", GetAttendance).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Whether the participant came. The ETag is the record's version (\"0\" before it is taken).");
        g.MapPut("/{id:guid}/attendance", PutAttendance).RequireAuthorization(Permissions.TakeAttendance)
            .WithSummary("Record whether the participant came, as for a group session. Requires If-Match.");
        return api;
    }

    private static IQueryable<Appointment> Query(TrellisDbContext db) =>
        db.Appointments.Include(a => a.Participant).ThenInclude(p => p!.Program).Include(a => a.StaffMember).Include(a => a.Room);

    public static async Task<Results<Ok<List<AppointmentDto>>, ValidationProblem>> List(TrellisDbContext db, DateOnly? from, DateOnly? to,
        Guid? participantId, Guid? staffId, CancellationToken ct)
    {
        var (start, end, problem) = await ScheduleApi.RangeAsync(db, from, to, 7, ct);
        if (problem is not null) return problem;
        var q = Query(db).AsNoTracking().Where(a => a.LocalDate >= start && a.LocalDate <= end);
        if (participantId is { } p) q = q.Where(a => a.ParticipantId == p);
        if (staffId is { } s) q = q.Where(a => a.StaffMemberId == s);
        var list = await q.OrderBy(a => a.StartsAt).ToListAsync(ct);
        await db.AuditReadAsync(nameof(Appointment), list.Select(a => ((object)a.Id, (Guid?)a.ParticipantId)), "appointment list", ct);
        return TypedResults.Ok(list.Select(AppointmentDto.From).ToList());
    }

    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var a = await Query(db).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Problems.NotFound("appointment");
        await db.AuditReadAsync(nameof(Appointment), a.Id, a.ParticipantId, ct);
        ETags.Set(http, a.Version);
        return TypedResults.Ok(AppointmentDto.From(a));
    }

    public static async Task<Results<Created<List<AppointmentDto>>, ProblemHttpResult, ValidationProblem>> Create(AppointmentInput input, TrellisDbContext db, CancellationToken ct)
    {
        if (input.ParticipantId is { } pid && !await db.Participants.AnyAsync(p => p.Id == pid, ct)) return Problems.NotFound("participant");
        var outcome = await BookAppointment.BookAsync(db, input, ct: ct);
        if (outcome.Errors.Count > 0) return Problems.Invalid(Camel(outcome.Errors));
        if (outcome.Conflicts.Count > 0) return SessionsApi.ConflictProblem(outcome.Conflicts);
        await db.SaveChangesAsync(ct);
        var ids = outcome.Booked.Select(b => b.Id).ToList();
        var saved = await Query(db).AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.StartsAt).ToListAsync(ct);
        return TypedResults.Created($"/api/appointments/{ids[0]}", saved.Select(AppointmentDto.From).ToList());
    }

    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult, ValidationProblem>> Update(Guid id, AppointmentInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var a = await Query(db).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Problems.NotFound("appointment");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (a.Version != version) return Problems.Stale(a.Version);
        if (input.ParticipantId != a.ParticipantId) return Problems.Invalid("participantId", "An appointment stays with its participant; cancel it and book one for the other person.");
        if (a.Status == AppointmentStatus.Cancelled) return Problems.Conflict("This appointment is cancelled; book a new one.");
        var outcome = await BookAppointment.BookAsync(db, input, a, ct);
        if (outcome.Errors.Count > 0) return Problems.Invalid(Camel(outcome.Errors));
        if (outcome.Conflicts.Count > 0) return SessionsApi.ConflictProblem(outcome.Conflicts);
        db.Entry(a).Property(x => x.Version).OriginalValue = version;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Stale(version + 1); }
        ETags.Set(http, a.Version);
        return TypedResults.Ok(AppointmentDto.From(a));
    }

    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult, ValidationProblem>> Cancel(Guid id, CancelBody body, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var a = await Query(db).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Problems.NotFound("appointment");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (a.Version != version) return Problems.Stale(a.Version);
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 500) return Problems.Invalid("reason", "Say why it is cancelled (at most 500 characters).");
        if (a.Status == AppointmentStatus.Cancelled) return Problems.Conflict("This appointment is already cancelled.");
        if (await db.Attendance.AnyAsync(r => r.AppointmentId == id, ct)) return Problems.Conflict("Attendance was already recorded, so it took place and cannot be cancelled.");
        a.Status = AppointmentStatus.Cancelled;
        a.CancellationReason = body.Reason.Trim();
        await db.SaveChangesAsync(ct);
        ETags.Set(http, a.Version);
        return TypedResults.Ok(AppointmentDto.From(a));
    }

    public static async Task<Results<Ok<RosterDto>, ProblemHttpResult>> GetAttendance(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var a = await Query(db).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Problems.NotFound("appointment");
        var roster = await RosterView.ForAppointmentAsync(db, a, ct);
        ETags.Set(http, roster.Version);
        return TypedResults.Ok(roster);
    }

    public static async Task<Results<Ok<AttendanceSaved>, ProblemHttpResult, ValidationProblem>> PutAttendance(Guid id, AttendanceBody body,
        TrellisDbContext db, HttpContext http, ClaimsPrincipal user, CancellationToken ct)
    {
        var a = await Query(db).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return Problems.NotFound("appointment");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        var (entries, errors) = RosterView.Entries(body.Records);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var e = AttendanceEvent.For(a, a.Participant!.ProgramId);
        var result = await TakeAttendance.SaveAsync(db, e, entries, version, TakeAttendance.IsProgramDirector(user), body.Reason, ct);
        if (result.Stale) return Problems.Stale(await TakeAttendance.RosterVersionAsync(db, e, ct));
        if (!result.Ok) return Problems.Invalid(result.Errors);
        var roster = await RosterView.ForAppointmentAsync(db, a, ct);
        ETags.Set(http, roster.Version);
        return TypedResults.Ok(new AttendanceSaved(result.Changed, result.FollowUpsRaised, result.AlertsRaised, roster));
    }

    /// <summary>Field names as the JSON body spells them.</summary>
    public static Dictionary<string, string[]> Camel(Dictionary<string, string[]> errors) =>
        errors.ToDictionary(e => char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => e.Value);
}
