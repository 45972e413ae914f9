using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Setup;
using Trellis.Web.Features.Billing.X12;

namespace Trellis.Web.Features.Billing.Actions;

public sealed class SendClaimsInput
{
    /// <summary>The ready claims to send; none named (an empty list, null or no member) sends every ready claim in scope.</summary>
    public List<Guid>? ClaimIds { get; set; } = [];
}

public sealed record SentFile(Guid Id, long ControlNumber, string Type, int Claims);

/// <summary>
/// Writes ready claims into 837 files for the clearinghouse, one interchange per claim type with the next
/// control number, and marks them sent. Called by the claims page and POST /api/claims/send.
/// </summary>
public static class SendClaims
{
    public static async Task<Result<List<SentFile>>> RunAsync(TrellisDbContext db, SendClaimsInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators send claims.");
        if (await db.Set<BillingIdentity>().AsNoTracking().FirstOrDefaultAsync(ct) is not { } clinic)
            return Refusal.Conflict("Billing is not set up", "Enter the clinic's billing identity (Billing › Setup) before sending claims.");
        var query = db.Set<Claim>().Where(c => c.Status == ClaimStatus.Ready);
        var ids = input.ClaimIds ?? [];
        if (ids.Count > 0)
        {
            var found = await db.Set<Claim>().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Number, c.Status }).ToListAsync(ct);
            if (ids.Except(found.Select(f => f.Id)).FirstOrDefault() is { } missing && missing != Guid.Empty)
                return Refusal.Invalid("claimIds", $"No claim {missing} exists, or it is outside your programs.");
            if (found.FirstOrDefault(f => f.Status != ClaimStatus.Ready) is { } notReady)
                return Refusal.Conflict("Not ready", $"Claim {notReady.Number} is {EnumText.Label(notReady.Status).ToLowerInvariant()}, not ready; only ready claims are sent.");
            query = query.Where(c => ids.Contains(c.Id));
        }
        var docs = await ClaimDocuments.LoadAsync(db, query, ct);
        if (docs.Count == 0) return Refusal.Conflict("Nothing to send", "There are no ready claims to send.");
        var files = new List<SentFile>();
        foreach (var group in docs.GroupBy(d => d.Claim.Type))
        {
            var file = await WriteAsync(db, clinic, group.Key, group.ToList(), ct);
            foreach (var d in group)
            {
                d.Claim.Status = ClaimStatus.Sent;
                d.Claim.SentAt = db.Now;
                d.Claim.FileId = file.Id;
            }
            files.Add(new SentFile(file.Id, file.ControlNumber, EnumText.ToApi(group.Key), group.Count()));
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Refusal.Conflict("Claims were sent or changed at the same time elsewhere; nothing was saved. Load them again."); }
        return files;
    }

    /// <summary>One interchange with the next control number, kept as written (and audited as a disclosure of the claims in it).</summary>
    public static async Task<ClaimFile> WriteAsync(TrellisDbContext db, BillingIdentity clinic, ClaimType type, List<ClaimDocument> docs, CancellationToken ct)
    {
        var number = await Counters.TakeAsync(db, Counters.Interchange, 1, ct);
        var file = new ClaimFile { ControlNumber = number, Type = type, ClaimCount = docs.Count, ClaimIds = docs.Select(d => d.Claim.Id).ToList(), Content = Claim837Writer.Write(clinic, type, docs, number, db.Now) };
        db.Set<ClaimFile>().Add(file);
        foreach (var d in docs) db.Audit(Audit.AuditActions.Export, nameof(Claim), d.Claim.Id, d.Claim.ParticipantId, detail: $"837 interchange {number} to {clinic.ReceiverName}");
        return file;
    }
}
