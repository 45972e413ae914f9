using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Audit;

public sealed record AuditVerification(bool Intact, long EntriesChecked, long? LastSequence, AuditChain.Finding? Finding)
{
    public string Describe() => Intact
        ? $"Audit trail intact: {EntriesChecked} entries checked, last entry {LastSequence?.ToString() ?? "none"}."
        : $"Audit trail NOT intact: {Finding!.Problem}.";
}

public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(TrellisDbContext db, AuditKey key, CancellationToken ct = default)
    {
        var last = await db.AuditEntries.AsNoTracking().MaxAsync(e => (long?)e.Sequence, ct);
        // Streamed in order; AsEnumerable keeps one row in memory at a time.
        var rows = db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsEnumerable();
        var finding = AuditChain.Verify(key, rows, out var count);
        return new AuditVerification(finding is null, count, last, finding);
    }
}
