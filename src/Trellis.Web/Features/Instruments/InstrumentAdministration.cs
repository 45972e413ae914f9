using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Instruments;

/// <summary>
/// One completed instrument in a participant's chart: the answers as given, the score as
/// InstrumentScorer computed it, who gave it and when. Repeated over time it measures progress.
/// </summary>
public sealed class InstrumentAdministration : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    /// <summary>phq-9, gad-7, audit-c, dast-10, c-ssrs-screener, pcl-5.</summary>
    public string InstrumentCode { get; set; } = "";
    /// <summary>The answers array exactly as scored (JSON), so the score can always be recomputed.</summary>
    public string AnswersJson { get; set; } = "[]";
    public string? Sex { get; set; }
    public int? Total { get; set; }
    public string? Band { get; set; }
    public string? Risk { get; set; }
    public bool? Positive { get; set; }
    public List<string> Flags { get; set; } = [];
    /// <summary>
    /// The answer to an instrument's unscored item, where it has one and it was asked: PHQ-9's
    /// "how difficult have these problems made it…" (LOINC 69722-7), 0 not difficult at all to
    /// 3 extremely difficult. Never part of the total; it tells how much the symptoms cost in daily life.
    /// </summary>
    public int? Difficulty { get; set; }
    public DateTimeOffset AdministeredAt { get; set; }
    public Guid? AdministeredByStaffId { get; set; }
    /// <summary>chart (given by staff), portal (answered by the participant).</summary>
    public string Source { get; set; } = "chart";
}

internal sealed class InstrumentAdministrationConfiguration : IEntityTypeConfiguration<InstrumentAdministration>
{
    public void Configure(EntityTypeBuilder<InstrumentAdministration> b)
    {
        b.Property(x => x.InstrumentCode).HasMaxLength(20);
        b.Property(x => x.AnswersJson).HasMaxLength(2000);
        b.Property(x => x.Sex).HasMaxLength(10);
        b.Property(x => x.Band).HasMaxLength(30);
        b.Property(x => x.Risk).HasMaxLength(20);
        b.Property(x => x.Source).HasMaxLength(20);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(x => x.AdministeredByStaffId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.ParticipantId, x.InstrumentCode, x.AdministeredAt });
    }
}
