using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Notes;

/// <summary>
/// A treatment plan goal a note addressed. The goal id is stable across plan versions, so a
/// review can count the notes that worked on a goal; the goal's words are kept as written then.
/// </summary>
public sealed class NoteGoalLink : Entity, IParticipantOwned
{
    public Guid NoteId { get; set; }
    public ClinicalNote? Note { get; set; }
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public Guid GoalId { get; set; }
    public string GoalText { get; set; } = "";
}

/// <summary>
/// A correction or addition to a signed note, itself signed when written and never changed. The
/// note it amends stays exactly as it was signed; readers see both.
/// </summary>
public sealed class NoteAddendum : Entity, IParticipantOwned
{
    public Guid NoteId { get; set; }
    public ClinicalNote? Note { get; set; }
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public string Text { get; set; } = "";
    public Guid? AuthorStaffId { get; set; }
    public string AuthorName { get; set; } = "";
    public DateTimeOffset SignedAt { get; set; }
}

internal sealed class NoteGoalLinkConfiguration : IEntityTypeConfiguration<NoteGoalLink>
{
    public void Configure(EntityTypeBuilder<NoteGoalLink> b)
    {
        b.ToTable("NoteGoalLinks");
        b.Property(x => x.GoalText).HasMaxLength(1000);
        b.HasOne(x => x.Note).WithMany(n => n.Goals).HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.NoteId, x.GoalId }).IsUnique();
        b.HasIndex(x => new { x.ParticipantId, x.GoalId });
        b.HasQueryFilter("DiscardedDraft", x => !x.Note!.IsDeleted);
    }
}

internal sealed class NoteAddendumConfiguration : IEntityTypeConfiguration<NoteAddendum>
{
    public void Configure(EntityTypeBuilder<NoteAddendum> b)
    {
        b.ToTable("NoteAddenda");
        b.Property(x => x.Text).HasMaxLength(4000);
        b.Property(x => x.AuthorName).HasMaxLength(200);
        b.HasOne(x => x.Note).WithMany(n => n.Addenda).HasForeignKey(x => x.NoteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.NoteId);
    }
}
