using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Trellis.Web.Features.Audit;

namespace Trellis.Web.Data;

/// <summary>Marks an entity whose changes are not written to the audit trail (generated, non-clinical bulk data).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;

public abstract partial class TrellisDbContext
{
    private readonly List<AuditEntry> pendingAudit = [];

    /// <summary>Queues an audit entry to be written with the next save.</summary>
    public void Audit(string action, string? recordType, object? recordId, Guid? participantId, string outcome = "Success", string? detail = null, Actor? actingAs = null)
    {
        var who = actingAs ?? Actor;
        pendingAudit.Add(new AuditEntry
        {
            At = Now,
            UserId = who.UserId,
            UserName = who.UserName,
            Role = who.Role,
            ClientAddress = who.ClientAddress,
            Action = action,
            RecordType = recordType,
            RecordId = recordId?.ToString(),
            ParticipantId = participantId,
            Outcome = Truncate(outcome, 200)!,
            Detail = Truncate(detail, 1000),
        });
    }

    /// <summary>Records that the caller read these records, and writes it before the data is returned.</summary>
    public async Task AuditReadAsync(string recordType, IEnumerable<(object Id, Guid? ParticipantId)> records, string? detail = null, CancellationToken ct = default)
    {
        foreach (var (id, participantId) in records) Audit(AuditActions.Read, recordType, id, participantId, detail: detail);
        await SaveChangesAsync(ct);
    }

    public Task AuditReadAsync(string recordType, object id, Guid? participantId, CancellationToken ct = default) =>
        AuditReadAsync(recordType, [(id, participantId)], null, ct);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        // One scan of the tracked entities per save: stamping, the change audit and EF's own save
        // would each scan them again, which made a save cost time in proportion to everything the
        // context had ever tracked (seconds per save while seeding the demo). The scan runs even
        // when the caller turned automatic detection off (the demo seeder), so no change is missed.
        ChangeTracker.DetectChanges();
        if (services.SaveHooks.Count > 0 && ChangeTracker.HasChanges())
        {
            foreach (var hook in services.SaveHooks) await hook.BeforeSaveAsync(this, ct);
            ChangeTracker.DetectChanges();
        }
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try { return await SaveDetectedChangesAsync(acceptAllChangesOnSuccess, ct); }
        finally { ChangeTracker.AutoDetectChangesEnabled = autoDetect; }
    }

    private async Task<int> SaveDetectedChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        StampEntities();
        var entries = CollectChangeAudit();
        entries.AddRange(pendingAudit);
        pendingAudit.Clear();
        if (entries.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);

        // Entries that record no change of this save (reads, sign-ins, refusals) join the process's
        // next group commit. Returning only once it is durable keeps "audited before returned".
        if (services.AuditWriter is { } writer && Database.CurrentTransaction is null && !ChangeTracker.HasChanges())
        {
            await writer.AppendAsync(entries, ct);
            return entries.Count;
        }
        return await SaveWithAuditAsync(entries, acceptAllChangesOnSuccess, ct);
    }

    /// <summary>Writes a group commit's entries: the chain extended once for all of them, in one transaction.</summary>
    internal async Task AppendAuditBatchAsync(List<AuditEntry> entries, CancellationToken ct = default) =>
        await SaveWithAuditAsync(entries, acceptAllChangesOnSuccess: true, ct);

    /// <summary>
    /// Saves the tracked changes and their entries in one transaction, so a change is never saved
    /// without its entry. The chain is extended by one writer at a time across every app node: in
    /// this process the writer's gate orders them, across processes the database's lock.
    /// A transient failure (PostgreSQL restarting) runs the whole transaction again, through the
    /// execution strategy (<see cref="RetryStrategy"/>); before that, it checks whether the failed
    /// attempt committed after all (its first entry is on the chain), so nothing is written twice.
    /// </summary>
    private async Task<int> SaveWithAuditAsync(List<AuditEntry> entries, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        if (Database.CurrentTransaction is not null)
        {
            // Inside a caller's transaction the chain stays locked until the caller commits, which this
            // method cannot see, so the in-process gate is not taken there; the database lock suffices.
            var inCaller = await WriteChainedAsync(entries, transaction: null, ct);
            Settle(entries, acceptAllChangesOnSuccess);
            return inCaller;
        }
        var written = await Database.CreateExecutionStrategy().ExecuteAsync(entries, async (_, batch, token) =>
        {
            var gate = services.AuditWriter?.Gate;
            if (gate is not null) await gate.WaitAsync(token);
            try
            {
                await using var transaction = await Database.BeginTransactionAsync(token);
                return await WriteChainedAsync(batch, transaction, token);
            }
            finally { gate?.Release(); }
        }, async (_, batch, token) =>
        {
            var first = batch[0];
            var committed = await AuditEntries.AsNoTracking().AnyAsync(e => e.Sequence == first.Sequence && e.Hash == first.Hash, token);
            return new ExecutionResult<int>(committed, batch.Count);
        }, ct);
        Settle(entries, acceptAllChangesOnSuccess);
        return written;
    }

    /// <summary>
    /// One attempt: links the entries onto the head of the chain and saves them with the changes. The
    /// changes are accepted only once the whole save is known to be durable (<see cref="Settle"/>), so
    /// an attempt that fails leaves them pending for the next one.
    /// </summary>
    private async Task<int> WriteChainedAsync(List<AuditEntry> entries, IDbContextTransaction? transaction, CancellationToken ct)
    {
        try
        {
            await LockAuditChainAsync(ct);
            var last = await AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
            AuditChain.Link(services.AuditKey, entries, last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis);
            AuditEntries.AddRange(entries);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
            return written;
        }
        catch
        {
            foreach (var e in entries) Entry(e).State = EntityState.Detached;
            throw;
        }
    }

    // Written entries never change again (triggers refuse it): tracking them would only make every
    // later save of this context scan them.
    private void Settle(List<AuditEntry> entries, bool acceptAllChangesOnSuccess)
    {
        foreach (var e in entries) Entry(e).State = EntityState.Detached;
        if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
    }

    /// <summary>
    /// Serialises writers of the audit chain across processes, once per transaction (a batch of
    /// reads or one save's changes), never per entry. SQLite needs nothing: its write transactions
    /// already are serialised.
    /// </summary>
    protected virtual Task LockAuditChainAsync(CancellationToken ct) => Task.CompletedTask;

    private void StampEntities()
    {
        var now = Now;
        var who = Actor.UserName ?? Actor.UserId;
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    DropNulCharacters(entry);
                    entry.Entity.CreatedAt = now;
                    entry.Entity.CreatedBy = who;
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.UpdatedBy = who;
                    entry.Entity.Version = 1;
                    break;
                case EntityState.Modified:
                    DropNulCharacters(entry);
                    // Through the entry, so the stamps are saved without another scan for changes.
                    entry.Property(e => e.UpdatedAt).CurrentValue = now;
                    entry.Property(e => e.UpdatedBy).CurrentValue = who;
                    entry.Property(e => e.Version).CurrentValue = entry.Property(e => e.Version).OriginalValue + 1;
                    break;
            }
        }
    }

    /// <summary>
    /// PostgreSQL text cannot hold U+0000 and SQLite can: it is removed before every save, so both databases
    /// keep the same text and a crafted form post cannot fail a save. The API refuses it outright, naming the
    /// member (<see cref="Infrastructure.StrictJson"/>).
    /// </summary>
    private static void DropNulCharacters(EntityEntry<Entity> entry)
    {
        foreach (var p in entry.Properties)
            if (p.CurrentValue is string s && s.Contains('\0') && (entry.State == EntityState.Added || p.IsModified))
                p.CurrentValue = s.Replace("\0", "", StringComparison.Ordinal);
    }

    private List<AuditEntry> CollectChangeAudit()
    {
        var list = new List<AuditEntry>();
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = entry.Entity.GetType();
            if (type.GetCustomAttribute<NotAuditedAttribute>() is not null) continue;
            var (action, detail) = Describe(entry);
            var participantId = entry.Entity is IParticipantOwned owned ? owned.ParticipantId : (Guid?)null;
            var who = Actor;
            list.Add(new AuditEntry
            {
                At = Now, UserId = who.UserId, UserName = who.UserName, Role = who.Role, ClientAddress = who.ClientAddress,
                Action = action, RecordType = type.Name, RecordId = entry.Entity.Id.ToString(),
                ParticipantId = participantId, Outcome = "Success", Detail = Truncate(detail, 1000),
            });
        }
        return list;
    }

    private static (string Action, string? Detail) Describe(EntityEntry<Entity> entry)
    {
        if (entry.State == EntityState.Added) return (AuditActions.Create, null);
        if (entry.State == EntityState.Deleted) return (AuditActions.Delete, "removed permanently");
        if (entry.Entity is ISoftDeletable)
        {
            var deleted = entry.Property(nameof(ISoftDeletable.IsDeleted));
            if (deleted.IsModified && (bool)deleted.CurrentValue! != (bool)deleted.OriginalValue!)
                return (bool)deleted.CurrentValue! ? (AuditActions.Delete, "soft delete") : (AuditActions.Restore, null);
        }
        // Names of the changed fields, never their values: the trail must not become a copy of the chart.
        var changed = entry.Properties
            .Where(p => p.IsModified && p.Metadata.Name is not (nameof(Entity.Version) or nameof(Entity.UpdatedAt) or nameof(Entity.UpdatedBy)))
            .Select(p => p.Metadata.Name);
        return (AuditActions.Update, "fields: " + string.Join(", ", changed));
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
