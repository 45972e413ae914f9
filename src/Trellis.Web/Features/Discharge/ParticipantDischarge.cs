using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Discharge;

/// <summary>
/// Why a stay ended, in the words of issue 10's dashboard, in the order the form lists them and the dashboard counts them.
/// Stored by name (as every enum). <c>LeftBeforeCompleting</c> is the one reason for leaving early that Trellis
/// offered before it told leaving against advice from losing contact: discharges finalised with it keep it (a final
/// discharge is never rewritten, and its detail cannot say reliably which it was); it is not offered again.
/// </summary>
public enum DischargeReason { Completed, SteppedDown, SteppedUp, LeftAgainstAdvice, LostToContact, Administrative, LeftBeforeCompleting }

/// <summary>The rules about discharge reasons, spelled once: which count as dropping out, and which a discharge may be given now.</summary>
public static class DischargeReasons
{
    /// <summary>Leaving against advice and losing contact are both dropping out (the dashboard's drop-out rate), as is the earlier reason that covered both.</summary>
    public static bool IsDropOut(DischargeReason reason) =>
        reason is DischargeReason.LeftAgainstAdvice or DischargeReason.LostToContact or DischargeReason.LeftBeforeCompleting;

    /// <summary>The reasons a discharge is given now (the form's choices): all but the earlier one kept for old records.</summary>
    public static IEnumerable<DischargeReason> Offered => Enum.GetValues<DischargeReason>().Where(r => r != DischargeReason.LeftBeforeCompleting);
}

/// <summary>
/// A participant's discharge: why, how treatment went (admission versus discharge scores, progress
/// on each goal), the aftercare plan, and the medication reconciliation. A draft while being
/// written; once final it sets the participant's status, discharge date, enrollment end and
/// level-of-care history, and it is kept exactly as finalised.
/// </summary>
public sealed class ParticipantDischarge : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public DateOnly DischargedOn { get; set; }
    public DischargeReason Reason { get; set; }
    public string? ReasonDetail { get; set; }
    public LevelOfCare? NextLevelOfCare { get; set; }
    public string CourseOfTreatment { get; set; } = "";
    public List<GoalOutcome> Goals { get; set; } = [];
    /// <summary>Admission versus discharge scores, computed when the discharge is finalised.</summary>
    public List<ScoreComparison> Scores { get; set; } = [];
    public List<AftercareAppointment> Appointments { get; set; } = [];
    public List<string> CommunitySupports { get; set; } = [];
    public bool AlumniGroup { get; set; }
    public string? AlumniDetails { get; set; }
    /// <summary>What to do in a crisis after discharge (the safety plan, 988, the clinic's number).</summary>
    public string? CrisisPlan { get; set; }
    public Guid? MedicationReconciliationId { get; set; }
    public bool IsFinal { get; set; }
    public Guid? WrittenByStaffId { get; set; }
    public string WrittenByName { get; set; } = "";
    public DateTimeOffset? FinalizedAt { get; set; }
    public Guid? FinalizedByStaffId { get; set; }
    public string? FinalizedByName { get; set; }
}

public sealed class GoalOutcome
{
    [Required(ErrorMessage = "Say which goal (its id).")]
    public Guid? GoalId { get; set; }
    public string? OwnWords { get; set; }
    [Required(ErrorMessage = "Rate where this goal ended up.")]
    public GoalProgress? Progress { get; set; }
    [MaxLength(1000)] public string? Comment { get; set; }
}

public sealed class AftercareAppointment
{
    [Required(ErrorMessage = "Say with whom (provider or service)."), MaxLength(200), Display(Name = "With")]
    public string? With { get; set; }

    [Required(ErrorMessage = "Give the date of the first appointment."), Display(Name = "Date")]
    public DateOnly? On { get; set; }

    [MaxLength(20), Display(Name = "Time")]
    public string? Time { get; set; }

    [MaxLength(300), Display(Name = "Where")]
    public string? Where { get; set; }

    [MaxLength(40), RegularExpression(@"^[0-9+()\-. ]{3,40}$", ErrorMessage = "Enter a phone number using digits, spaces, +, -, ( and )."), Display(Name = "Phone")]
    public string? Phone { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(With) && On is null && string.IsNullOrWhiteSpace(Time) && string.IsNullOrWhiteSpace(Where) && string.IsNullOrWhiteSpace(Phone);
}

internal sealed class ParticipantDischargeConfiguration : IEntityTypeConfiguration<ParticipantDischarge>
{
    public void Configure(EntityTypeBuilder<ParticipantDischarge> b)
    {
        b.ToTable("Discharges");
        b.Property(x => x.ReasonDetail).HasMaxLength(1000);
        b.Property(x => x.CourseOfTreatment).HasMaxLength(8000);
        b.Property(x => x.Goals).HasJsonConversion();
        b.Property(x => x.Scores).HasJsonConversion();
        b.Property(x => x.Appointments).HasJsonConversion();
        b.Property(x => x.CommunitySupports).HasJsonConversion();
        b.Property(x => x.AlumniDetails).HasMaxLength(500);
        b.Property(x => x.CrisisPlan).HasMaxLength(1000);
        b.Property(x => x.WrittenByName).HasMaxLength(200);
        b.Property(x => x.FinalizedByName).HasMaxLength(200);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Medications.MedicationReconciliation>().WithMany().HasForeignKey(x => x.MedicationReconciliationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ParticipantId);
    }
}
