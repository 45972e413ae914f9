using Microsoft.AspNetCore.Components;

namespace Trellis.Web.Components.Shared;

/// <summary>
/// Base for pages and components that load data. <see cref="LoadAsync"/> runs to the end, with the
/// parameters set, before the first render. Blazor otherwise renders once at the first await of
/// OnInitializedAsync, before the data is there (PostgreSQL awaits for real; SQLite usually
/// completes at once, which hides it), and that half-done render initialises children: an EditForm
/// without a model throws, a "not found" child sets a 404.
/// </summary>
public abstract class TrellisPage : ComponentBase
{
    /// <summary>Who is calling (roles, staff or participant id, permissions): the one current-user service.</summary>
    [Inject] protected Trellis.Web.Data.CurrentUser Me { get; set; } = default!;

    /// <summary>True once LoadAsync has run; always true when markup renders.</summary>
    protected bool Loaded { get; private set; }

    /// <summary>Loads what the component shows; finishes before it first renders.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>The load in progress, so that disposing never closes a context while its query still reads.</summary>
    protected Task? Loading { get; private set; }

    public override async Task SetParametersAsync(ParameterView parameters)
    {
        if (Loaded)
        {
            // A parent's re-render passes its direct parameters again. Cascading ones (the caller,
            // the posted form, the query) cannot change within a request, and setting them again
            // would undo what LoadAsync made of them.
            var direct = new Dictionary<string, object?>();
            foreach (var p in parameters) if (!p.Cascading) direct[p.Name] = p.Value;
            await base.SetParametersAsync(ParameterView.FromDictionary(direct));
            return;
        }
        parameters.SetParameterProperties(this);
        await (Loading = LoadAsync());
        Loaded = true;
        await base.SetParametersAsync(ParameterView.Empty);
    }
}
