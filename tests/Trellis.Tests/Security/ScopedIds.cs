using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Security;

/// <summary>
/// Ids of real demo records by the route segment that names them ("drug-tests" → DrugTests), each
/// with the program its participant belongs to, so a test can pick one inside or outside a caller's
/// care team. Only participant-owned records (and participants) carry a program here: program facts
/// (tracks, closures) are readable by every program's staff by design.
/// </summary>
public sealed class ScopedIds
{
    public sealed record Record(Guid Id, Guid? ProgramId);

    private readonly Dictionary<string, List<Record>> byTable = [];

    public static async Task<ScopedIds> LoadAsync(TrellisFactory app)
    {
        var ids = new ScopedIds();
        await using var s = app.Db();
        var programOf = await s.Context.Participants.IgnoreQueryFilters().ToDictionaryAsync(p => p.Id, p => p.ProgramId);
        foreach (var type in s.Context.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType) && !t.IsOwned()))
        {
            var set = (IQueryable<Entity>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type.ClrType).Invoke(s.Context, null)!;
            var rows = await set.IgnoreQueryFilters().OrderBy(e => e.Id).Take(400).ToListAsync();
            var records = rows.Select(e => new Record(e.Id, e switch
            {
                Participant p => p.ProgramId,
                IParticipantOwned owned => programOf.TryGetValue(owned.ParticipantId, out var program) ? program : null,
                _ => null,
            })).ToList();
            if (records.Count > 0) ids.byTable[(type.GetTableName() ?? type.ClrType.Name).Replace("_", "").ToLowerInvariant()] = records;
        }
        return ids;
    }

    public IEnumerable<Guid> All => byTable.Values.SelectMany(r => r.Take(6)).Select(r => r.Id);

    /// <summary>Records of the kind a path segment names: the table of that name, or one whose name ends with it ("notes" → clinicalnotes).</summary>
    public List<Record> For(string segment)
    {
        var key = segment.Replace("-", "").ToLowerInvariant();
        if (byTable.TryGetValue(key, out var exact)) return exact;
        return byTable.Where(kv => kv.Key.EndsWith(key, StringComparison.Ordinal)).SelectMany(kv => kv.Value).ToList();
    }
}
