namespace Trellis.Web.Data;

/// <summary>
/// Work a feature does inside every save, in the same transaction as the change that causes it (charges
/// follow the attendance and notes they come from; an outbox message follows the change it announces).
/// A hook looks at the tracked changes (<c>db.ChangeTracker</c>), may add or change entities, and must not
/// call SaveChanges itself. Registered as a singleton: <c>services.AddSingleton&lt;ISaveHook, MyHook&gt;()</c>.
/// </summary>
public interface ISaveHook
{
    Task BeforeSaveAsync(TrellisDbContext db, CancellationToken ct);
}
