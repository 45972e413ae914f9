using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Audit;

public sealed record AuditVerification(bool Intact, long EntriesChecked, long? LastSequence, AuditChain.Finding? Finding, int CheckpointsChecked = 0)
{
    public string Describe() => Intact
        ? $"Audit trail intact: {EntriesChecked} entries checked, last entry {LastSequence?.ToString() ?? "none"}"
            + (CheckpointsChecked > 0 ? $"; it matches all {CheckpointsChecked} checkpoints." : ".")
        : $"Audit trail NOT intact: {Finding!.Problem}.";
}

public static class AuditVerifier
{
    /// <summary>
    /// Checks the chain, and with <paramref name="checkpointPath"/> that it still reaches every
    /// checkpoint written there with the same hash (so removing the newest entries shows).
    /// </summary>
    public static Task<AuditVerification> VerifyAsync(TrellisDbContext db, AuditKey key, string? checkpointPath = null) =>
        Task.FromResult(Verify(db, key, checkpointPath));

    private static AuditVerification Verify(TrellisDbContext db, AuditKey key, string? checkpointPath)
    {
        // Checkpoints first: each records entries committed before it was written, so the chain read
        // after it must contain them, even while the app keeps appending.
        var checkpoints = string.IsNullOrWhiteSpace(checkpointPath) ? AuditCheckpoints.Set.None : AuditCheckpoints.Read(key, checkpointPath);
        if (checkpoints.Problem is { } bad) return new AuditVerification(false, 0, null, bad);

        var wanted = checkpoints.Sequences;
        var hashes = new Dictionary<long, string>();
        long? last = null;
        // Streamed in order; AsEnumerable keeps one row in memory at a time.
        var rows = db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsEnumerable().Select(e =>
        {
            last = e.Sequence;
            if (wanted.Contains(e.Sequence)) hashes[e.Sequence] = e.Hash;
            return e;
        });
        var finding = AuditChain.Verify(key, rows, out var count);
        finding ??= AuditCheckpoints.Check(checkpoints, hashes, last ?? 0);
        return new AuditVerification(finding is null, count, last, finding, checkpoints.Checkpoints.Count);
    }
}
