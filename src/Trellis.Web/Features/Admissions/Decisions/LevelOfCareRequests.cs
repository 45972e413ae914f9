using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Admissions.Decisions;

/// <summary>
/// Intake asking a clinician for the level-of-care decision: a care task for the chosen clinician with
/// the suggestion attached, and a notification that links to the level-of-care page. Recording the
/// decision completes the task.
/// </summary>
public static class LevelOfCareRequests
{
    public const string NotificationKind = "level_of_care_request";

    public static string PageOf(Guid participantId) => $"/participants/{participantId}/level-of-care";

    /// <summary>Who may be asked: active staff of the program whose role decides a level of care.</summary>
    public static Task<List<StaffChoice>> CliniciansAsync(TrellisDbContext db, Guid programId, CancellationToken ct = default) =>
        Pipeline.StaffWithRolesAsync(db, [.. Permissions.RolesOf(Permissions.DecideLevelOfCare)], programId, ct);

    /// <summary>The open request for a participant, if intake has asked and nobody has decided yet.</summary>
    public static Task<CareTask?> OpenAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default) =>
        db.Tasks.AsNoTracking().Where(t => t.ParticipantId == participantId && t.Kind == CareTaskKinds.LevelOfCareDecision && t.Status == CareTaskStatus.Open)
            .OrderByDescending(t => t.CreatedAt).FirstOrDefaultAsync(ct);
}

/// <summary>Asking a clinician for the decision: whom, anything they should know, and (inherited) what the chart does not hold.</summary>
public sealed class DecisionRequestInput : SuggestionInput
{
    [Required(ErrorMessage = "Choose the clinician who should decide.")]
    [Display(Name = "Clinician")]
    public Guid? ClinicianStaffId { get; set; }

    [MaxLength(1000, ErrorMessage = "Keep the note to 1,000 characters.")]
    public string? Note { get; set; }
}
