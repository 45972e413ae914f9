using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Admissions.Admission;

public enum OrientationItem { ProgramRules, Schedule, ConsentToTreatment, PrivacyNotice, Part2Consent, ReleasesOfInformation }

/// <summary>One item of a participant's orientation checklist, done on a day by someone.</summary>
public sealed class OrientationStep : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public OrientationItem Item { get; set; }
    /// <summary>Null when the item was ticked and then unticked: the row keeps its history in the audit trail.</summary>
    public DateOnly? DoneOn { get; set; }
    public string? DoneBy { get; set; }
    public string? Note { get; set; }
}

internal sealed class OrientationStepConfiguration : IEntityTypeConfiguration<OrientationStep>
{
    public void Configure(EntityTypeBuilder<OrientationStep> b)
    {
        b.ToTable("OrientationSteps");
        b.Property(x => x.DoneBy).HasMaxLength(256);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.Item }).IsUnique();
    }
}

/// <summary>The checklist a program asks for, and what each item means.</summary>
public static class Orientation
{
    public static IReadOnlyList<OrientationItem> ItemsFor(TreatmentProgram program) =>
        program.IsPart2
            ? [OrientationItem.ProgramRules, OrientationItem.Schedule, OrientationItem.ConsentToTreatment, OrientationItem.PrivacyNotice, OrientationItem.Part2Consent, OrientationItem.ReleasesOfInformation]
            : [OrientationItem.ProgramRules, OrientationItem.Schedule, OrientationItem.ConsentToTreatment, OrientationItem.PrivacyNotice, OrientationItem.ReleasesOfInformation];

    public static string Label(OrientationItem item) => item switch
    {
        OrientationItem.ProgramRules => "Program rules and expectations reviewed",
        OrientationItem.Schedule => "Schedule given (days, times, room, who to call)",
        OrientationItem.ConsentToTreatment => "Consent to treatment signed",
        OrientationItem.PrivacyNotice => "Notice of privacy practices given and acknowledged",
        OrientationItem.Part2Consent => "42 CFR Part 2 consent to disclose recorded",
        _ => "Releases of information discussed (signed, or none wanted)",
    };

    public static string Hint(OrientationItem item) => item switch
    {
        OrientationItem.ProgramRules => "Attendance, what to do when running late or sick, confidentiality in group, substance use on site.",
        OrientationItem.Schedule => "Give the printable welcome page: it lists the sessions, the room and who to call.",
        OrientationItem.ConsentToTreatment => "Informed consent to intensive outpatient treatment, signed by the participant or their guardian.",
        OrientationItem.PrivacyNotice => "HIPAA notice of privacy practices; for substance use programs it includes the Part 2 notice.",
        OrientationItem.Part2Consent => "Substance use records may be disclosed only with written consent holding every required element (42 CFR 2.31). Ticked automatically by a valid consent below.",
        _ => "For family, other providers or employers: record each release below, or note that none is wanted.",
    };

    /// <summary>Part 2 consent is satisfied by a consent record, not by a tick.</summary>
    public static bool IsTickable(OrientationItem item) => item != OrientationItem.Part2Consent;
}
