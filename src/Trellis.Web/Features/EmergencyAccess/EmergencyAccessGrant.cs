using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.EmergencyAccess;

/// <summary>
/// "Break the glass" (ONC 170.315(d)(6)): a clinician opened a chart outside their care team, for a reason
/// they gave, for a limited time. While it lasts the chart's records pass the scope filters for them
/// (<see cref="AccessScope.EmergencyCharts"/>); every read is audited as usual, the grant itself is audited as
/// a change, and the program's directors are told at once and review it. Program-owned (the chart's program
/// at the time), so the program's staff see who opened their participant's chart.
/// </summary>
public sealed class EmergencyAccessGrant : Entity, IProgramOwned
{
    /// <summary>How long one grant lasts: long enough to deal with an emergency, short enough not to become a habit.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromHours(1);

    public Guid ParticipantId { get; set; }
    public Guid ProgramId { get; set; }
    public Guid StaffMemberId { get; set; }
    /// <summary>Who opened it, as records name them ("Dana Reyes, LCSW"), kept as it was then.</summary>
    public string StaffName { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Set when the clinician ends it before it expires.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>
    /// For a 42 CFR Part 2 chart, the disclosure is a medical-emergency disclosure (§2.51), which must record
    /// the medical personnel it was made to and their affiliation, who made it, when, and the nature of the
    /// emergency. The clinician is the recipient; the discloser is the program (recorded as "Trellis
    /// emergency access" with the grant's time).
    /// </summary>
    public bool IsPart2 { get; set; }
    public string? EmergencyNature { get; set; }
    public string? RecipientAffiliation { get; set; }
    /// <summary>The clinician confirmed the participant's consent could not be obtained in time.</summary>
    public bool ConsentNotObtainable { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }
    public string? ReviewNote { get; set; }

    public bool IsActive(DateTimeOffset now) => EndedAt is null && now < ExpiresAt;

    /// <summary>When access stopped or will stop.</summary>
    public DateTimeOffset EndsAt => EndedAt is { } ended && ended < ExpiresAt ? ended : ExpiresAt;

    /// <summary>
    /// A staff member's own grants, past the care-team scope: a grant is its holder's even when its chart's
    /// program is not theirs, and it is read before the grant itself widens the scope (the session check).
    /// </summary>
    public static IQueryable<EmergencyAccessGrant> HeldBy(TrellisDbContext db, Guid staffId) =>
        db.Set<EmergencyAccessGrant>().IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).Where(g => g.StaffMemberId == staffId);

    /// <summary>A staff member's grants open now (<see cref="IsActive"/>, as a query).</summary>
    public static IQueryable<EmergencyAccessGrant> ActiveFor(TrellisDbContext db, Guid staffId, DateTimeOffset now) =>
        HeldBy(db, staffId).Where(g => g.EndedAt == null && g.ExpiresAt > now);
}

internal sealed class EmergencyAccessGrantConfiguration : IEntityTypeConfiguration<EmergencyAccessGrant>
{
    public void Configure(EntityTypeBuilder<EmergencyAccessGrant> b)
    {
        b.ToTable("EmergencyAccessGrants");
        b.Property(x => x.StaffName).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.EmergencyNature).HasMaxLength(1000);
        b.Property(x => x.RecipientAffiliation).HasMaxLength(200);
        b.Property(x => x.ReviewedBy).HasMaxLength(200);
        b.Property(x => x.ReviewNote).HasMaxLength(1000);
        b.HasOne<Participant>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.StaffMemberId, x.ExpiresAt });
        b.HasIndex(x => new { x.ProgramId, x.GrantedAt });
        b.HasIndex(x => x.ParticipantId);
    }
}

/// <summary>
/// A chart limited further (a staff member who is a participant, a public figure): emergency access to it is
/// refused to everyone but a program director, who must still give a reason. Set by a program director or an
/// administrator; the care team works with the chart as before.
/// </summary>
public sealed class ChartRestriction : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public string Reason { get; set; } = "";
    public string SetBy { get; set; } = "";
}

internal sealed class ChartRestrictionConfiguration : IEntityTypeConfiguration<ChartRestriction>
{
    public void Configure(EntityTypeBuilder<ChartRestriction> b)
    {
        b.ToTable("ChartRestrictions");
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.SetBy).HasMaxLength(200);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ParticipantId).IsUnique();
    }
}
