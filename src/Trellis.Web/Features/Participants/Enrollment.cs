using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Participants;

/// <summary>
/// A stay in a program and track, with its dates. The current one is mirrored on the participant
/// (ProgramId, TrackId, AdmittedOn) because scoping and lists need it on every query.
/// </summary>
public sealed class Enrollment : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public Guid ProgramId { get; set; }
    public TreatmentProgram? Program { get; set; }
    public Guid? TrackId { get; set; }
    public Track? Track { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? EndReason { get; set; }
}

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> b)
    {
        b.Property(x => x.EndReason).HasMaxLength(500);
        b.HasOne(x => x.Participant).WithMany(p => p.Enrollments).HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Program).WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
    }
}
