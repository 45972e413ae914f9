using Microsoft.AspNetCore.Components;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Admissions;

/// <summary>
/// A component that talks to the database with a context of its own. Statically rendered pages
/// initialise sibling components concurrently (a card waits for its query while the next card
/// starts), and one request's context cannot run two queries at once: on PostgreSQL that fails
/// with "a second operation was started". Cards, chart flags and page sections derive from this
/// so they never share the page's context. The new context still acts as the signed-in caller:
/// scoping and auditing read the request's user through IHttpContextAccessor.
/// </summary>
public abstract class OwnContextComponent : ComponentBase, IAsyncDisposable
{
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    private AsyncServiceScope? scope;

    protected TrellisDbContext Db => (scope ??= Scopes.CreateAsyncScope()).ServiceProvider.GetRequiredService<TrellisDbContext>();

    public async ValueTask DisposeAsync()
    {
        if (scope is { } s) await s.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
