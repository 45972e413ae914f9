using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Notes;

/// <summary>
/// The note of one group session, written once: what the group worked on. Each attendee gets an
/// individual part (a <see cref="ClinicalNote"/> of kind Group in their own chart) about their
/// participation, response and progress. It names no participant, and it is scoped by program
/// (it is not a chart record), through the context's program filter (<see cref="IProgramOwned"/>).
/// </summary>
public sealed class GroupNote : Entity, ISignedRecord, IProgramOwned
{
    public Guid GroupSessionId { get; set; }
    public GroupSession? GroupSession { get; set; }
    public Guid ProgramId { get; set; }
    public string Topic { get; set; } = "";
    /// <summary>The group's content: what was covered, the interventions used, the group process.</summary>
    public string Summary { get; set; } = "";

    public NoteStatus Status { get; set; }
    public Guid? AuthorStaffId { get; set; }
    public string AuthorName { get; set; } = "";
    public DateOnly ServiceDate { get; set; }
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

    public List<ClinicalNote> Parts { get; set; } = [];
}

internal sealed class GroupNoteConfiguration : IEntityTypeConfiguration<GroupNote>
{
    public void Configure(EntityTypeBuilder<GroupNote> b)
    {
        b.ToTable("GroupNotes");
        b.Property(x => x.Topic).HasMaxLength(200);
        b.Property(x => x.Summary).HasMaxLength(8000);
        SignatureColumns.Configure(b);
        b.HasOne(x => x.GroupSession).WithMany().HasForeignKey(x => x.GroupSessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organization.TreatmentProgram>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.GroupSessionId).IsUnique();
        b.HasIndex(x => new { x.ProgramId, x.ServiceDate });
    }
}
