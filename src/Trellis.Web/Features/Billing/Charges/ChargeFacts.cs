using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Admissions.Authorizations;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.FeeSchedules;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Setup;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Billing.Charges;

public readonly record struct ParticipantDay(Guid ParticipantId, DateOnly Date);

/// <summary>
/// Gathers, in a few queries for any number of participant-days, what <see cref="ChargeRules"/> decides
/// from: attended sessions and appointments, their notes and clinicians, coverage, fee schedules,
/// authorizations with their use, and Part 2 consents. Reads through the caller's scope, as this save
/// will leave the rows (<see cref="Tracked"/>).
/// </summary>
public static class ChargeFacts
{
    public static async Task<List<DayFacts>> LoadAsync(TrellisDbContext db, BillingIdentity identity, IReadOnlyCollection<ParticipantDay> days, CancellationToken ct)
    {
        days = days.Where(d => d.Date >= identity.ChargesFrom).Distinct().ToList();
        if (days.Count == 0) return [];
        var ids = days.Select(d => d.ParticipantId).Distinct().ToList();
        var from = days.Min(d => d.Date);
        var to = days.Max(d => d.Date);

        var people = await db.Participants.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.ProgramId, p.Program!.IsPart2 }).ToDictionaryAsync(p => p.Id, ct);
        var coverages = await Tracked.ListAsync(db, db.Set<PayerCoverage>().Where(c => ids.Contains(c.ParticipantId)), c => ids.Contains(c.ParticipantId), ct);
        var payers = await db.Set<Payer>().AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var programs = people.Values.Select(p => p.ProgramId).Distinct().ToList();
        var schedules = await db.Set<FeeSchedule>().AsNoTracking().Include(s => s.Lines).Where(s => programs.Contains(s.ProgramId)).ToListAsync(ct);
        var settings = await db.Set<ScheduleSettings>().AsNoTracking().Where(s => programs.Contains(s.ProgramId)).ToDictionaryAsync(s => s.ProgramId, ct);
        var auths = await Tracked.ListAsync(db, db.Set<InsuranceAuthorization>().Where(a => ids.Contains(a.ParticipantId) && a.Status == AuthorizationStatus.Approved),
            a => ids.Contains(a.ParticipantId) && a.Status == AuthorizationStatus.Approved, ct);
        var consents = await Tracked.ListAsync(db, db.Set<DisclosureConsent>().Where(c => ids.Contains(c.ParticipantId) && c.Kind == ConsentKind.Part2),
            c => ids.Contains(c.ParticipantId) && c.Kind == ConsentKind.Part2, ct);

        // Attendance from the earliest authorization start, so each day knows how much was used before it.
        var useFrom = auths.Count == 0 ? from : DateOnlyMin(from, auths.Min(a => a.StartOn));
        var attended = await AttendedAsync(db, ids, useFrom, to, ct);
        var staffIds = attended.Select(a => a.StaffId).Where(s => s is not null).Select(s => s!.Value).Distinct().ToList();
        var staff = await db.Staff.AsNoTracking().Where(s => staffIds.Contains(s.Id))
            .Select(s => new { s.Id, s.FirstName, s.LastName, s.CredentialType, s.LicenseExpiresOn }).ToDictionaryAsync(s => s.Id, ct);
        var npis = (await db.Set<RenderingProvider>().AsNoTracking().Where(r => staffIds.Contains(r.StaffMemberId)).Select(r => r.StaffMemberId).ToListAsync(ct)).ToHashSet();
        var byDay = attended.Where(a => a.Date >= from).ToLookup(a => (a.ParticipantId, a.Date));
        var useDays = attended.GroupBy(a => a.ParticipantId).ToDictionary(g => g.Key, g => g.Select(a => a.Date).ToList());

        var result = new List<DayFacts>(days.Count);
        foreach (var day in days)
        {
            if (!people.TryGetValue(day.ParticipantId, out var person)) continue;
            var services = byDay[(day.ParticipantId, day.Date)].Select(a =>
            {
                var s = a.StaffId is { } sid && staff.TryGetValue(sid, out var st) ? st : null;
                return new ServiceFact(a.AttendanceId, a.SessionId, a.AppointmentId, a.Type, a.Title, a.Minutes, a.Video, a.StaffId,
                    s is null ? null : $"{s.FirstName} {s.LastName}{(string.IsNullOrEmpty(s.CredentialType) ? "" : ", " + s.CredentialType)}",
                    s?.LicenseExpiresOn, a.StaffId is { } id && npis.Contains(id), a.NoteId, a.Note);
            }).ToList();
            var mine = coverages.Where(c => c.ParticipantId == day.ParticipantId && c.IsActiveOn(day.Date)).ToList();
            var coverage = mine.Where(c => c.Rank == CoverageRank.Primary).OrderByDescending(c => c.EffectiveFrom).FirstOrDefault()
                ?? mine.Where(c => c.Rank == CoverageRank.SelfPay).OrderByDescending(c => c.EffectiveFrom).FirstOrDefault();
            var payer = coverage is not null && payers.TryGetValue(coverage.PayerId, out var p) ? p : null;
            var schedule = payer is null ? null : schedules.Where(s => s.ProgramId == person.ProgramId && s.PayerId == payer.Id && s.IsActiveOn(day.Date))
                .OrderByDescending(s => s.EffectiveFrom).FirstOrDefault();
            var counted = settings.TryGetValue(person.ProgramId, out var set) ? set.Counted : ScheduleSettings.Defaults(person.ProgramId).Counted;
            var auth = payer is null || !payer.RequiresAuthorization ? new AuthFact(AuthState.NotNeeded)
                : Authorization(auths.Where(a => a.ParticipantId == day.ParticipantId), payer, coverage!, day.Date, useDays.GetValueOrDefault(day.ParticipantId) ?? [], services.Count);
            var consent = payer is not null && consents.Any(c => c.ParticipantId == day.ParticipantId && Part2Allows(c, payer, day.Date));
            result.Add(new DayFacts(day.ParticipantId, person.ProgramId, day.Date, person.IsPart2, services, counted, coverage?.Id, payer, schedule, auth, consent, identity));
        }
        return result;
    }

    /// <summary>
    /// The authorization that covers the day for this payer (named alike, or with the coverage's member id),
    /// and whether the day is within what it allows: days count each date attended from its start, units
    /// each service, plus what was entered by hand for use outside Trellis.
    /// </summary>
    public static AuthFact Authorization(IEnumerable<InsuranceAuthorization> auths, Payer payer, PayerCoverage coverage, DateOnly day, List<DateOnly> attendedDates, int servicesToday)
    {
        var match = auths.Where(a => a.StartOn <= day && a.EndOn >= day && ForPayer(a, payer, coverage)).OrderBy(a => a.StartOn).FirstOrDefault();
        if (match is null) return new AuthFact(AuthState.None);
        var before = attendedDates.Where(d => d >= match.StartOn && d < day).ToList();
        var used = match.Unit == AuthorizationUnit.Days ? before.Distinct().Count() + 1 : before.Count + servicesToday;
        var total = match.Used + used;
        if (total <= match.Authorized) return new AuthFact(AuthState.Covered, match.Id, match.AuthorizationNumber);
        var unit = match.Unit == AuthorizationUnit.Days ? "days" : "units";
        return new AuthFact(AuthState.UsedUp, match.Id, match.AuthorizationNumber,
            $"Authorization {match.AuthorizationNumber} allows {match.Authorized} {unit}; with {day:MMM d, yyyy} {total} are used.");
    }

    public static bool ForPayer(InsuranceAuthorization a, Payer payer, PayerCoverage coverage) =>
        a.Payer.Contains(payer.Name, StringComparison.OrdinalIgnoreCase) || payer.Name.Contains(a.Payer, StringComparison.OrdinalIgnoreCase)
        || (coverage.MemberId is { } m && string.Equals(a.MemberId, m, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A Part 2 consent allows disclosure to this payer for payment when it is in force on the day, its
    /// purpose includes payment, and it names the payer or designates the participant's own plan in general
    /// ("my health plan", "my insurer"). A consent naming one plan never covers another (42 CFR 2.31(a)(4)).
    /// </summary>
    public static bool Part2Allows(DisclosureConsent c, Payer payer, DateOnly day) =>
        c.Kind == ConsentKind.Part2 && c.IsActiveOn(day) && c.Purpose.Contains("payment", StringComparison.OrdinalIgnoreCase)
        && (c.Recipient.Contains(payer.Name, StringComparison.OrdinalIgnoreCase) || NamesOwnPlan(c.Recipient.Trim()));

    private static bool NamesOwnPlan(string recipient) =>
        recipient.StartsWith("my ", StringComparison.OrdinalIgnoreCase)
        && (recipient.Contains("plan", StringComparison.OrdinalIgnoreCase) || recipient.Contains("insur", StringComparison.OrdinalIgnoreCase) || recipient.Contains("payer", StringComparison.OrdinalIgnoreCase));

    private sealed record Attended(Guid AttendanceId, Guid ParticipantId, DateOnly Date, Guid? SessionId, Guid? AppointmentId, ServiceType Type, string Title,
        int Minutes, bool Video, Guid? StaffId, Guid? NoteId, NoteState Note);

    /// <summary>Attended sessions and appointments in the dates, with their notes and the clinician who rendered each.</summary>
    private static async Task<List<Attended>> AttendedAsync(TrellisDbContext db, List<Guid> ids, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var sessions = await Tracked.ListAsync(db, db.GroupSessions.Where(s => s.LocalDate >= from && s.LocalDate <= to && s.Status == SessionStatus.Scheduled
                && db.Attendance.Any(a => a.GroupSessionId == s.Id && ids.Contains(a.ParticipantId))),
            s => s.LocalDate >= from && s.LocalDate <= to && s.Status == SessionStatus.Scheduled, ct);
        var appointments = await Tracked.ListAsync(db, db.Appointments.Where(a => ids.Contains(a.ParticipantId) && a.LocalDate >= from && a.LocalDate <= to && a.Status == AppointmentStatus.Scheduled),
            a => ids.Contains(a.ParticipantId) && a.LocalDate >= from && a.LocalDate <= to && a.Status == AppointmentStatus.Scheduled, ct);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var appointmentIds = appointments.Select(a => a.Id).ToList();
        var records = await Tracked.ListAsync(db, db.Attendance.Where(a => ids.Contains(a.ParticipantId)
                && ((a.GroupSessionId != null && sessionIds.Contains(a.GroupSessionId.Value)) || (a.AppointmentId != null && appointmentIds.Contains(a.AppointmentId.Value)))),
            a => ids.Contains(a.ParticipantId), ct);
        records = records.Where(r => r.MinutesAttended > 0 && AttendanceRecord.IsAttended(r.Status)).ToList();

        var facilitators = await db.Set<SessionFacilitator>().AsNoTracking().Where(f => sessionIds.Contains(f.GroupSessionId)).ToListAsync(ct);
        var groupNotes = await Tracked.ListAsync(db, db.Set<GroupNote>().Where(g => sessionIds.Contains(g.GroupSessionId)), g => sessionIds.Contains(g.GroupSessionId), ct);
        var notes = await Tracked.ListAsync(db, db.Set<ClinicalNote>().Where(n => ids.Contains(n.ParticipantId) && n.ServiceDate >= from && n.ServiceDate <= to),
            n => ids.Contains(n.ParticipantId) && !n.IsDeleted, ct);
        var partsByGroup = notes.Where(n => n.GroupNoteId is not null).ToLookup(n => (n.GroupNoteId!.Value, n.ParticipantId));
        var groupBySession = groupNotes.ToDictionary(g => g.GroupSessionId);
        var individual = notes.Where(n => n.GroupNoteId is null).ToList();
        var sessionById = sessions.ToDictionary(s => s.Id);
        var appointmentById = appointments.ToDictionary(a => a.Id);

        var list = new List<Attended>(records.Count);
        foreach (var r in records)
        {
            // The attendance's own modality (Scheduling's Modalities), recorded when it was taken: the one source of "by video".
            var video = r.Modality == Modality.Video;
            if (r.GroupSessionId is { } sid && sessionById.TryGetValue(sid, out var s))
            {
                var group = groupBySession.GetValueOrDefault(s.Id);
                var part = group is null ? null : partsByGroup[(group.Id, r.ParticipantId)].FirstOrDefault();
                var rendering = group?.AuthorStaffId ?? facilitators.Where(f => f.GroupSessionId == s.Id).Select(f => (Guid?)f.StaffMemberId).FirstOrDefault();
                list.Add(new(r.Id, r.ParticipantId, s.LocalDate, s.Id, null, s.ServiceType, s.Title, r.MinutesAttended, video, rendering, part?.Id, State(part)));
            }
            else if (r.AppointmentId is { } aid && appointmentById.TryGetValue(aid, out var a))
            {
                var kind = NoteKinds.Documenting(a.ServiceType);
                var note = individual.FirstOrDefault(n => n.AppointmentId == a.Id)
                    ?? individual.FirstOrDefault(n => n.AppointmentId is null && n.ParticipantId == r.ParticipantId && n.ServiceDate == a.LocalDate && n.Kind == kind && n.AuthorStaffId == a.StaffMemberId);
                list.Add(new(r.Id, r.ParticipantId, a.LocalDate, null, a.Id, a.ServiceType, Conflicts.Describe(a.ServiceType), r.MinutesAttended, video, a.StaffMemberId, note?.Id, State(note)));
            }
        }
        return list;
    }

    private static NoteState State(ClinicalNote? note) => note?.Status switch
    {
        null => NoteState.None,
        NoteStatus.Draft => NoteState.Draft,
        NoteStatus.AwaitingCosignature => NoteState.AwaitingCosignature,
        _ => NoteState.Signed,
    };

    private static DateOnly DateOnlyMin(DateOnly a, DateOnly b) => a < b ? a : b;
}
