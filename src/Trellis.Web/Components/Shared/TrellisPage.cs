using Microsoft.AspNetCore.Components;

namespace Trellis.Web.Components.Shared;

/// <summary>
/// Base for pages that load data. Blazor renders a component once as soon as its
/// OnInitializedAsync first awaits, before the data is there (PostgreSQL awaits for real; SQLite
/// usually completes at once, which hides the problem). That half-done render still initialises
/// children — an EditForm without a model throws, a "not found" child sets a 404. Pages put their
/// loading in <see cref="LoadAsync"/> and start their markup with <c>@if (!Loaded) { return; }</c>.
/// </summary>
public abstract class TrellisPage : ComponentBase
{
    protected bool Loaded { get; private set; }

    protected sealed override async Task OnInitializedAsync()
    {
        try { await LoadAsync(); }
        finally { Loaded = true; }
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;
}
