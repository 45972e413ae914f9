using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Risk.Actions;

/// <summary>
/// Clear an open risk flag with a written reason, after assessing the risk: clinicians only. The flag is
/// kept with who, when and why (and audited); the safety-plan task stays open until the plan is done.
/// Called by the risk flag page and POST /api/risk-flags/{id}/clear.
/// </summary>
public static class ClearRiskFlag
{
    public static async Task<Result<RiskFlag>> RunAsync(TrellisDbContext db, Guid flagId, ClearFlagInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        var flag = await db.Set<RiskFlag>().Include(f => f.Participant!).ThenInclude(p => p.Program).FirstOrDefaultAsync(f => f.Id == flagId, ct);
        if (flag is null) return Refusal.NotFound("risk flag");
        if (!db.Me.May(Permissions.ClearRiskFlags)) return Refusal.Forbidden("Only a clinician clears a risk flag, after assessing the risk.");
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        if (expected.CheckIfSent(flag.Version) is { } stale) return stale;
        if (!flag.IsOpen)
            return Refusal.Conflict($"This flag was already cleared on {ProgramClock.Show(flag.ClearedAt!.Value, flag.Participant?.Program?.TimeZoneId)} by {flag.ClearedByName}.");
        RiskFlags.Clear(db, flag, input.Reason!);
        return await db.SaveOrStaleAsync(flag, ct) is { } lost ? lost : flag;
    }
}
