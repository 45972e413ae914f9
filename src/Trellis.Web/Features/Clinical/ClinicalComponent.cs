using Microsoft.AspNetCore.Components;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Clinical;

/// <summary>
/// Base of the clinical pages and cards: each gets a database context of its own. Blazor initialises
/// the components of one page concurrently (the top bar's unread badge, home cards, the page), and on
/// PostgreSQL two of them sharing the request's context fail with "a second operation was started".
/// The context still acts for the signed-in caller: scoping and audit come from the HTTP context.
/// </summary>
public abstract class ClinicalComponent : OwningComponentBase
{
    private TrellisDbContext? db;

    protected TrellisDbContext Db => db ??= ScopedServices.GetRequiredService<TrellisDbContext>();
}
