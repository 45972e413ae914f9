using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Admissions.Authorizations;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Setup;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Billing.Charges;

/// <summary>
/// Charges follow attendance and notes in the same transaction: whenever a save records attendance, moves a session,
/// signs or co-signs a note, changes an appointment, or changes what decides a hold (coverage, an authorization, a
/// Part 2 consent), the participant-days it touches are recomputed before the save is written. Scheduling
/// and notes know nothing of billing.
/// </summary>
public sealed class ChargeSaveHook : ISaveHook
{
    public async Task BeforeSaveAsync(TrellisDbContext db, CancellationToken ct)
    {
        // The save has just scanned for changes; reading the tracked entries here need not scan again.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try { await FollowAsync(db, ct); }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = detect; }
    }

    private static async Task FollowAsync(TrellisDbContext db, CancellationToken ct)
    {
        var days = new HashSet<ParticipantDay>();
        var spans = new List<(Guid Participant, DateOnly From, DateOnly? To)>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case ClinicalNote n:
                    days.Add(new(n.ParticipantId, n.ServiceDate));
                    if (entry.State == EntityState.Modified) days.Add(new(n.ParticipantId, (DateOnly)entry.OriginalValues[nameof(ClinicalNote.ServiceDate)]!));
                    break;
                case Appointment a:
                    days.Add(new(a.ParticipantId, a.LocalDate));
                    if (entry.State == EntityState.Modified) days.Add(new(a.ParticipantId, (DateOnly)entry.OriginalValues[nameof(Appointment.LocalDate)]!));
                    break;
                case PayerCoverage c: spans.Add((c.ParticipantId, Min(c.EffectiveFrom, entry, nameof(PayerCoverage.EffectiveFrom)), null)); break;
                case InsuranceAuthorization a: spans.Add((a.ParticipantId, Min(a.StartOn, entry, nameof(InsuranceAuthorization.StartOn)), null)); break;
                case DisclosureConsent c when c.Kind == ConsentKind.Part2: spans.Add((c.ParticipantId, DateOnly.MinValue, null)); break;
            }
        }
        // Attendance recorded, corrected or removed, and sessions or appointments moved: the days Scheduling says they touch.
        foreach (var (p, d) in await AttendanceTouches.DaysAsync(db, ct)) days.Add(new(p, d));
        if (days.Count == 0 && spans.Count == 0) return;
        var identity = await db.Set<BillingIdentity>().AsNoTracking().FirstOrDefaultAsync(ct);
        if (identity is null) return;

        // Coverage, authorizations and consents decide holds over a span: every charged or attended day from its start.
        foreach (var (participant, from, _) in spans)
        {
            var start = from < identity.ChargesFrom ? identity.ChargesFrom : from;
            var charged = await db.Set<Charge>().AsNoTracking().Where(c => c.ParticipantId == participant && c.ServiceDate >= start && c.Status != ChargeStatus.Void)
                .Select(c => c.ServiceDate).Distinct().ToListAsync(ct);
            var attended = await db.Attendance.AsNoTracking().Where(a => a.ParticipantId == participant && a.MinutesAttended > 0)
                .Select(a => a.GroupSession != null ? a.GroupSession.LocalDate : a.Appointment!.LocalDate).Where(d => d >= start).Distinct().ToListAsync(ct);
            foreach (var d in charged.Concat(attended)) days.Add(new(participant, d));
        }
        await ChargeEngine.RecomputeAsync(db, days, ct);
    }

    private static DateOnly Min(DateOnly current, Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry, string property) =>
        entry.State == EntityState.Modified && entry.OriginalValues[property] is DateOnly original && original < current ? original : current;
}
