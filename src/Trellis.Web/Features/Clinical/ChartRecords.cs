using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Clinical;

/// <summary>The read every clinical list endpoint does: the chart in scope, its records in order, the read audited.</summary>
public static class ChartRecords
{
    public static async Task<Results<Ok<List<TDto>>, ProblemHttpResult>> ListAsync<T, TDto>(TrellisDbContext db, Guid participantId,
        Func<IQueryable<T>, IOrderedQueryable<T>> order, Func<T, TDto> map, string detail, CancellationToken ct) where T : Entity, IParticipantOwned
    {
        if (await Charts.FindAsync(db, participantId, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var list = await order(db.Set<T>().AsNoTracking().Where(x => x.ParticipantId == participantId)).ToListAsync(ct);
        await db.AuditReadAsync(typeof(T).Name, list.Select(x => ((object)x.Id, (Guid?)participantId)), detail, ct);
        return TypedResults.Ok(list.Select(map).ToList());
    }
}
