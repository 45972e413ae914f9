using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Admissions;

/// <summary>
/// The admissions pipeline, in order. The first five are open stages a lead moves through; the
/// last three are outcomes. Waitlisted is open too: the person is waiting for a place.
/// </summary>
public enum AdmissionStage { Inquiry, Screening, Assessment, LevelOfCareDecision, Authorization, Waitlisted, Admitted, Referred, Closed }

public enum InquirySource { WebForm, Phone, Referral, WalkIn }

public enum ContactMethod { Phone, Text, Email }

/// <summary>
/// A lead in the admissions pipeline: one person's way from a first inquiry to admission, a place
/// on the waitlist, or a referral elsewhere. It starts before there is a chart (an inquiry holds
/// only what the person chose to tell us) and is linked to a participant once intake registers
/// them. Scoping follows <see cref="ProgramId"/>; see <see cref="AdmissionScope"/>.
/// </summary>
public sealed class AdmissionCase : Entity, IClinicOrProgramOwned
{
    /// <summary>The program asked about; null while the person is not sure which one fits.</summary>
    public Guid? ProgramId { get; set; }
    public TreatmentProgram? Program { get; set; }
    public Guid? ParticipantId { get; set; }
    public Participant? Participant { get; set; }

    public AdmissionStage Stage { get; set; }
    public DateTimeOffset StageEnteredAt { get; set; }
    /// <summary>Who is working the lead now; null while it waits for someone to take it.</summary>
    public Guid? OwnerStaffId { get; set; }

    public InquirySource Source { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>Who referred them ("Dr. Ames, Eastside Family Medicine"), when someone did.</summary>
    public string? ReferredBy { get; set; }

    public string FirstName { get; set; } = "";
    public string? LastName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public ContactMethod PreferredContact { get; set; }
    /// <summary>"Weekdays after 5", in the person's words.</summary>
    public string? BestTimeToReach { get; set; }
    /// <summary>Whether a voicemail or text may say where it is from: a household may not know.</summary>
    public bool MessageMayNameClinic { get; set; }
    public string? LookingFor { get; set; }
    public bool ConsentToContact { get; set; }

    /// <summary>What the person chose to send from the public self-check, as plain text.</summary>
    public string? SelfCheckSummary { get; set; }
    public LevelOfCare? SelfCheckSuggestedLevel { get; set; }
    /// <summary>The inquiry showed a sign of suicide risk: call back the same day.</summary>
    public bool SafetyConcern { get; set; }

    /// <summary>For a referral elsewhere: where to ("Riverbend PHP").</summary>
    public string? ReferredTo { get; set; }
    /// <summary>Why the lead was referred, closed or waitlisted.</summary>
    public string? OutcomeReason { get; set; }
    public Guid? WaitlistTrackId { get; set; }
    /// <summary>When the lead reached an outcome (admitted, referred, closed); null while open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    public List<AdmissionStep> Steps { get; set; } = [];

    public string Name => string.IsNullOrWhiteSpace(LastName) ? FirstName : $"{FirstName} {LastName}";
    public bool IsOpen => AdmissionStages.IsOpen(Stage);
}

/// <summary>One dated step of a lead: the stage it entered, when, who owned it then, and a note.</summary>
public sealed class AdmissionStep : Entity
{
    public Guid CaseId { get; set; }
    public AdmissionStage Stage { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
    public Guid? OwnerStaffId { get; set; }
    /// <summary>The owner's name at the time, so history reads right after staff leave.</summary>
    public string? OwnerName { get; set; }
    public string? ByName { get; set; }
    public string? Note { get; set; }
}

internal sealed class AdmissionCaseConfiguration : IEntityTypeConfiguration<AdmissionCase>
{
    public void Configure(EntityTypeBuilder<AdmissionCase> b)
    {
        b.ToTable("AdmissionCases");
        b.Property(x => x.ReferredBy).HasMaxLength(200);
        b.Property(x => x.FirstName).HasMaxLength(100);
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.BestTimeToReach).HasMaxLength(200);
        b.Property(x => x.LookingFor).HasMaxLength(2000);
        b.Property(x => x.SelfCheckSummary).HasMaxLength(4000);
        b.Property(x => x.ReferredTo).HasMaxLength(200);
        b.Property(x => x.OutcomeReason).HasMaxLength(1000);
        b.HasOne(x => x.Program).WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(x => x.OwnerStaffId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Track>().WithMany().HasForeignKey(x => x.WaitlistTrackId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ProgramId, x.Stage });
        b.HasIndex(x => x.ParticipantId);
        b.HasIndex(x => x.ReceivedAt);
        b.Ignore(x => x.Name);
        b.Ignore(x => x.IsOpen);
    }
}

internal sealed class AdmissionStepConfiguration : IEntityTypeConfiguration<AdmissionStep>
{
    public void Configure(EntityTypeBuilder<AdmissionStep> b)
    {
        b.ToTable("AdmissionSteps");
        b.Property(x => x.OwnerName).HasMaxLength(200);
        b.Property(x => x.ByName).HasMaxLength(256);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasIndex(x => new { x.CaseId, x.EnteredAt });
    }
}
