using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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
    /// </summary>
    private async Task<int> SaveWithAuditAsync(List<AuditEntry> entries, bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        var ownTransaction = Database.CurrentTransaction is null;
        // Inside a caller's transaction the chain stays locked until the caller commits, which this
        // method cannot see, so the in-process gate is not taken there; the database lock suffices.
        var gate = ownTransaction ? services.AuditWriter?.Gate : null;
        if (gate is not null) await gate.WaitAsync(ct);
        try
        {
            await using var transaction = ownTransaction ? await Database.BeginTransactionAsync(ct) : null;
            try
            {
                await LockAuditChainAsync(ct);
                var last = await AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
                AuditChain.Link(services.AuditKey, entries, last?.Sequence ?? 0, last?.Hash ?? AuditChain.Genesis);
                AuditEntries.AddRange(entries);
                var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
                if (transaction is not null) await transaction.CommitAsync(ct);
                // Written entries never change again (triggers refuse it): tracking them would only
                // make every later save of this context scan them.
                if (acceptAllChangesOnSuccess)
                    foreach (var e in entries) Entry(e).State = EntityState.Detached;
                return written;
            }
            catch
            {
                foreach (var e in entries) Entry(e).State = EntityState.Detached;
                throw;
            }
        }
        finally
        {
            gate?.Release();
        }
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
                    entry.Entity.CreatedAt = now;
                    entry.Entity.CreatedBy = who;
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.UpdatedBy = who;
                    entry.Entity.Version = 1;
                    break;
                case EntityState.Modified:
                    // Through the entry, so the stamps are saved without another scan for changes.
                    entry.Property(e => e.UpdatedAt).CurrentValue = now;
                    entry.Property(e => e.UpdatedBy).CurrentValue = who;
                    entry.Property(e => e.Version).CurrentValue = entry.Property(e => e.Version).OriginalValue + 1;
                    break;
            }
        }
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
