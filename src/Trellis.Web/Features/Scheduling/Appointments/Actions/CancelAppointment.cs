using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>
/// Cancel one appointment with a reason. One whose attendance was recorded took place and stays.
/// Called by the appointment page and POST /api/appointments/{id}/cancel.
/// </summary>
public static class CancelAppointment
{
    public static async Task<Result<Appointment>> RunAsync(TrellisDbContext db, Guid appointmentId, CancelInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await AppointmentQueries.FindAsync(db, appointmentId, tracking: true, ct) is not { } a) return Refusal.NotFound("appointment");
        if (!db.Me.May(Permissions.BookAppointments)) return Refusal.Forbidden("Your role does not book or cancel appointments.");
        if (expected.Check(a.Version) is { } stale) return stale;
        if (Validation.Check(input) is { } invalid) return invalid;
        if (a.Status == AppointmentStatus.Cancelled) return Refusal.Conflict("This appointment is already cancelled.");
        if (await db.Attendance.AnyAsync(r => r.AppointmentId == appointmentId, ct))
            return Refusal.Conflict("Attendance was already recorded, so it took place and cannot be cancelled.");
        a.Status = AppointmentStatus.Cancelled;
        a.CancellationReason = input.Reason!.Trim();
        await db.SaveChangesAsync(ct);
        return a;
    }
}
