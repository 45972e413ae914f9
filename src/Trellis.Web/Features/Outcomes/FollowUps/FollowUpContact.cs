using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Outcomes;

/// <summary>
/// A contact after discharge, at 30, 60 or 90 days (issue 10 point 5): scheduled as a care task when the discharge
/// is final, then recorded with its outcome. Chart record: scoped and audited like the rest of the chart.
/// </summary>
public sealed class FollowUpContact : Entity, IParticipantOwned
{
    public static readonly int[] DaysAfterDischarge = [30, 60, 90];
    public const string TaskKind = "post_discharge_follow_up";

    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public DateOnly DischargedOn { get; set; }
    public int DaysAfter { get; set; }
    public DateOnly DueOn { get; set; }
    public Guid? TaskId { get; set; }
    /// <summary>Null until recorded.</summary>
    public DateOnly? ContactedOn { get; set; }
    public bool? Reached { get; set; }
    public bool? InTreatmentElsewhere { get; set; }
    public bool? UseOrRelapse { get; set; }
    public bool? Readmitted { get; set; }
    public string? InstrumentCode { get; set; }
    public int? Score { get; set; }
    public string? Note { get; set; }
    public string? RecordedBy { get; set; }

    public bool IsRecorded => ContactedOn is not null;
}

internal sealed class FollowUpContactConfiguration : IEntityTypeConfiguration<FollowUpContact>
{
    public void Configure(EntityTypeBuilder<FollowUpContact> b)
    {
        b.Property(x => x.InstrumentCode).HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.DischargedOn, x.DaysAfter }).IsUnique();
        b.HasIndex(x => x.DueOn);
        b.Ignore(x => x.IsRecorded);
    }
}

public sealed class FollowUpInput : IValidatableObject
{
    [Required(ErrorMessage = "Give the day of the contact (or the last attempt).")]
    public DateOnly? ContactedOn { get; set; }
    [Required(ErrorMessage = "Say whether they were reached.")]
    public bool? Reached { get; set; }
    public bool? InTreatmentElsewhere { get; set; }
    public bool? UseOrRelapse { get; set; }
    public bool? Readmitted { get; set; }
    [MaxLength(20)] public string? InstrumentCode { get; set; }
    [Range(0, 80, ErrorMessage = "A score is between 0 and 80.")] public int? Score { get; set; }
    [MaxLength(1000)] public string? Note { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Score is not null && Instruments.InstrumentCatalog.Get(InstrumentCode) is not { } d)
            yield return new ValidationResult($"Name the instrument the score is from ({Instruments.InstrumentCatalog.Codes}).", [nameof(InstrumentCode)]);
        else if (Score is { } s && Instruments.InstrumentCatalog.Get(InstrumentCode)?.MaxTotal is { } max && s > max)
            yield return new ValidationResult($"{InstrumentCode} totals at most {max}.", [nameof(Score)]);
        if (Reached == false && (InTreatmentElsewhere is not null || UseOrRelapse is not null || Score is not null))
            yield return new ValidationResult("Someone not reached has no answers; leave them empty or record that they were reached.", [nameof(Reached)]);
    }
}
