using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Billing.Claims;

/// <summary>Rejected: returned by the clearinghouse (999) or the payer (277CA) before adjudication; worked from the denial queue.</summary>
public enum ClaimStatus { Draft, Ready, Sent, Accepted, Paid, Denied, PartlyPaid, Void, Rejected }

/// <summary>
/// Released charges of one participant, one payer and one period, as a payer is asked to pay them: an
/// 837I (UB-04 shape) or 837P (CMS-1500 shape). A correction is a new claim that replaces it (frequency 7)
/// or voids it (8); the replaced one keeps its history.
/// </summary>
public sealed class Claim : Entity, IParticipantOwned
{
    /// <summary>The patient control number (CLM01), which the payer's 835 answers with.</summary>
    public string Number { get; set; } = "";
    public Guid ParticipantId { get; set; }
    public Participant? Participant { get; set; }
    public Guid ProgramId { get; set; }
    public Guid PayerId { get; set; }
    public Payer? Payer { get; set; }
    public Guid CoverageId { get; set; }
    public ClaimType Type { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public ClaimStatus Status { get; set; }
    /// <summary>Claim frequency: 1 original, 2/3/4 interim first/continuing/last, 7 replacement, 8 void.</summary>
    public string Frequency { get; set; } = "1";
    /// <summary>Institutional: patient discharge status (30 still a patient, 01 discharged home).</summary>
    public string? PatientStatus { get; set; }
    public DateOnly? AdmissionDate { get; set; }
    /// <summary>ICD-10-CM codes, principal first, as the chart had them when the claim was made.</summary>
    public List<string> Diagnoses { get; set; } = [];
    public string? AuthorizationNumber { get; set; }
    public Guid? AttendingStaffId { get; set; }
    public decimal Total { get; set; }
    public decimal Paid { get; set; }
    public decimal Adjusted { get; set; }
    public decimal PatientResponsibility { get; set; }
    /// <summary>The payer's own number for it (CLP07), which a replacement names (REF*F8).</summary>
    public string? PayerClaimNumber { get; set; }
    public Guid? ReplacesClaimId { get; set; }
    public Guid? ReplacedByClaimId { get; set; }
    /// <summary>A charge on it was voided or replaced after it was sent: it needs a replacement or void claim.</summary>
    public bool CorrectionNeeded { get; set; }
    /// <summary>What the claim check found; a claim with problems stays a draft.</summary>
    public List<string> Problems { get; set; } = [];
    public DateTimeOffset? SentAt { get; set; }
    public Guid? FileId { get; set; }
    /// <summary>A denial worked off the queue: resubmitted (a replacement exists) or written off with a reason.</summary>
    public string? WorkedNote { get; set; }
    /// <summary>Why a 999 or 277CA rejected it, in words (the STC or IK3/IK4 codes).</summary>
    public string? Rejection { get; set; }
    public List<ClaimLine> Lines { get; set; } = [];
    /// <summary>
    /// Coordination of benefits, on a secondary claim: the primary claim it follows (its 835 is repeated in the
    /// 2320/2330/2430 loops) and what the primary payer paid and adjusted, which the secondary is not asked for.
    /// </summary>
    public Guid? PrimaryClaimId { get; set; }
    public decimal PriorPayerAmount { get; set; }
    /// <summary>On a primary claim: the claim its patient share was sent on to the secondary payer.</summary>
    public Guid? SecondaryClaimId { get; set; }

    public bool IsSecondary => PrimaryClaimId is not null;

    /// <summary>The claim's diagnoses from the chart: principal first, then by the date diagnosed and code, at most 12 (HI, FL 67, box 21).</summary>
    public static List<string> DiagnosesFrom(IEnumerable<Diagnosis> chart) =>
        Ordered(chart).Select(d => d.Code).Distinct().Take(12).ToList();

    private static IEnumerable<Diagnosis> Ordered(IEnumerable<Diagnosis> chart) =>
        chart.OrderByDescending(d => d.IsPrimary).ThenBy(d => d.DiagnosedOn).ThenBy(d => d.Code);

    /// <summary>
    /// The diagnosis pointer rule (837P SV107, CMS-1500 24E): a line points at the claim's diagnoses that were on the
    /// chart on its date of service (diagnosed on or before it, or undated), principal first, at most four. A line
    /// dated before any of them (a diagnosis made at a later visit) points at the principal diagnosis, as a line must
    /// point at one. Pointers are 1-based positions in <see cref="Diagnoses"/>.
    /// </summary>
    public static List<int> PointersFor(IReadOnlyList<string> claimDiagnoses, IEnumerable<Diagnosis> chart, DateOnly on)
    {
        var active = Ordered(chart).Where(d => d.DiagnosedOn is null || d.DiagnosedOn <= on)
            .Select(d => IndexOf(claimDiagnoses, d.Code) + 1).Where(i => i > 0).Distinct().Take(4).ToList();
        return active.Count > 0 || claimDiagnoses.Count == 0 ? active : [1];
    }

    private static int IndexOf(IReadOnlyList<string> list, string code)
    {
        for (var i = 0; i < list.Count; i++) if (list[i] == code) return i;
        return -1;
    }
    public decimal Balance => Total - PriorPayerAmount - Paid - Adjusted - PatientResponsibility;
    public bool IsLive => ReplacedByClaimId is null && Status != ClaimStatus.Void;
}

public sealed class ClaimLine
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ClaimId { get; set; }
    public int Number { get; set; }
    public Guid ChargeId { get; set; }
    public Guid ChargeLineId { get; set; }
    public DateOnly ServiceDate { get; set; }
    public string Code { get; set; } = "";
    public string? Modifier { get; set; }
    public string? RevenueCode { get; set; }
    public int Units { get; set; } = 1;
    public decimal Amount { get; set; }
    public string PlaceOfService { get; set; } = "";
    public Guid? RenderingStaffId { get; set; }
    public string Description { get; set; } = "";
    public decimal Paid { get; set; }
    public decimal Adjusted { get; set; }
    public decimal PatientResponsibility { get; set; }
    public bool Denied { get; set; }
    /// <summary>Which of the claim's diagnoses justify this line (1-based, at most 4): <see cref="Claim.PointersFor"/>.</summary>
    public List<int> DiagnosisPointers { get; set; } = [];

    /// <summary>The pointers to write: the line's own, or, on a line made before they were kept, the claim's first four.</summary>
    public IReadOnlyList<int> PointersOn(Claim claim) =>
        DiagnosisPointers.Count > 0 ? DiagnosisPointers : Enumerable.Range(1, Math.Min(4, claim.Diagnoses.Count)).ToList();

    /// <summary>The pointers as the CMS-1500 prints them (24E): A for the first diagnosis of box 21, B for the second…</summary>
    public string PointerLetters(Claim claim) => string.Concat(PointersOn(claim).Select(p => (char)('A' + p - 1)));
}

internal sealed class ClaimConfiguration : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> b)
    {
        b.ToTable("Claims");
        b.Property(x => x.Number).HasMaxLength(20);
        b.HasIndex(x => x.Number).IsUnique();
        b.Property(x => x.Frequency).HasMaxLength(1);
        b.Property(x => x.PatientStatus).HasMaxLength(2);
        b.Property(x => x.Diagnoses).HasJsonConversion();
        b.Property(x => x.Problems).HasJsonConversion();
        b.Property(x => x.AuthorizationNumber).HasMaxLength(60);
        b.Property(x => x.PayerClaimNumber).HasMaxLength(50);
        b.Property(x => x.WorkedNote).HasMaxLength(500);
        b.Property(x => x.Rejection).HasMaxLength(500);
        foreach (var p in new[] { nameof(Claim.Total), nameof(Claim.Paid), nameof(Claim.Adjusted), nameof(Claim.PatientResponsibility), nameof(Claim.PriorPayerAmount) }) b.Property(p).HasPrecision(12, 2);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Payer).WithMany().HasForeignKey(x => x.PayerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.ClaimId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.Status, x.PayerId });
        b.Ignore(x => x.Balance);
        b.Ignore(x => x.IsLive);
        b.Ignore(x => x.IsSecondary);
        b.HasIndex(x => x.PrimaryClaimId);
    }
}

internal sealed class ClaimLineConfiguration : IEntityTypeConfiguration<ClaimLine>
{
    public void Configure(EntityTypeBuilder<ClaimLine> b)
    {
        b.ToTable("ClaimLines");
        b.Property(x => x.Code).HasMaxLength(5);
        b.Property(x => x.Modifier).HasMaxLength(2);
        b.Property(x => x.RevenueCode).HasMaxLength(4);
        b.Property(x => x.PlaceOfService).HasMaxLength(2);
        b.Property(x => x.Description).HasMaxLength(200);
        foreach (var p in new[] { nameof(ClaimLine.Amount), nameof(ClaimLine.Paid), nameof(ClaimLine.Adjusted), nameof(ClaimLine.PatientResponsibility) }) b.Property(p).HasPrecision(12, 2);
        b.HasIndex(x => x.ChargeId);
        b.Property(x => x.DiagnosisPointers).HasJsonConversion();
    }
}

/// <summary>One 837 interchange as it was written: its control number, who made it (audited), and the text itself.</summary>
public sealed class ClaimFile : Entity
{
    public long ControlNumber { get; set; }
    public ClaimType Type { get; set; }
    public int ClaimCount { get; set; }
    /// <summary>The claims written in it: the file is shown only to someone whose scope shows every one.</summary>
    public List<Guid> ClaimIds { get; set; } = [];
    public string Content { get; set; } = "";
}

internal sealed class ClaimFileConfiguration : IEntityTypeConfiguration<ClaimFile>
{
    public void Configure(EntityTypeBuilder<ClaimFile> b)
    {
        b.ToTable("ClaimFiles");
        b.HasIndex(x => x.ControlNumber).IsUnique();
        b.Property(x => x.ClaimIds).HasJsonConversion();
    }
}
