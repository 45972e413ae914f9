using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Tasks;

public enum CareTaskStatus { Open, Done, Cancelled }

/// <summary>Kinds of work the system or a person asks someone to do about a participant.</summary>
public static class CareTaskKinds
{
    public const string General = "general";
    /// <summary>Raised by a sign of suicide risk; closed by completing the safety plan.</summary>
    public const string CompleteSafetyPlan = "complete_safety_plan";
    /// <summary>Raised by an unexcused absence; the case manager reaches out the same day.</summary>
    public const string MissedSessionFollowUp = "missed_session_follow_up";
    /// <summary>Raised by an engagement alert (consecutive absences, low attendance).</summary>
    public const string EngagementOutreach = "engagement_outreach";
    public const string TreatmentPlanDue = "treatment_plan_due";
    public const string TreatmentPlanReview = "treatment_plan_review";
    public const string Referral = "referral";
    public const string Admission = "admission";
    /// <summary>Raised when intake asks a clinician for the level-of-care decision; closed by recording it.</summary>
    public const string LevelOfCareDecision = "level_of_care_decision";

    /// <summary>Kinds a person may raise by hand. A safety plan task comes only from a sign of risk and closes with the plan.</summary>
    public static readonly string[] ByHand = [General, MissedSessionFollowUp, EngagementOutreach, TreatmentPlanDue, TreatmentPlanReview, Referral, Admission];
}

/// <summary>
/// A piece of follow-up work about one participant, with an owner and a due date: a missed-session
/// call, a safety plan to complete, a referral to chase. Every feature raises its tasks here so
/// staff have one list of what needs doing.
/// </summary>
public sealed class CareTask : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public string Kind { get; set; } = CareTaskKinds.General;
    public string Title { get; set; } = "";
    public string? Detail { get; set; }
    /// <summary>The staff member who owns it; null when it waits for anyone in <see cref="AssignedRole"/>.</summary>
    public Guid? AssignedToStaffId { get; set; }
    public string? AssignedRole { get; set; }
    public DateOnly DueOn { get; set; }
    public CareTaskStatus Status { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    /// <summary>What was done and how it went ("Reached by phone; back on Thursday").</summary>
    public string? Outcome { get; set; }
    /// <summary>The record that raised it (type name and id), so it can be closed when that record is dealt with.</summary>
    public string? SourceType { get; set; }
    public Guid? SourceId { get; set; }
}

internal sealed class CareTaskConfiguration : IEntityTypeConfiguration<CareTask>
{
    public void Configure(EntityTypeBuilder<CareTask> b)
    {
        b.ToTable("Tasks");
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Detail).HasMaxLength(2000);
        b.Property(x => x.AssignedRole).HasMaxLength(40);
        b.Property(x => x.CompletedBy).HasMaxLength(256);
        b.Property(x => x.Outcome).HasMaxLength(2000);
        b.Property(x => x.SourceType).HasMaxLength(80);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(x => x.AssignedToStaffId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.AssignedToStaffId, x.Status, x.DueOn });
        b.HasIndex(x => new { x.ParticipantId, x.Status });
        b.HasIndex(x => new { x.SourceType, x.SourceId });
    }
}
