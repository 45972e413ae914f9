using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Notes;

public enum NoteKind { Individual, Group, MedicationManagement, CaseManagement, DiagnosticEvaluation }

public static class NoteKinds
{
    /// <summary>The kind of note that documents an appointment of this service (a family session is an individual note).</summary>
    public static NoteKind Documenting(Scheduling.ServiceType service) => service switch
    {
        Scheduling.ServiceType.MedicationManagement => NoteKind.MedicationManagement,
        Scheduling.ServiceType.CaseManagement => NoteKind.CaseManagement,
        Scheduling.ServiceType.DiagnosticEvaluation => NoteKind.DiagnosticEvaluation,
        _ => NoteKind.Individual,
    };
}

/// <summary>Draft → signed. A signed note is locked; it waits for a co-signature when its author practises under supervision.</summary>
public enum NoteStatus { Draft, AwaitingCosignature, Locked }

/// <summary>
/// The signing half of a note, shared by a participant's note and a group note. Once
/// <see cref="Status"/> leaves Draft the content is locked: corrections are addenda, and the
/// database itself refuses an update of a locked note's content (see the ClinicalRecord migration).
/// </summary>
public interface ISignedRecord
{
    NoteStatus Status { get; set; }
    Guid? AuthorStaffId { get; set; }
    string AuthorName { get; set; }
    DateOnly ServiceDate { get; set; }
    DateTimeOffset? SignedAt { get; set; }
    Guid? SignedByStaffId { get; set; }
    string? SignedByName { get; set; }
    /// <summary>Signed more than <see cref="NoteSigning.LateEntryAfterDays"/> days after the service; the reason is kept.</summary>
    bool IsLateEntry { get; set; }
    string? LateEntryReason { get; set; }
    bool CosignRequired { get; set; }
    Guid? CosignerStaffId { get; set; }
    DateTimeOffset? CosignedAt { get; set; }
    Guid? CosignedByStaffId { get; set; }
    string? CosignedByName { get; set; }
}

/// <summary>
/// A note in one participant's chart: an individual session (DAP, BIRP or SOAP), a participant's
/// individual part of a group note, a medication-management visit or a case-management contact.
/// </summary>
public sealed class ClinicalNote : Entity, IParticipantOwned, ISignedRecord, ISoftDeletable
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public NoteKind Kind { get; set; }
    public NoteFormat Format { get; set; }
    public DateOnly ServiceDate { get; set; }
    public int? Minutes { get; set; }
    public Guid? AppointmentId { get; set; }
    public Guid? GroupNoteId { get; set; }
    public GroupNote? GroupNote { get; set; }
    /// <summary>Section key (data, assessment, plan…) → text, as the format defines them.</summary>
    public Dictionary<string, string> Sections { get; set; } = [];

    public NoteStatus Status { get; set; }
    public Guid? AuthorStaffId { get; set; }
    public string AuthorName { get; set; } = "";
    public DateTimeOffset? SignedAt { get; set; }
    public Guid? SignedByStaffId { get; set; }
    public string? SignedByName { get; set; }
    public bool IsLateEntry { get; set; }
    public string? LateEntryReason { get; set; }
    public bool CosignRequired { get; set; }
    public Guid? CosignerStaffId { get; set; }
    public DateTimeOffset? CosignedAt { get; set; }
    public Guid? CosignedByStaffId { get; set; }
    public string? CosignedByName { get; set; }
    /// <summary>A group part's structured choices (null for other notes; required before a group note is signed).</summary>
    public ParticipationLevel? ParticipationLevel { get; set; }
    public Presentation? Presentation { get; set; }
    public InterventionResponse? InterventionResponse { get; set; }
    /// <summary>
    /// How the service was delivered, recorded at signing from the attendance of the session or appointment the note
    /// documents (<see cref="NoteModality"/>); null for a note tied to neither.
    /// </summary>
    public Scheduling.Modality? Modality { get; set; }
    /// <summary>Where the participant confirmed they were for a video visit (Telehealth), recorded with the modality.</summary>
    public string? ParticipantLocation { get; set; }
    /// <summary>What the cloned-text check found at signing and that the signer confirmed it anyway; null when nothing was similar.</summary>
    public string? SimilarityWarning { get; set; }

    public bool IsDeleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    public List<NoteGoalLink> Goals { get; set; } = [];
    public List<NoteAddendum> Addenda { get; set; } = [];

    public string Section(string key) => Sections.TryGetValue(key, out var v) ? v : "";
}

internal sealed class ClinicalNoteConfiguration : IEntityTypeConfiguration<ClinicalNote>
{
    public void Configure(EntityTypeBuilder<ClinicalNote> b)
    {
        b.ToTable("ClinicalNotes");
        b.Property(x => x.Sections).HasJsonConversion();
        b.Property(x => x.SimilarityWarning).HasMaxLength(2000);
        b.Property(x => x.ParticipantLocation).HasMaxLength(300);
        b.Property(x => x.DeletedBy).HasMaxLength(256);
        SignatureColumns.Configure(b);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.GroupNote).WithMany(g => g.Parts).HasForeignKey(x => x.GroupNoteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Scheduling.Appointment>().WithMany().HasForeignKey(x => x.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ParticipantId, x.ServiceDate });
        b.HasIndex(x => new { x.AuthorStaffId, x.Status });
        b.HasIndex(x => new { x.CosignerStaffId, x.Status });
        b.HasIndex(x => x.AppointmentId);
        // A discarded draft stays in the database (and the audit trail) but out of every list.
        b.HasQueryFilter("DiscardedDraft", x => !x.IsDeleted);
    }
}

internal static class SignatureColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> b) where T : class, ISignedRecord
    {
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.Property(x => x.SignedByName).HasMaxLength(200);
        b.Property(x => x.CosignedByName).HasMaxLength(200);
        b.Property(x => x.LateEntryReason).HasMaxLength(1000);
        b.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(x => x.AuthorStaffId).OnDelete(DeleteBehavior.Restrict);
    }
}
