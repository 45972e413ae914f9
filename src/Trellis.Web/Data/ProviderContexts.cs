using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Trellis.Web.Data;

public sealed class SqliteTrellisDbContext(DbContextOptions<SqliteTrellisDbContext> options, ContextServices services)
    : TrellisDbContext(options, services)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        base.ConfigureConventions(builder);
        // SQLite cannot order or compare DateTimeOffset or decimal in SQL. Every instant is stored
        // in UTC, so its tick count orders correctly; decimals here are hours and doses, for which
        // a double's precision is ample.
        builder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        builder.Properties<decimal>().HaveConversion<double>();
    }
}

/// <summary>
/// Stores an instant as its UTC tick count: exact (EF's own binary converter drops precision below
/// 0.1 ms, which would break audit hashes) and ordered. Every instant the app writes is UTC.
/// </summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

public sealed class PostgresTrellisDbContext(DbContextOptions<PostgresTrellisDbContext> options, ContextServices services)
    : TrellisDbContext(options, services)
{
    // One lock id for the audit chain; held until the transaction ends. It is taken once per
    // transaction that extends the chain: a node's group commit of many reads, or one save's changes.
    private const long AuditChainLockId = 0x7472656C6C6973; // "trellis"

    protected override async Task LockAuditChainAsync(CancellationToken ct) =>
        await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditChainLockId})", ct);
}

/// <summary>For `dotnet ef migrations add … --context SqliteTrellisDbContext`.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTrellisDbContext>
{
    public SqliteTrellisDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTrellisDbContext>().UseSqlite("Data Source=design.db").Options, ContextServices.DesignTime());
}

/// <summary>For `dotnet ef migrations add … --context PostgresTrellisDbContext`.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTrellisDbContext>
{
    public PostgresTrellisDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTrellisDbContext>().UseNpgsql("Host=localhost;Database=design").Options, ContextServices.DesignTime());
}
