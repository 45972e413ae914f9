using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Billing.Charges;

public enum ChargeStatus { Held, Ready, Billed, Void }

/// <summary>PerDiem: a day's S9480/H0015. IopDay: Medicare's IOP day (a line per qualifying service). Service: one service. Unpriced: no coverage or fee schedule to price it.</summary>
public enum ChargeKind { PerDiem, IopDay, Service, Unpriced }

/// <summary>
/// What attended, documented care is worth, made from attendance by <see cref="ChargeEngine"/> (never typed):
/// one charge per participant-day for per-diem payers, one per service otherwise. It traces to the
/// attendance, sessions, appointments and notes behind each line. A charge is held while a reason in
/// <see cref="Holds"/> stands; a late change to what it was made from voids it and makes its replacement.
/// </summary>
public sealed class Charge : Entity, IParticipantOwned
{
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public Guid ProgramId { get; set; }
    public DateOnly ServiceDate { get; set; }
    /// <summary>Which part of the day this is: "day" for per-diem kinds, the attendance record for a service.</summary>
    public string Key { get; set; } = "";
    public ChargeKind Kind { get; set; }
    public ChargeStatus Status { get; set; }
    public Guid? PayerId { get; set; }
    public Payer? Payer { get; set; }
    public Guid? CoverageId { get; set; }
    public Guid? FeeScheduleId { get; set; }
    public Guid? AuthorizationId { get; set; }
    public string? AuthorizationNumber { get; set; }
    public decimal Amount { get; set; }
    /// <summary>Medicare's IOP day: the per diem the tier is expected to pay (the lines carry the clinic's charges).</summary>
    public decimal? Expected { get; set; }
    /// <summary>Medicare's IOP day: qualifying services counted (3, or 4 and more).</summary>
    public int? QualifyingServices { get; set; }
    public List<HoldReason> Holds { get; set; } = [];
    public List<ChargeLine> Lines { get; set; } = [];
    /// <summary>The attended sessions and appointments it is made from, with their notes and clinicians (a per diem's one line stands for all of them).</summary>
    public List<ChargeSource> Sources { get; set; } = [];
    /// <summary>A billing specialist's release of releasable holds, audited with the reason.</summary>
    public DateTimeOffset? ReleasedAt { get; set; }
    public string? ReleasedBy { get; set; }
    public string? ReleaseReason { get; set; }
    public Guid? ReplacesChargeId { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }
    public string? VoidReason { get; set; }
    /// <summary>The claim it is on now (a replacement claim takes over from the one it replaced).</summary>
    public Guid? ClaimId { get; set; }

    /// <summary>Held reasons no release overrides stand; the rest a release lifts.</summary>
    public bool Blocked => Holds.Any(h => !HoldReasons.Releasable(h.Code)) || (Holds.Count > 0 && ReleasedAt is null);
}

public sealed record HoldReason(string Code, string Text);

/// <summary>One attended session or appointment behind a charge: what billing may know of it, never the note's text.</summary>
public sealed record ChargeSource(Guid AttendanceRecordId, Guid? GroupSessionId, Guid? AppointmentId, Guid? NoteId, Guid? RenderingStaffId,
    ServiceType ServiceType, int Minutes, bool Video, string Title);

/// <summary>One billable line: a code, its units and amount, and what it came from.</summary>
public sealed class ChargeLine
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ChargeId { get; set; }
    public int Number { get; set; }
    public string Code { get; set; } = "";
    public string? Modifier { get; set; }
    public string? RevenueCode { get; set; }
    public int Units { get; set; } = 1;
    public decimal Amount { get; set; }
    public string PlaceOfService { get; set; } = "";
    public ServiceType? ServiceType { get; set; }
    public int Minutes { get; set; }
    public Guid? AttendanceRecordId { get; set; }
    public Guid? GroupSessionId { get; set; }
    public Guid? AppointmentId { get; set; }
    public Guid? NoteId { get; set; }
    public Guid? RenderingStaffId { get; set; }
    public string Description { get; set; } = "";
}

internal sealed class ChargeConfiguration : IEntityTypeConfiguration<Charge>
{
    public void Configure(EntityTypeBuilder<Charge> b)
    {
        b.ToTable("Charges");
        b.Property(x => x.Key).HasMaxLength(40);
        b.Property(x => x.AuthorizationNumber).HasMaxLength(60);
        b.Property(x => x.Amount).HasPrecision(12, 2);
        b.Property(x => x.Expected).HasPrecision(12, 2);
        b.Property(x => x.Holds).HasJsonConversion();
        b.Property(x => x.Sources).HasJsonConversion();
        b.Property(x => x.ReleasedBy).HasMaxLength(256);
        b.Property(x => x.ReleaseReason).HasMaxLength(500);
        b.Property(x => x.VoidReason).HasMaxLength(500);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Payer).WithMany().HasForeignKey(x => x.PayerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.ChargeId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ParticipantId, x.ServiceDate });
        b.HasIndex(x => new { x.Status, x.ServiceDate });
        b.HasIndex(x => x.ClaimId);
        b.Ignore(x => x.Blocked);
    }
}

internal sealed class ChargeLineConfiguration : IEntityTypeConfiguration<ChargeLine>
{
    public void Configure(EntityTypeBuilder<ChargeLine> b)
    {
        b.ToTable("ChargeLines");
        b.Property(x => x.Code).HasMaxLength(5);
        b.Property(x => x.Modifier).HasMaxLength(2);
        b.Property(x => x.RevenueCode).HasMaxLength(4);
        b.Property(x => x.PlaceOfService).HasMaxLength(2);
        b.Property(x => x.Amount).HasPrecision(12, 2);
        b.Property(x => x.Description).HasMaxLength(200);
        b.HasIndex(x => x.AttendanceRecordId);
    }
}
