using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Participants;

/// <summary>An ICD-10-CM diagnosis on a participant's chart.</summary>
public sealed partial class Diagnosis : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public string Code { get; set; } = "";
    public string Description { get; set; } = "";
    public bool IsPrimary { get; set; }
    public DateOnly? DiagnosedOn { get; set; }

    /// <summary>ICD-10-CM shape: a letter, two characters, then up to four after a dot (F33.1, F10.20, Z63.0).</summary>
    [GeneratedRegex(@"^[A-TV-Z][0-9][0-9AB](\.[0-9A-TV-Z]{1,4})?$")]
    public static partial Regex Icd10Pattern();
}

internal sealed class DiagnosisConfiguration : IEntityTypeConfiguration<Diagnosis>
{
    public void Configure(EntityTypeBuilder<Diagnosis> b)
    {
        b.ToTable("Diagnoses");
        b.Property(x => x.Code).HasMaxLength(8);
        b.Property(x => x.Description).HasMaxLength(300);
        b.HasOne(x => x.Participant).WithMany(p => p.Diagnoses).HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
    }
}
