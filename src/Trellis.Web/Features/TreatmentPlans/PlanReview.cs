using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.TreatmentPlans;

public enum GoalProgress { NotStarted, Minimal, Moderate, Significant, Achieved, Revised, Discontinued }

/// <summary>
/// A periodic review of the plan in effect: progress on each goal, what the notes show was worked on
/// and when, and the date of the next review. Written once and signed by its reviewer on saving.
/// </summary>
public sealed class PlanReview : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public Guid TreatmentPlanId { get; set; }
    public TreatmentPlan? TreatmentPlan { get; set; }
    public int PlanNumber { get; set; }
    public DateOnly ReviewedOn { get; set; }
    public List<GoalReview> Goals { get; set; } = [];
    public string Summary { get; set; } = "";
    public bool ParticipantTookPart { get; set; }
    public string? ParticipantComment { get; set; }
    public bool PlanUpdateNeeded { get; set; }
    public DateOnly NextReviewDue { get; set; }
    public Guid? ReviewedByStaffId { get; set; }
    public string ReviewedByName { get; set; } = "";
    public DateTimeOffset SignedAt { get; set; }

    public static string ProgressText(GoalProgress p) => p switch
    {
        GoalProgress.NotStarted => "Not started",
        GoalProgress.Minimal => "Minimal progress",
        GoalProgress.Moderate => "Moderate progress",
        GoalProgress.Significant => "Significant progress",
        GoalProgress.Achieved => "Achieved",
        GoalProgress.Revised => "Revised",
        _ => "Discontinued",
    };
}

/// <summary>One goal's progress at a review, with what the record showed at that moment.</summary>
public sealed class GoalReview
{
    public Guid GoalId { get; set; }
    public string? OwnWords { get; set; }
    public GoalProgress? Progress { get; set; }
    [MaxLength(2000)] public string? Comment { get; set; }
    /// <summary>Signed notes that addressed the goal since the previous review, and the latest date, as counted when the review was written.</summary>
    public int NotesAddressed { get; set; }
    public List<DateOnly> AddressedOn { get; set; } = [];
    /// <summary>"PHQ-9 8 on Nov 20, 2026 (target below 10: met)", when the goal has a score target.</summary>
    public string? Measure { get; set; }
}

internal sealed class PlanReviewConfiguration : IEntityTypeConfiguration<PlanReview>
{
    public void Configure(EntityTypeBuilder<PlanReview> b)
    {
        b.ToTable("PlanReviews");
        b.Property(x => x.Goals).HasJsonConversion();
        b.Property(x => x.Summary).HasMaxLength(4000);
        b.Property(x => x.ParticipantComment).HasMaxLength(2000);
        b.Property(x => x.ReviewedByName).HasMaxLength(200);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.TreatmentPlan).WithMany().HasForeignKey(x => x.TreatmentPlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ParticipantId, x.ReviewedOn });
    }
}
