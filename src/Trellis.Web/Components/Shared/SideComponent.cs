using Microsoft.AspNetCore.Components;
using Trellis.Web.Data;

namespace Trellis.Web.Components.Shared;

/// <summary>
/// Base for components that render beside a page: the menu's unread badge, home cards, chart
/// flags. The renderer starts their OnInitializedAsync while the page (and each other) may still
/// be querying, and a DbContext serves one operation at a time, so each of these gets its own
/// context from its own scope. Pages themselves use the request's context (@inject TrellisDbContext).
/// </summary>
public abstract class SideComponent : OwningComponentBase<TrellisDbContext>
{
    protected TrellisDbContext Db => Service;
}
