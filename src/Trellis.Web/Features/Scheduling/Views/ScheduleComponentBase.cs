using Microsoft.AspNetCore.Components;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// Base of the scheduling pages and cards. Two things static SSR needs once queries are truly
/// asynchronous (PostgreSQL): <see cref="LoadAsync"/> runs to the end before the first render, so a
/// half-loaded page (a "not found" that sets 404, a default date) is never rendered; and each
/// component gets a context of its own. Static SSR
/// initialises sibling components concurrently (the layout's unread badge, a chart flag, a card),
/// and one request-scoped context used by two of them at once fails on PostgreSQL ("a second
/// operation was started"), where queries are truly asynchronous. A context per component, from
/// its own DI scope, still reads the caller from the request, so scoping and audit are unchanged.
/// </summary>
public abstract class ScheduleComponentBase : ComponentBase, IAsyncDisposable
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

    private bool loaded;

    /// <summary>Loads what the component shows, with its parameters set; finishes before it first renders.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    public override async Task SetParametersAsync(ParameterView parameters)
    {
        if (loaded)
        {
            // A parent's re-render: pass on its direct parameters. Cascading ones (the caller, the
            // posted form, the query) cannot change within a request, and setting them again would
            // undo what LoadAsync made of them.
            var direct = new Dictionary<string, object?>();
            foreach (var p in parameters) if (!p.Cascading) direct[p.Name] = p.Value;
            await base.SetParametersAsync(ParameterView.FromDictionary(direct));
            return;
        }
        parameters.SetParameterProperties(this);
        await LoadAsync();
        loaded = true;
        await base.SetParametersAsync(ParameterView.Empty);
    }

    public async ValueTask DisposeAsync()
    {
        if (scope is { } s) await s.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
