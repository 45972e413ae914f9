using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>
/// Move or change one appointment, from the version the person last saw, under the same rules as
/// booking (staff of the participant's program, no clash). It stays with its participant. Called by the
/// appointment page and PUT /api/appointments/{id}.
/// </summary>
public static class ChangeAppointment
{
    public static async Task<Result<Appointment>> RunAsync(TrellisDbContext db, Guid appointmentId, AppointmentInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await AppointmentQueries.FindAsync(db, appointmentId, tracking: true, ct) is not { } a) return Refusal.NotFound("appointment");
        if (!db.Me.May(Permissions.BookAppointments)) return Refusal.Forbidden("Your role does not book appointments.");
        if (expected.Check(a.Version) is { } stale) return stale;
        if (input.ParticipantId != a.ParticipantId)
            return Refusal.Invalid("participantId", "An appointment stays with its participant; cancel it and book one for the other person.");
        if (a.Status == AppointmentStatus.Cancelled) return Refusal.Conflict("This appointment is cancelled; book a new one.");
        if ((await BookAppointment.AddAsync(db, a.Participant, input, a, ct)).Refusal is { } refused) return refused;
        if (!await Concurrency.SaveIfUnchangedAsync(db, a, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        return a;
    }
}
