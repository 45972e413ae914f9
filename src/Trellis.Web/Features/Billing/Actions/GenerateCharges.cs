using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Charges;

namespace Trellis.Web.Features.Billing.Actions;

public sealed class PeriodInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the first day.")] public DateOnly? From { get; set; }
    [Required(ErrorMessage = "Enter the last day.")] public DateOnly? To { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (From is { } f && To is { } t && t < f) yield return new("The last day is before the first.", [nameof(To)]);
        if (From is { } f2 && To is { } t2 && t2.DayNumber - f2.DayNumber > 92) yield return new("Check at most three months at a time.", [nameof(To)]);
    }
}

/// <summary>
/// Recomputes every attended or charged participant-day of a period in the caller's programs: after a fee
/// schedule, payer rule or clinician's NPI changed, which the save hook does not follow. Called by the
/// charges page and POST /api/charges/recompute.
/// </summary>
public static class GenerateCharges
{
    public static async Task<Result<ChargeEngine.Outcome>> RunAsync(TrellisDbContext db, PeriodInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators recompute charges.");
        if (Validation.Check(input) is { } invalid) return invalid;
        var (from, to) = (input.From!.Value, input.To!.Value);
        var attended = await db.Attendance.AsNoTracking().Where(a => a.MinutesAttended > 0)
            .Select(a => new { a.ParticipantId, Date = a.GroupSession != null ? a.GroupSession.LocalDate : a.Appointment!.LocalDate })
            .Where(a => a.Date >= from && a.Date <= to).Distinct().ToListAsync(ct);
        var charged = await db.Set<Charge>().AsNoTracking().Where(c => c.ServiceDate >= from && c.ServiceDate <= to && c.Status != ChargeStatus.Void)
            .Select(c => new { c.ParticipantId, Date = c.ServiceDate }).Distinct().ToListAsync(ct);
        var days = attended.Select(a => new ParticipantDay(a.ParticipantId, a.Date)).Concat(charged.Select(c => new ParticipantDay(c.ParticipantId, c.Date))).ToHashSet();
        var outcome = await ChargeEngine.RecomputeAsync(db, days, ct);
        await db.SaveChangesAsync(ct);
        return outcome;
    }
}
