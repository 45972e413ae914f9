using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Trellis.Web.Features.Fhir.Export;

public enum FhirExportStatus { Queued, Running, Completed, Failed }

public enum FhirExportLevel { System, Patient, Group }

/// <summary>
/// A Bulk Data $export, from kick-off to deletion (table FhirExportJobs). It keeps who asked (their user id, and the
/// claims of their principal at kick-off, from which the runner rebuilds the caller: the export reads through their
/// scope and roles, never more), what was asked, where it is (status, progress, the runner and its heartbeat) and what
/// came of it (the files per type with their counts, or the error). Not an <see cref="Data.Entity"/>: only the runner
/// and the kick-off and delete endpoints change it, through the requester's own id, and progress is not worth an audit
/// entry per batch; what the export read is audited as reads.
/// </summary>
public sealed class FhirExportJob
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The requester's user id: only they may poll, download or delete.</summary>
    public string RequestedBy { get; set; } = "";
    /// <summary>The requester's claims at kick-off (JSON: type and value pairs).</summary>
    public string Principal { get; set; } = "";
    public string? ClientAddress { get; set; }
    public FhirExportLevel Level { get; set; }
    public Guid? GroupId { get; set; }
    /// <summary>The resource types asked for in order (comma-separated); every type the caller may read when none were named.</summary>
    public string Types { get; set; } = "";
    public DateTimeOffset? Since { get; set; }
    /// <summary>The kick-off request's URL, as the manifest's <c>request</c>.</summary>
    public string Request { get; set; } = "";
    public string BaseUrl { get; set; } = "";
    public FhirExportStatus Status { get; set; }
    /// <summary>What the runner is doing, for X-Progress ("Observation: 12,000 resources written (5 of 21 types)").</summary>
    public string? Progress { get; set; }
    public long Exported { get; set; }
    /// <summary>Per type written: "Type:count" pairs, comma-separated, in order; "Type:count:part2" when the file discloses Part 2 records to an outside recipient.</summary>
    public string? Output { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    /// <summary>The instant the export reads the data as of (the manifest's transactionTime): nothing changed after it is in it.</summary>
    public DateTimeOffset? TransactionTime { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>When the files are removed (and the job with them); set when it finishes.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public string? Error { get; set; }
    /// <summary>The runner that holds it (node and process), and when it last said it is alive.</summary>
    public string? Runner { get; set; }
    public DateTimeOffset? HeartbeatAt { get; set; }
    /// <summary>Set by DELETE while it runs: the runner stops at its next batch and removes the files and the job.</summary>
    public bool CancelRequested { get; set; }

    public IReadOnlyList<(string Type, long Count, bool Part2)> Files() => string.IsNullOrEmpty(Output) ? [] :
        [.. Output.Split(',').Select(p => p.Split(':')).Select(p => (p[0], long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), p.Length > 2 && p[2] == "part2"))];
}

internal sealed class FhirExportJobConfiguration : IEntityTypeConfiguration<FhirExportJob>
{
    public void Configure(EntityTypeBuilder<FhirExportJob> b)
    {
        b.ToTable("FhirExportJobs");
        b.Property(x => x.RequestedBy).HasMaxLength(450);
        b.Property(x => x.Principal).HasMaxLength(20000);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        b.Property(x => x.Types).HasMaxLength(2000);
        b.Property(x => x.Request).HasMaxLength(4000);
        b.Property(x => x.BaseUrl).HasMaxLength(1000);
        b.Property(x => x.Progress).HasMaxLength(500);
        b.Property(x => x.Output).HasMaxLength(4000);
        b.Property(x => x.Error).HasMaxLength(2000);
        b.Property(x => x.Runner).HasMaxLength(200);
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        b.HasIndex(x => x.RequestedBy);
    }
}
