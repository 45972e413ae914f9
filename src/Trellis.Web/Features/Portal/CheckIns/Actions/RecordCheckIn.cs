using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Portal.CheckIns.Actions;

/// <summary>Body of POST /api/me/check-ins and the check-in page's form.</summary>
public sealed class CheckInInput
{
    [Required(ErrorMessage = "Choose your mood, 0 (worst) to 10 (best)."), Range(0, 10, ErrorMessage = "Mood is a number from 0 (worst) to 10 (best).")]
    public int? Mood { get; set; }

    [Required(ErrorMessage = "Choose your craving, 0 (none) to 10 (the strongest)."), Range(0, 10, ErrorMessage = "Craving is a number from 0 (none) to 10 (the strongest).")]
    public int? Craving { get; set; }

    [Range(0.0, 24.0, ErrorMessage = "Hours of sleep are from 0 to 24.")]
    public double? SleepHours { get; set; }

    [Required(ErrorMessage = "Say whether you used since your last check-in (yes or no).")]
    public bool? Used { get; set; }

    [MaxLength(200, ErrorMessage = "Keep what you used to 200 characters.")]
    public string? Substances { get; set; }

    [MaxLength(20, ErrorMessage = "Choose at most 20 coping skills.")]
    public List<Guid>? CopingSkillIds { get; set; }

    [MaxLength(500, ErrorMessage = "Keep the note to 500 characters.")]
    public string? Note { get; set; }
}

/// <summary>
/// A participant checks in (their own chart only). The coping skills must come from their own safety plan; anything
/// else is refused and nothing is saved. Rules of their program the check-in meets raise one care task for the
/// primary clinician (or notify them when one is already open), in the same save; a check-in closes an open
/// "no check-in for N days" task. Called by the check-in page and POST /api/me/check-ins.
/// </summary>
public static class RecordCheckIn
{
    public static async Task<Result<CheckIn>> RunAsync(TrellisDbContext db, CheckInInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.OwnPortal) || db.Me.ParticipantId is not { } pid) return Refusal.Forbidden("Check-ins are written by participants, in their own portal.");
        var participant = await db.Participants.AsNoTracking().Include(p => p.Program).FirstOrDefaultAsync(p => p.Id == pid, ct);
        if (participant is null) return Refusal.NotFound("participant");
        if (Validation.Check(input) is { } invalid) return invalid;
        var chosen = (input.CopingSkillIds ?? []).Distinct().ToList();
        if (chosen.Count > 0)
        {
            var mine = (await PlanSkills.OfAsync(db, pid, ct)).Select(s => s.Id).ToHashSet();
            var errors = new Dictionary<string, string[]>();
            for (var i = 0; i < (input.CopingSkillIds ?? []).Count; i++)
                if (!mine.Contains(input.CopingSkillIds![i]))
                    errors[$"copingSkillIds[{i}]"] = ["That coping skill is not on your safety plan; choose from the skills your plan lists."];
            if (errors.Count > 0) return Refusal.Invalid(errors);
        }

        var rules = await CheckInRules.ForProgramAsync(db, participant.ProgramId, ct);
        var substances = input.Used == true && !string.IsNullOrWhiteSpace(input.Substances) ? input.Substances.Trim() : null;
        var checkIn = new CheckIn
        {
            ParticipantId = pid, CheckedInAt = db.Now, Day = participant.Today(db.Now),
            Mood = input.Mood!.Value, Craving = input.Craving!.Value, SleepHours = input.SleepHours, Used = input.Used!.Value, Substances = substances,
            CopingSkillIds = chosen, Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        };
        checkIn.Alerts = CheckInAlerts.Reasons(checkIn.Mood, checkIn.Craving, checkIn.Used, substances, rules);
        db.Set<CheckIn>().Add(checkIn);

        if (checkIn.Alerts.Count > 0)
        {
            var why = $"{participant.DisplayName}'s check-in on {checkIn.Day:MMM d}: {string.Join("; ", checkIn.Alerts)}.";
            var link = $"/participants/{pid}/check-ins";
            if ((await CareTasks.OpenAsync(db, pid, CheckInAlerts.TaskKind, ct)).Count == 0)
                CareTasks.Raise(db, pid, CheckInAlerts.TaskKind, $"Reach {participant.DisplayName} about today's check-in", checkIn.Day,
                    participant.PrimaryClinicianId, participant.PrimaryClinicianId is null ? Roles.Clinician : null,
                    $"{why} Call them today, and look at the check-in tab for the trend.", nameof(CheckIn), checkIn.Id);
            Notifier.Notify(db, [participant.PrimaryClinicianId], CheckInAlerts.TaskKind, $"Check-in alert for {participant.DisplayName}", why, link, pid);
        }
        await CareTasks.CompleteOpenAsync(db, pid, CheckInAlerts.MissingKind, "They checked in again.", ct);
        await db.SaveChangesAsync(ct);
        return checkIn;
    }
}
