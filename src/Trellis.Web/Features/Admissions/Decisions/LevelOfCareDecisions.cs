using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Risk;

namespace Trellis.Web.Features.Admissions.Decisions;

/// <summary>
/// What the clinician tells the decision support beyond what the chart holds. A decision and a request
/// for one carry it too, so the suggestion kept with them is the one the person saw.
/// </summary>
public class SuggestionInput
{
    [Range(0.0, 60.0, ErrorMessage = "Hours needed must be between 0 and 60 a week."), Display(Name = "Hours a week needed")]
    public decimal? WeeklyHoursNeeded { get; set; }

    /// <summary>Where they are now when the chart has no level yet (e.g. leaving a partial hospitalization program).</summary>
    [Display(Name = "Current level")]
    public LevelOfCare? CurrentLevel { get; set; }

    [Display(Name = "Risk of complicated withdrawal")]
    public bool WithdrawalRisk { get; set; }
}

/// <summary>The clinician's decision: the level, from when, and why in their own words.</summary>
public sealed class DecisionInput : SuggestionInput, IValidatableObject
{
    [Required(ErrorMessage = "Choose the level of care decided."), Display(Name = "Level of care")]
    public LevelOfCare? ToLevel { get; set; }

    [Required(ErrorMessage = "Enter the date it takes effect."), Display(Name = "Effective")]
    public DateOnly? EffectiveOn { get; set; }

    [Required(ErrorMessage = "Write the rationale: what you weighed and why this level."), MaxLength(3000, ErrorMessage = "Keep the rationale to 3,000 characters.")]
    public string? Rationale { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Rationale is { } r && r.Trim().Length < 20)
            yield return new("Write at least a sentence: the rationale is what a reviewer or auditor reads.", [nameof(Rationale)]);
        // The UTC day: the window is wide enough that the program's time zone makes no difference.
        var today = DateOnly.FromDateTime(Validation.ClockOf(context).GetUtcNow().UtcDateTime);
        if (EffectiveOn is { } e && (e < today.AddDays(-30) || e > today.AddDays(90)))
            yield return new("The effective date must be within 30 days before today and 90 days ahead.", [nameof(EffectiveOn)]);
    }
}

/// <summary>Gathers the decision support's inputs from the chart and records decisions in the level-of-care history.</summary>
public static class LevelOfCareDecisions
{
    /// <summary>Screens older than this are not counted: they describe someone else's week.</summary>
    public const int RecentDays = 90;

    public static async Task<LevelOfCareInputs> FromChartAsync(TrellisDbContext db, Participant participant, SuggestionInput extra, CancellationToken ct = default)
    {
        var since = db.Now.AddDays(-RecentDays);
        var latest = (await db.InstrumentAdministrations.AsNoTracking()
                .Where(a => a.ParticipantId == participant.Id && a.AdministeredAt >= since).ToListAsync(ct))
            .GroupBy(a => a.InstrumentCode).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.AdministeredAt).First());
        var risk = latest.TryGetValue(CssrsScreener.Code, out var cssrs) && Infrastructure.EnumText.TryParse<SuicideRisk>(cssrs.Risk, out var r) ? r : SuicideRisk.None;
        // An open flag nobody has assessed yet counts as moderate: it is never less than that until a clinician clears it.
        if (risk < SuicideRisk.Moderate && await db.Set<RiskFlag>().AnyAsync(f => f.ParticipantId == participant.Id && f.ClearedAt == null, ct))
            risk = SuicideRisk.Moderate;
        var current = await CurrentLevelAsync(db, participant.Id, ct) ?? extra.CurrentLevel;
        var population = participant.Program?.Population ?? await db.Programs.Where(p => p.Id == participant.ProgramId).Select(p => p.Population).FirstAsync(ct);
        return new LevelOfCareInputs(population, extra.WeeklyHoursNeeded, current, risk, extra.WithdrawalRisk,
            latest.GetValueOrDefault(Phq9.Code)?.Total, latest.GetValueOrDefault(Gad7.Code)?.Total, latest.GetValueOrDefault(AuditC.Code)?.Positive,
            latest.GetValueOrDefault(Dast10.Code)?.Total, latest.TryGetValue(Pcl5.Code, out var pcl) ? ProvisionalPtsd(pcl) : null);
    }

    /// <summary>The PCL-5 provisional rule re-read from the stored answers (the row keeps totals, not the cluster result).</summary>
    private static bool? ProvisionalPtsd(InstrumentAdministration a) =>
        InstrumentScorer.Score(Pcl5.Code, Administrations.Answers(a)) is { IsValid: true } o ? o.Result.ProvisionalPtsd : null;

    public static Task<LevelOfCare?> CurrentLevelAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default) =>
        db.LevelOfCareChanges.Where(l => l.ParticipantId == participantId).OrderByDescending(l => l.EffectiveOn).ThenByDescending(l => l.CreatedAt)
            .Select(l => (LevelOfCare?)l.ToLevel).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Adds the decision to the history in the name of whoever the context acts for. What the decision
    /// support suggested, and on which rules, is kept under the rationale, so a reviewer sees where the
    /// clinician agreed or departed. The action saves.
    /// </summary>
    public static async Task<LevelOfCareChange> RecordAsync(TrellisDbContext db, Participant participant, DecisionInput input,
        LevelOfCareSuggestion suggestion, CancellationToken ct = default)
    {
        var from = await CurrentLevelAsync(db, participant.Id, ct) ?? input.CurrentLevel;
        var change = new LevelOfCareChange
        {
            ParticipantId = participant.Id, EffectiveOn = input.EffectiveOn!.Value, FromLevel = from, ToLevel = input.ToLevel!.Value,
            Rationale = $"{input.Rationale!.Trim()}\n\n{SuggestedText(suggestion)}",
            DecidedByStaffId = db.Me.StaffId, DecidedByName = db.Me.DisplayName,
        };
        db.LevelOfCareChanges.Add(change);
        return change;
    }

    /// <summary>"Decision support suggested Intensive outpatient (ASAM 2.1), because: …": the suggestion and the rules it rests on, in words.</summary>
    public static string SuggestedText(LevelOfCareSuggestion suggestion) =>
        $"Decision support suggested {LevelText.Of(suggestion.Level)}, because: {LevelOfCareRules.Reasons(suggestion)}.";
}
