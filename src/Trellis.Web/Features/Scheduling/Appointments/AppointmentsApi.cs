using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling.Actions;

namespace Trellis.Web.Features.Scheduling;

/// <summary>/api/appointments: thin adapters over the actions (which the pages call too) and the shared reads. Attendance is in <see cref="AttendanceApi"/>.</summary>
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
            .WithSummary("Book an appointment, once or weekly for up to 26 weeks (weeks), with an active staff member assigned to the participant's program. Times are wall-clock in the program's time zone. Any clash of the staff member, room or participant answers 409 naming each clashing event, and nothing is booked.");
        g.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.BookAppointments)
            .WithSummary("Move or change one appointment. Requires If-Match; clashes answer 409.");
        g.MapPost("/{id:guid}/cancel", Cancel).RequireAuthorization(Permissions.BookAppointments)
            .WithSummary("Cancel one appointment with a reason. Requires If-Match.");
        return api;
    }

    public static async Task<Results<Ok<List<AppointmentDto>>, ProblemHttpResult>> List(TrellisDbContext db, DateOnly? from, DateOnly? to,
        Guid? participantId, Guid? staffId, CancellationToken ct)
    {
        var (range, refused) = await DateRange.ReadAsync(db, from, to, 7, ct);
        if (refused is not null) return refused.ToProblem();
        var q = AppointmentQueries.Query(db).AsNoTracking().Where(a => a.LocalDate >= range.From && a.LocalDate <= range.To);
        if (participantId is { } p) q = q.Where(a => a.ParticipantId == p);
        if (staffId is { } s) q = q.Where(a => a.StaffMemberId == s);
        var list = await q.OrderBy(a => a.StartsAt).ToListAsync(ct);
        await db.AuditReadAsync(nameof(Appointment), list.Select(a => ((object)a.Id, (Guid?)a.ParticipantId)), "appointment list", ct);
        return TypedResults.Ok(list.Select(AppointmentDto.From).ToList());
    }

    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await AppointmentQueries.FindAsync(db, id, ct: ct) is not { } a) return Refusal.NotFound("appointment").ToProblem();
        await db.AuditReadAsync(nameof(Appointment), a.Id, a.ParticipantId, ct);
        return Answer(a, http);
    }

    public static async Task<Results<Created<List<AppointmentDto>>, ProblemHttpResult>> Create(AppointmentInput input, TrellisDbContext db, CancellationToken ct)
    {
        var (booked, refused) = await BookAppointment.RunAsync(db, input, ct);
        if (refused is not null) return refused.ToProblem();
        var ids = booked!.Select(b => b.Id).ToList();
        var saved = await AppointmentQueries.Query(db).AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.StartsAt).ToListAsync(ct);
        return TypedResults.Created($"/api/appointments/{ids[0]}", saved.Select(AppointmentDto.From).ToList());
    }

    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> Update(Guid id, AppointmentInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (a, refused) = await ChangeAppointment.RunAsync(db, id, input, ETags.From(http), ct);
        return refused is not null ? refused.ToProblem() : Answer(a!, http);
    }

    public static async Task<Results<Ok<AppointmentDto>, ProblemHttpResult>> Cancel(Guid id, CancelInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (a, refused) = await CancelAppointment.RunAsync(db, id, input, ETags.From(http), ct);
        return refused is not null ? refused.ToProblem() : Answer(a!, http);
    }

    private static Ok<AppointmentDto> Answer(Appointment a, HttpContext http)
    {
        ETags.Set(http, a.Version);
        return TypedResults.Ok(AppointmentDto.From(a));
    }
}
