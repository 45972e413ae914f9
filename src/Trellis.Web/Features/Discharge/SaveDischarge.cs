using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Medications;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;
using Trellis.Web.Features.Tasks;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Discharge;

/// <summary>Writing a discharge: a draft on the way, and the final step that discharges the participant through the chart's own mechanisms.</summary>
public static class SaveDischarge
{
    public static Task<ParticipantDischarge?> CurrentAsync(TrellisDbContext db, Guid participantId, bool tracking = false, CancellationToken ct = default)
    {
        var q = db.Set<ParticipantDischarge>().Where(d => d.ParticipantId == participantId).OrderByDescending(d => d.IsFinal).ThenByDescending(d => d.CreatedAt);
        return (tracking ? q : q.AsNoTracking()).FirstOrDefaultAsync(ct);
    }

    public static Refusal? CannotDischarge(Participant p) => p.Status switch
    {
        ParticipantStatus.Discharged => Refusal.Conflict("Already discharged", $"{p.DisplayName} was discharged on {p.DischargedOn:MMM d, yyyy}."),
        ParticipantStatus.Admitted or ParticipantStatus.Active or ParticipantStatus.OnHold => null,
        _ => Refusal.Conflict("Not admitted", $"{p.DisplayName} has not been admitted ({Infrastructure.EnumText.Label(p.Status).ToLowerInvariant()}); only a participant in care is discharged."),
    };

    /// <summary>
    /// What finalising and keeping a draft both ask first: the chart in scope, a participant in care, a writer
    /// the Discharge permission allows; then the form's spare rows dropped and the goals of the plan in effect.
    /// </summary>
    public static async Task<Result<(Participant Participant, StaffMember By, List<PlanGoal> Goals)>> StartAsync(TrellisDbContext db, Guid participantId,
        DischargeInput input, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (CannotDischarge(participant) is { } refused) return refused;
        if (await ClinicalStaff.AllowedAsync(db, Auth.Permissions.Discharge, ct) is not { } by)
            return Refusal.Forbidden("Participants are discharged by their clinicians, case managers and program directors.");
        Normalize(input);
        (Participant, StaffMember, List<PlanGoal>) start =
            (participant, by, (await TreatmentPlanQueries.OverviewAsync(db, participant, participant.Today(db.Now), ct)).InEffect?.Goals.ToList() ?? []);
        return start;
    }

    /// <summary>Every rule for a final discharge, at once, each at its field.</summary>
    public static Refusal? Check(Participant p, DischargeInput input, IReadOnlyList<PlanGoal> goals, DateOnly today)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        var here = p.Program?.LevelOfCare ?? LevelOfCare.IntensiveOutpatient;
        if (input.DischargedOn is { } on)
        {
            if (on > today) errors["dischargedOn"] = ["The discharge date is in the future; discharge on the day."];
            if (p.AdmittedOn is { } a && on < a) errors["dischargedOn"] = [$"The discharge date is before admission ({a:MMM d, yyyy})."];
        }
        if (input.Reason is DischargeReason.LeftAgainstAdvice or DischargeReason.LostToContact or DischargeReason.Administrative && string.IsNullOrWhiteSpace(input.ReasonDetail))
            errors["reasonDetail"] = [input.Reason == DischargeReason.LostToContact
                ? "Say what outreach was tried (calls, texts, letters) and when contact was lost: auditors and the next provider need the circumstances."
                : "Say what happened: auditors and the next provider need the circumstances."];
        if (input.Reason is { } reason && !DischargeReasons.Offered.Contains(reason))
            errors["reason"] = ["Left before completing is no longer given: choose left against advice or lost to contact."];
        if (input.Reason == DischargeReason.SteppedUp && !(input.NextLevelOfCare > here))
            errors["nextLevelOfCare"] = ["Stepping up: choose a more intensive level of care (partial hospitalization, residential or inpatient)."];
        if (input.Reason == DischargeReason.SteppedDown && !(input.NextLevelOfCare < here))
            errors["nextLevelOfCare"] = ["Stepping down: choose a less intensive level of care (outpatient)."];
        if (string.IsNullOrWhiteSpace(input.CourseOfTreatment))
            errors["courseOfTreatment"] = ["Summarise the course of treatment: what was worked on, what changed, what remains."];
        foreach (var g in goals.Where(g => input.Goals.All(o => o.GoalId != g.Id)))
            errors["goals"] = [$"Rate where every treatment plan goal ended up, including \"{g.OwnWords}\"."];
        if (input.Goals.Any(o => goals.All(g => g.Id != o.GoalId)))
            errors["goals"] = ["Rate only goals of the treatment plan in effect."];
        var needsAftercare = input.Reason is DischargeReason.Completed or DischargeReason.SteppedDown or DischargeReason.SteppedUp;
        if (needsAftercare && input.Appointments.Count == 0)
            errors["appointments"] = ["Give at least one first appointment of the aftercare: with whom and when."];
        for (var i = 0; i < input.Appointments.Count; i++)
            if (input.Appointments[i].On is { } d && input.DischargedOn is { } on2 && d < on2)
                errors[$"appointments[{i}].on"] = ["A first aftercare appointment comes on or after the discharge date."];
        if (input.CommunitySupports.Any(s => s.Length > 300)) errors["communitySupports"] = ["Keep each community support under 300 characters."];
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    /// <summary>Trims and drops the spare empty rows of the form.</summary>
    public static void Normalize(DischargeInput input)
    {
        input.Appointments = input.Appointments.Where(a => !a.IsBlank).ToList();
        input.CommunitySupports = input.CommunitySupports.Select(ClinicalText.Clean).Where(s => s is not null).Select(s => s!).ToList();
        input.ReasonDetail = ClinicalText.Clean(input.ReasonDetail);
        input.CourseOfTreatment = ClinicalText.Clean(input.CourseOfTreatment);
        input.AlumniDetails = ClinicalText.Clean(input.AlumniDetails);
        input.CrisisPlan = ClinicalText.Clean(input.CrisisPlan);
        // The discharge's reconciliation is always of kind discharge, on the discharge date unless said otherwise.
        input.MedicationReconciliation ??= new ReconciliationInput();
        input.MedicationReconciliation.Kind = ReconciliationKind.Discharge;
        input.MedicationReconciliation.ReconciledOn ??= input.DischargedOn;
    }

    public static void Copy(ParticipantDischarge d, DischargeInput input, IReadOnlyList<PlanGoal> goals)
    {
        d.DischargedOn = input.DischargedOn ?? d.DischargedOn;
        d.Reason = input.Reason ?? d.Reason;
        d.ReasonDetail = input.ReasonDetail;
        d.NextLevelOfCare = input.NextLevelOfCare;
        d.CourseOfTreatment = input.CourseOfTreatment ?? "";
        d.Goals = input.Goals.Select(o => new GoalOutcome
        {
            GoalId = o.GoalId, OwnWords = goals.FirstOrDefault(g => g.Id == o.GoalId)?.OwnWords ?? o.OwnWords, Progress = o.Progress, Comment = ClinicalText.Clean(o.Comment),
        }).ToList();
        d.Appointments = input.Appointments;
        d.CommunitySupports = input.CommunitySupports;
        d.AlumniGroup = input.AlumniGroup;
        d.AlumniDetails = input.AlumniGroup ? input.AlumniDetails : null;
        d.CrisisPlan = input.CrisisPlan;
    }

    /// <summary>
    /// Finalises: reconciles medications, snapshots the scores, then discharges the participant
    /// with the chart's own rules (SaveParticipant.Apply closes the enrollment) and records the
    /// level-of-care change. The caller has run <see cref="Check"/> and saves.
    /// </summary>
    public static async Task<Result<ParticipantDischarge>> FinalizeAsync(TrellisDbContext db, Guid participantId,
        ParticipantDischarge? draft, DischargeInput input, IReadOnlyList<PlanGoal> goals, StaffMember by, CancellationToken ct = default)
    {
        var participant = (await SaveParticipant.LoadForEditAsync(db, participantId, ct))!;
        await db.Entry(participant).Reference(p => p.Program).LoadAsync(ct);
        var on = input.DischargedOn!.Value;
        input.MedicationReconciliation.Kind = ReconciliationKind.Discharge;
        input.MedicationReconciliation.ReconciledOn ??= on;
        var (rec, refused) = await Reconcile.ApplyAsync(db, participant, input.MedicationReconciliation, by, on, ct);
        if (refused is not null)
            return Refusal.Invalid(refused.Errors!.ToDictionary(e => "medicationReconciliation." + e.Key, e => e.Value));

        var d = draft ?? new ParticipantDischarge { ParticipantId = participantId, WrittenByStaffId = by.Id, WrittenByName = ClinicalStaff.SignatureName(by) };
        if (draft is null) db.Set<ParticipantDischarge>().Add(d);
        Copy(d, input, goals);
        var points = await db.InstrumentAdministrations.AsNoTracking().Where(a => a.ParticipantId == participantId && a.Total != null)
            .Select(a => new { a.InstrumentCode, a.Total, a.AdministeredAt }).ToListAsync(ct);
        d.Scores = DischargeScores.Compare(points.Select(p => new ScorePoint(p.InstrumentCode, p.Total!.Value, ProgramClock.Today(p.AdministeredAt, participant.Program?.TimeZoneId))),
            participant.AdmittedOn ?? on, on, db.ReliableChangeThresholds);
        d.MedicationReconciliationId = rec!.Id;
        d.IsFinal = true;
        d.FinalizedAt = db.Now;
        d.FinalizedByStaffId = by.Id;
        d.FinalizedByName = ClinicalStaff.SignatureName(by);

        var reasonText = ReasonText(d.Reason) + (d.ReasonDetail is null ? "" : $": {d.ReasonDetail}");
        if (participant.Enrollments.FirstOrDefault(e => e.EndedOn is null) is { } open) open.EndReason = Truncate("discharged, " + reasonText.ToLowerInvariant(), 500);
        var change = ParticipantInput.From(participant);
        change.Status = ParticipantStatus.Discharged;
        change.DischargedOn = on;
        SaveParticipant.Apply(db, participant, change);
        var here = participant.Program?.LevelOfCare ?? LevelOfCare.IntensiveOutpatient;
        if (d.NextLevelOfCare is { } next && next != here)
            // Added to the set, not only the navigation: an entity with its key already set would be taken for an existing row.
            db.LevelOfCareChanges.Add(new LevelOfCareChange
            {
                ParticipantId = participantId, EffectiveOn = on, FromLevel = here, ToLevel = next,
                Rationale = Truncate($"Discharge ({reasonText}).", 4000), DecidedByStaffId = by.Id, DecidedByName = ClinicalStaff.SignatureName(by),
            });
        foreach (var kind in new[] { CareTaskKinds.TreatmentPlanDue, CareTaskKinds.TreatmentPlanReview })
            await CareTasks.CompleteOpenAsync(db, participantId, kind, $"Participant discharged on {on:MMM d, yyyy}.", ct);
        return d;
    }

    public static string ReasonText(DischargeReason r) => r switch
    {
        DischargeReason.Completed => "Completed the program",
        DischargeReason.SteppedDown => "Stepped down to a less intensive level of care",
        DischargeReason.SteppedUp => "Stepped up to a more intensive level of care",
        DischargeReason.LeftAgainstAdvice => "Left against advice (chose to stop before completing)",
        DischargeReason.LostToContact => "Lost to contact (stopped coming and could not be reached)",
        DischargeReason.LeftBeforeCompleting => "Left before completing (recorded before left against advice and lost to contact were told apart)",
        _ => "Administrative discharge",
    };

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
