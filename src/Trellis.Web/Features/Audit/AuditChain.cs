using System.Globalization;
using System.Text;

namespace Trellis.Web.Features.Audit;

/// <summary>The pure part of the audit chain: how an entry is hashed and how a chain is checked.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Timestamps are cut to whole microseconds before hashing because PostgreSQL stores no finer,
    /// and the hash must survive a round trip through either database.
    /// </summary>
    public static DateTimeOffset Normalize(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);
    }

    public static string ComputeHash(AuditKey key, AuditEntry e, string previousHash)
    {
        // Fields joined with a separator that cannot occur unescaped, so no two entries share a text.
        var parts = new[]
        {
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            Normalize(e.At).UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.UserId, e.UserName, e.Role, e.Action, e.RecordType, e.RecordId,
            e.ParticipantId?.ToString("D"), e.ClientAddress, e.Outcome, e.Detail, previousHash,
        };
        var text = string.Join('\u001f', parts.Select(p => (p ?? "\u0000").Replace("\u001f", "\u001f\u001f")));
        return Convert.ToHexStringLower(key.Sign(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Fills in sequence, previous hash and hash for entries appended after <paramref name="lastSequence"/>.</summary>
    public static void Link(AuditKey key, IEnumerable<AuditEntry> entries, long lastSequence, string lastHash)
    {
        foreach (var e in entries)
        {
            e.Sequence = ++lastSequence;
            e.At = Normalize(e.At);
            e.PreviousHash = lastHash;
            e.Hash = ComputeHash(key, e, lastHash);
            lastHash = e.Hash;
        }
    }

    public sealed record Finding(long Sequence, string Problem);

    /// <summary>
    /// Walks the chain in sequence order and names the first entry that was altered, removed or
    /// inserted. An entry whose hash no longer matches its contents was forged: inserted if the
    /// entry after it still links to the one before it, altered otherwise. A genuine entry that
    /// does not link to the entry before it means entries between them were removed.
    /// </summary>
    public static Finding? Verify(AuditKey key, IEnumerable<AuditEntry> chain) => Verify(key, chain, out _);

    /// <summary>Streams the chain with one entry of look-ahead, so a long trail needs no more memory than a short one.</summary>
    public static Finding? Verify(AuditKey key, IEnumerable<AuditEntry> chain, out long checkedCount)
    {
        checkedCount = 0;
        var previousHash = Genesis;
        long previousSequence = 0;
        using var it = chain.GetEnumerator();
        var current = it.MoveNext() ? it.Current : null;
        while (current is not null)
        {
            var next = it.MoveNext() ? it.Current : null;
            var e = current;
            checkedCount++;
            if (ComputeHash(key, e, e.PreviousHash) != e.Hash)
            {
                if (next is not null && next.PreviousHash == previousHash)
                    return new Finding(e.Sequence, $"entry {e.Sequence} was inserted: it does not match its hash and the entry after it links past it");
                return next is null
                    ? new Finding(e.Sequence, $"entry {e.Sequence} was altered or inserted: its contents do not match its hash")
                    : new Finding(e.Sequence, $"entry {e.Sequence} was altered: its contents no longer match its hash");
            }
            if (e.PreviousHash != previousHash)
                return new Finding(e.Sequence, previousSequence == 0
                    ? $"entries before entry {e.Sequence} were removed: it does not link to the start of the chain"
                    : $"entries between entry {previousSequence} and entry {e.Sequence} were removed: it does not link to entry {previousSequence}");
            previousHash = e.Hash;
            previousSequence = e.Sequence;
            current = next;
        }
        return null;
    }
}
