using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.TreatmentPlans;

public sealed record GoalRef(Guid Id, string OwnWords, string Problem);

/// <summary>A signed note that addressed a goal, and when.</summary>
public sealed record GoalActivity(Guid GoalId, Guid NoteId, DateOnly ServiceDate, NoteKind Kind);

public sealed record ScoreRef(string Code, string Name, int Total, DateTimeOffset At);

/// <summary>Where a participant's plan stands: the latest version, the one in effect, deadlines.</summary>
public sealed record PlanOverview(TreatmentPlan? Latest, TreatmentPlan? InEffect, PlanReview? LastReview,
    FirstPlanStatus? FirstPlan, ReviewStatus? Review, TreatmentPlanRules Rules);

public sealed record PlanDueRow(Guid ParticipantId, string Name, string Program, Guid? PrimaryClinicianId,
    FirstPlanStatus? FirstPlan, ReviewStatus? Review);

public static class TreatmentPlanQueries
{
    public static Task<TreatmentPlan?> LatestAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default) =>
        db.Set<TreatmentPlan>().AsNoTracking().Where(p => p.ParticipantId == participantId).OrderByDescending(p => p.Number).FirstOrDefaultAsync(ct);

    public static Task<TreatmentPlan?> VersionAsync(TrellisDbContext db, Guid participantId, int number, CancellationToken ct = default) =>
        db.Set<TreatmentPlan>().AsNoTracking().FirstOrDefaultAsync(p => p.ParticipantId == participantId && p.Number == number, ct);

    /// <summary>Every version, newest first.</summary>
    public static Task<List<TreatmentPlan>> VersionsAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default) =>
        db.Set<TreatmentPlan>().AsNoTracking().Where(p => p.ParticipantId == participantId).OrderByDescending(p => p.Number).ToListAsync(ct);

    public static Task<List<PlanReview>> ReviewsAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default) =>
        db.Set<PlanReview>().AsNoTracking().Where(r => r.ParticipantId == participantId)
            .OrderByDescending(r => r.ReviewedOn).ThenByDescending(r => r.SignedAt).ToListAsync(ct);

    public static async Task<int> SessionsAttendedAsync(TrellisDbContext db, Guid participantId, DateOnly since, CancellationToken ct = default) =>
        await db.Attendance.CountAsync(a => a.ParticipantId == participantId && AttendanceRecord.AttendedStatuses.Contains(a.Status)
            && ((a.GroupSession != null && a.GroupSession.LocalDate >= since) || (a.Appointment != null && a.Appointment.LocalDate >= since)), ct);

    public static async Task<PlanOverview> OverviewAsync(TrellisDbContext db, Participant participant, DateOnly today, CancellationToken ct = default)
    {
        var versions = await VersionsAsync(db, participant.Id, ct);
        var inEffect = versions.FirstOrDefault(v => v.IsComplete);
        var lastReview = await db.Set<PlanReview>().AsNoTracking().Where(r => r.ParticipantId == participant.Id)
            .OrderByDescending(r => r.ReviewedOn).FirstOrDefaultAsync(ct);
        var rules = await TreatmentPlanRules.ForProgramAsync(db, participant.ProgramId, ct);
        FirstPlanStatus? first = null;
        ReviewStatus? review = null;
        if (IsInCare(participant) && participant.AdmittedOn is { } admitted)
        {
            var attended = await SessionsAttendedAsync(db, participant.Id, admitted, ct);
            first = PlanSchedule.FirstPlan(attended, rules.FirstPlanWithinSessions, versions.Any(v => v.IsComplete));
            review = PlanSchedule.Review(CompletedOn(inEffect, participant.Program?.TimeZoneId), lastReview?.ReviewedOn, rules.ReviewIntervalDays, today);
        }
        return new(versions.FirstOrDefault(), inEffect, lastReview, first, review, rules);
    }

    public static bool IsInCare(Participant p) => p.Status is ParticipantStatus.Admitted or ParticipantStatus.Active or ParticipantStatus.OnHold;

    /// <summary>The day, on the program's clock, the version took effect (its last signature).</summary>
    public static DateOnly? CompletedOn(TreatmentPlan? plan, string? timeZoneId) =>
        plan?.CompletedAt is { } at ? ProgramClock.Today(at, timeZoneId) : null;

    /// <summary>The goals a note can link to: those of the latest version.</summary>
    public static async Task<List<GoalRef>> CurrentGoalsAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default)
    {
        var latest = await LatestAsync(db, participantId, ct);
        return latest is null ? [] : latest.Content.Problems
            .SelectMany(p => p.Goals.Select(g => new GoalRef(g.Id, g.OwnWords ?? "", p.Statement ?? ""))).ToList();
    }

    /// <summary>Signed notes that addressed the participant's goals, optionally between two days.</summary>
    public static Task<List<GoalActivity>> GoalActivityAsync(TrellisDbContext db, Guid participantId, DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default) =>
        db.Set<NoteGoalLink>().AsNoTracking()
            .Where(l => l.ParticipantId == participantId && l.Note!.Status != NoteStatus.Draft
                && (from == null || l.Note.ServiceDate >= from) && (to == null || l.Note.ServiceDate <= to))
            .OrderBy(l => l.Note!.ServiceDate)
            .Select(l => new GoalActivity(l.GoalId, l.NoteId, l.Note!.ServiceDate, l.Note.Kind)).ToListAsync(ct);

    /// <summary>The latest total of each instrument in the chart, for goals with a score target.</summary>
    public static async Task<Dictionary<string, ScoreRef>> LatestScoresAsync(TrellisDbContext db, Guid participantId, DateTimeOffset? until = null, CancellationToken ct = default)
    {
        var rows = await db.InstrumentAdministrations.AsNoTracking()
            .Where(a => a.ParticipantId == participantId && a.Total != null && (until == null || a.AdministeredAt <= until))
            .Select(a => new { a.InstrumentCode, a.Total, a.AdministeredAt }).ToListAsync(ct);
        return rows.GroupBy(r => r.InstrumentCode, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(r => r.AdministeredAt).First())
            .ToDictionary(r => r.InstrumentCode, r => new ScoreRef(r.InstrumentCode, InstrumentCatalog.Get(r.InstrumentCode)?.Name ?? r.InstrumentCode, r.Total!.Value, r.AdministeredAt), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>"PHQ-9 8 on Nov 20, 2026 · target below 10: met"; null when the goal has no score target.</summary>
    public static string? MeasureText(PlanGoal goal, IReadOnlyDictionary<string, ScoreRef> scores)
    {
        if (goal.ScoreTargetText is not { } target) return null;
        if (!scores.TryGetValue(goal.InstrumentCode!, out var s)) return $"Target {target}: no score yet";
        var met = goal.IsMetBy(s.Total) == true ? "met" : "not yet met";
        return $"{s.Name} {s.Total} on {s.At.UtcDateTime:MMM d, yyyy} · target {target}: {met}";
    }

    /// <summary>First plans and reviews due or overdue for every participant in care within the caller's scope.</summary>
    public static async Task<List<PlanDueRow>> DueAsync(TrellisDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var people = await db.Participants.AsNoTracking()
            .Where(p => p.AdmittedOn != null && (p.Status == ParticipantStatus.Admitted || p.Status == ParticipantStatus.Active || p.Status == ParticipantStatus.OnHold))
            .Select(p => new { p.Id, p.LegalFirstName, p.LegalLastName, p.PreferredName, p.ProgramId, Program = p.Program!.Name, Zone = p.Program.TimeZoneId, p.AdmittedOn, p.PrimaryClinicianId })
            .ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var plans = await db.Set<TreatmentPlan>().AsNoTracking().Where(t => ids.Contains(t.ParticipantId))
            .Select(t => new { t.ParticipantId, t.Number, t.ClinicianSignedAt, t.SupervisorRequired, t.SupervisorSignedAt, t.ParticipantSignedAt })
            .ToListAsync(ct);
        var reviews = await db.Set<PlanReview>().AsNoTracking().Where(r => ids.Contains(r.ParticipantId))
            .GroupBy(r => r.ParticipantId).Select(g => new { g.Key, Last = g.Max(r => r.ReviewedOn) }).ToListAsync(ct);
        var attendance = await db.Attendance.AsNoTracking().Where(a => ids.Contains(a.ParticipantId) && AttendanceRecord.AttendedStatuses.Contains(a.Status))
            .Select(a => new { a.ParticipantId, Day = a.GroupSession != null ? a.GroupSession.LocalDate : a.Appointment!.LocalDate }).ToListAsync(ct);
        var rules = await TreatmentPlanRules.AllAsync(db, ct);

        var rows = new List<PlanDueRow>();
        foreach (var p in people)
        {
            var rule = rules.GetValueOrDefault(p.ProgramId) ?? new TreatmentPlanRules { ProgramId = p.ProgramId };
            var completed = plans.Where(t => t.ParticipantId == p.Id && t.ClinicianSignedAt != null && t.ParticipantSignedAt != null
                    && (!t.SupervisorRequired || t.SupervisorSignedAt != null))
                .OrderByDescending(t => t.Number)
                .Select(t => new[] { t.ClinicianSignedAt, t.SupervisorSignedAt, t.ParticipantSignedAt }.Max())
                .FirstOrDefault();
            var attended = attendance.Count(a => a.ParticipantId == p.Id && a.Day >= p.AdmittedOn);
            var first = PlanSchedule.FirstPlan(attended, rule.FirstPlanWithinSessions, completed is not null);
            var review = PlanSchedule.Review(completed is { } c ? ProgramClock.Today(c, p.Zone) : null,
                reviews.FirstOrDefault(r => r.Key == p.Id)?.Last, rule.ReviewIntervalDays, today);
            rows.Add(new(p.Id, Participant.NameOf(p.PreferredName, p.LegalFirstName, p.LegalLastName), p.Program, p.PrimaryClinicianId, first, review));
        }
        return rows;
    }
}
