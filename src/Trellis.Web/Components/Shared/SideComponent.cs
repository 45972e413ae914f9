using Microsoft.AspNetCore.Components;
using Trellis.Web.Data;

namespace Trellis.Web.Components.Shared;

/// <summary>
/// Base for components that render beside a page (the menu's unread badge, home cards, chart flags,
/// page sections) and for pages that need no request-shared services. The renderer initialises
/// such components while the page and each other may still be querying, and a DbContext serves one
/// operation at a time, so each gets its own context from its own scope. The new context still
/// acts as the signed-in caller: scoping and auditing read the request's user.
/// Pages that hand entities to request-scoped services (Identity's UserManager…) use the request's context
/// instead: <c>@inject TrellisDbContext Db</c> with <see cref="TrellisPage"/>.
/// </summary>
public abstract class SideComponent : TrellisPage, IAsyncDisposable
{
    [Inject] private IServiceScopeFactory Scopes { get; set; } = default!;
    private AsyncServiceScope? scope;
    private TrellisDbContext? db;

    protected TrellisDbContext Db
    {
        get
        {
            if (db is not null) return db;
            scope = Scopes.CreateAsyncScope();
            return db = scope.Value.ServiceProvider.GetRequiredService<TrellisDbContext>();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A page that answers 404 or 403 is thrown away (the status page is rendered instead) while side
        // components may still be loading: closing their context then would read the same connection
        // as the query in flight (PostgreSQL's protocol breaks and the request hangs). Let the load end first.
        if (Loading is { IsCompleted: false } loading)
            try { await loading; } catch { /* the load's own failure was reported where it ran */ }
        if (scope is { } s) await s.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
