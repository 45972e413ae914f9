using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// Days the clinic (or one program) does not meet: a holiday, a staff training day, a snow day.
/// Every session and appointment on those days is cancelled with a notice to those affected, and
/// generation makes future sessions on those days already cancelled.
/// </summary>
public sealed class Closure : Entity, IClinicOrProgramOwned, IProgramFact
{
    /// <summary>Null: the whole clinic, every program.</summary>
    public Guid? ProgramId { get; set; }
    public TreatmentProgram? Program { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// <summary>What people are told: "Thanksgiving", "Clinic closed for staff training".</summary>
    public string Reason { get; set; } = "";
    /// <summary>Set when the closure was called off; its sessions were put back.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    public bool Covers(Guid programId, DateOnly day) =>
        CancelledAt is null && (ProgramId is null || ProgramId == programId) && day >= StartsOn && day <= EndsOn;
}

internal sealed class ClosureConfiguration : IEntityTypeConfiguration<Closure>
{
    public void Configure(EntityTypeBuilder<Closure> b)
    {
        b.ToTable("Closures");
        b.Property(x => x.Reason).HasMaxLength(200);
        b.HasOne(x => x.Program).WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.StartsOn, x.EndsOn });
    }
}
