using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;

namespace Trellis.Web.Features.Auth;

/// <summary>
/// The claims each open session's principal (and each person's SMART app, keyed by <see cref="AppKey"/>) was last
/// built from, kept by this node so that a request does not
/// rebuild them (an account, its roles, its programs and a feature's grants: five reads) while nothing they come
/// from has changed. An entry is used only with the <see cref="AccessStamp"/> it was built under and before the
/// time its claims would change by themselves (an emergency grant's expiry); the session row itself (revoked,
/// expired, idle) is still read on every request. Bounded, and an entry is dropped after an hour unused.
/// </summary>
public sealed class PrincipalCache : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    public sealed record Entry(Guid Stamp, IReadOnlyList<Claim> Claims, bool ParticipantOnly, DateTimeOffset? Until);

    /// <summary>The key of a person's app tokens' claims (they have no session): one entry per account.</summary>
    public static string AppKey(string userId) => "app:" + userId;

    /// <param name="key">A session's id, or <see cref="AppKey"/>.</param>
    public Entry? Find(object key, Guid stamp, DateTimeOffset now) =>
        cache.TryGetValue(key, out Entry? e) && e!.Stamp == stamp && (e.Until is null || now < e.Until) ? e : null;

    public void Keep(object key, Entry entry) =>
        cache.Set(key, entry, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });

    public void Forget(object key) => cache.Remove(key);

    public void Dispose() => cache.Dispose();
}
