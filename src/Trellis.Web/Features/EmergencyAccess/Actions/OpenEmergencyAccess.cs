using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.EmergencyAccess.Actions;

/// <summary>
/// Break the glass: open a chart outside the caller's care team for <see cref="EmergencyAccessGrant.Duration"/>,
/// with a reason, and for a 42 CFR Part 2 chart the facts §2.51 requires. Restricted charts open only to a program
/// director. The program's directors are notified at once. An active grant for the same chart is returned as it
/// is (not extended). Called by /emergency-access and POST /api/emergency-access.
/// </summary>
public static class OpenEmergencyAccess
{
    public static async Task<Result<EmergencyAccessGrant>> RunAsync(TrellisDbContext db, EmergencyAccessInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.BreakTheGlass) || db.Me.StaffId is not { } staffId)
            return Refusal.Forbidden("Emergency access is for clinicians, prescribers and program directors.");
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;

        // The one read past the scope: the chart named by both MRN and date of birth, nothing else.
        var mrn = input.Mrn!.Trim().ToUpperInvariant();
        var chart = await db.Participants.IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking()
            .FirstOrDefaultAsync(p => p.Mrn == mrn && p.DateOfBirth == input.DateOfBirth, ct);
        if (chart is null)
            return Refusal.Invalid("mrn", "No chart has this MRN with this date of birth. Check both against the person or the document in front of you.");
        if (db.Scope.Covers(chart.ProgramId))
            return Refusal.Conflict("On your care team", $"{chart.DisplayName}'s chart is in your programs: open it directly.",
                new Dictionary<string, object?> { ["participantId"] = chart.Id });

        var program = await db.PublishedPrograms.AsNoTracking().FirstAsync(p => p.Id == chart.ProgramId, ct);
        var restricted = await db.Set<ChartRestriction>().IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AnyAsync(r => r.ParticipantId == chart.Id, ct);
        if (restricted && !db.Me.IsInRole(Roles.ProgramDirector))
            return Refusal.Forbidden("This chart is restricted: only a program director can open it in an emergency. Call a program director.");

        var now = db.Now;
        var active = await EmergencyAccessGrant.ActiveFor(db, staffId, now)
            .FirstOrDefaultAsync(g => g.ParticipantId == chart.Id, ct);
        if (active is not null) return active;

        var isPart2 = program.IsPart2;
        if (isPart2 && Part2Missing(input) is { } missing) return missing;

        var me = await db.Staff.AsNoTracking().FirstAsync(s => s.Id == staffId, ct);
        var grant = new EmergencyAccessGrant
        {
            ParticipantId = chart.Id, ProgramId = chart.ProgramId, StaffMemberId = staffId, StaffName = me.DisplayName,
            Reason = input.Reason!.Trim(), GrantedAt = now, ExpiresAt = now + EmergencyAccessGrant.Duration,
            IsPart2 = isPart2, EmergencyNature = isPart2 ? input.EmergencyNature!.Trim() : null,
            RecipientAffiliation = isPart2 ? input.RecipientAffiliation!.Trim() : null, ConsentNotObtainable = isPart2 && input.ConsentNotObtainable,
        };
        db.Add(grant);
        // Same day, and in the same save: the directors learn of it whether or not anyone looks at a report.
        Notifier.Notify(db, await Notifier.ProgramDirectorsAsync(db, chart.ProgramId, ct), "emergency-access",
            $"Emergency access: {grant.StaffName} opened a chart in {program.Name}",
            $"Reason: {grant.Reason}. Access ends {ProgramClock.ShowWithTime(grant.ExpiresAt, program.TimeZoneId)}. Review it on the emergency access page.",
            "/emergency-access", chart.Id, urgent: true);
        await db.SaveChangesAsync(ct);
        return grant;
    }

    private static Refusal? Part2Missing(EmergencyAccessInput input)
    {
        var errors = new Dictionary<string, string[]>();
        const string why = "This chart is protected by 42 CFR Part 2: a medical-emergency disclosure (§2.51) must record ";
        if (string.IsNullOrWhiteSpace(input.EmergencyNature)) errors["emergencyNature"] = [why + "the nature of the emergency."];
        if (string.IsNullOrWhiteSpace(input.RecipientAffiliation)) errors["recipientAffiliation"] = [why + "the facility or service you are acting for."];
        if (!input.ConsentNotObtainable) errors["consentNotObtainable"] = ["Confirm that the participant's written consent cannot be obtained in time; if it can, ask them for it instead."];
        return errors.Count == 0 ? null : Refusal.Invalid(errors);
    }
}
