using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Web.Features.Billing.Charges;

/// <summary>
/// Makes a participant-day's charges agree with its attendance and documentation: what is still the same
/// keeps its charge (its holds brought up to date); what changed voids the old charge and adds its
/// replacement; a charge already on a sent claim marks that claim for a replacement. Called by the save
/// hook (in the same transaction as the change) and for a whole period by <see cref="Actions.GenerateCharges"/>.
/// </summary>
public static class ChargeEngine
{
    public sealed record Outcome(int Created, int Voided, int Updated);

    public static async Task<Outcome> RecomputeAsync(TrellisDbContext db, IReadOnlyCollection<ParticipantDay> days, CancellationToken ct = default)
    {
        if (days.Count == 0) return new(0, 0, 0);
        var identity = await db.Set<BillingIdentity>().AsNoTracking().FirstOrDefaultAsync(ct);
        if (identity is null) return new(0, 0, 0); // billing is not set up: nothing is charged
        var facts = await ChargeFacts.LoadAsync(db, identity, days, ct);
        if (facts.Count == 0) return new(0, 0, 0);
        var ids = facts.Select(f => f.ParticipantId).Distinct().ToList();
        var from = facts.Min(f => f.Date);
        var to = facts.Max(f => f.Date);
        var existing = (await db.Set<Charge>().Include(c => c.Lines)
                .Where(c => ids.Contains(c.ParticipantId) && c.ServiceDate >= from && c.ServiceDate <= to && c.Status != ChargeStatus.Void).ToListAsync(ct))
            .ToLookup(c => (c.ParticipantId, c.ServiceDate));
        int created = 0, voided = 0, updated = 0;
        var claimsToCorrect = new HashSet<Guid>();
        foreach (var day in facts)
        {
            var current = existing[(day.ParticipantId, day.Date)].ToList();
            foreach (var want in ChargeRules.Build(day))
            {
                var same = current.FirstOrDefault(c => c.Key == want.Key);
                if (same is not null) current.Remove(same);
                if (same is not null && SameContent(same, want))
                {
                    if (Refresh(same, want)) updated++;
                    continue;
                }
                if (same is not null && Void(same, "Replaced: the attendance or documentation behind it changed.", db.Now, claimsToCorrect)) voided++;
                db.Set<Charge>().Add(New(day, want, same?.Id));
                created++;
            }
            foreach (var gone in current)
                if (Void(gone, "Voided: the attendance behind it no longer supports it.", db.Now, claimsToCorrect)) voided++;
        }
        if (claimsToCorrect.Count > 0)
            foreach (var claim in await db.Set<Claim>().Where(c => claimsToCorrect.Contains(c.Id)).ToListAsync(ct))
                claim.CorrectionNeeded = true;
        return new(created, voided, updated);
    }

    private static Charge New(DayFacts day, DesiredCharge want, Guid? replaces)
    {
        var charge = new Charge
        {
            ParticipantId = day.ParticipantId, ProgramId = day.ProgramId, ServiceDate = day.Date, Key = want.Key, Kind = want.Kind, PayerId = want.PayerId,
            CoverageId = want.CoverageId, FeeScheduleId = want.ScheduleId, AuthorizationId = want.AuthorizationId, AuthorizationNumber = want.AuthorizationNumber,
            Amount = want.Amount, Expected = want.Expected, QualifyingServices = want.Qualifying, Holds = [.. want.Holds], ReplacesChargeId = replaces,
            Sources = want.Sources.Select(Source).ToList(),
        };
        charge.Lines = want.Lines.Select((l, i) => new ChargeLine
        {
            ChargeId = charge.Id, Number = i + 1, Code = l.Code, Modifier = l.Modifier, RevenueCode = l.RevenueCode, Units = l.Units, Amount = l.Amount,
            PlaceOfService = l.PlaceOfService, ServiceType = l.Source?.Type, Minutes = l.Source?.Minutes ?? 0, AttendanceRecordId = l.Source?.AttendanceId,
            GroupSessionId = l.Source?.SessionId, AppointmentId = l.Source?.AppointmentId, NoteId = l.Source?.NoteId, RenderingStaffId = l.Source?.RenderingStaffId,
            Description = l.Description,
        }).ToList();
        charge.Status = charge.Blocked ? ChargeStatus.Held : ChargeStatus.Ready;
        return charge;
    }

    private static ChargeSource Source(ServiceFact s) => new(s.AttendanceId, s.SessionId, s.AppointmentId, s.NoteId, s.RenderingStaffId, s.Type, s.Minutes, s.Video, s.Title);

    /// <summary>The same billable content: what a payer would be asked for has not changed.</summary>
    private static bool SameContent(Charge c, DesiredCharge w) =>
        c.Kind == w.Kind && c.PayerId == w.PayerId && c.CoverageId == w.CoverageId && c.Amount == w.Amount && c.Expected == w.Expected
        && c.AuthorizationId == w.AuthorizationId && c.Lines.Count == w.Lines.Count && c.Sources.SequenceEqual(w.Sources.Select(Source))
        && c.Lines.OrderBy(l => l.Number).Zip(w.Lines).All(p => p.First.Code == p.Second.Code && p.First.Modifier == p.Second.Modifier
            && p.First.RevenueCode == p.Second.RevenueCode && p.First.Units == p.Second.Units && p.First.Amount == p.Second.Amount
            && p.First.PlaceOfService == p.Second.PlaceOfService && p.First.AttendanceRecordId == p.Second.Source?.AttendanceId
            && p.First.NoteId == p.Second.Source?.NoteId && p.First.RenderingStaffId == p.Second.Source?.RenderingStaffId);

    /// <summary>Brings the holds up to date (a note signed, a consent recorded); true when something changed.</summary>
    private static bool Refresh(Charge c, DesiredCharge w)
    {
        if (c.Status == ChargeStatus.Billed) return false;
        var changed = !c.Holds.SequenceEqual(w.Holds);
        if (changed) c.Holds = [.. w.Holds];
        var status = c.Blocked ? ChargeStatus.Held : ChargeStatus.Ready;
        changed |= status != c.Status;
        c.Status = status;
        return changed;
    }

    private static bool Void(Charge c, string reason, DateTimeOffset now, HashSet<Guid> claimsToCorrect)
    {
        if (c.Status == ChargeStatus.Billed && c.ClaimId is { } claim) claimsToCorrect.Add(claim);
        c.Status = ChargeStatus.Void;
        c.VoidedAt = now;
        c.VoidReason = reason;
        return true;
    }
}
