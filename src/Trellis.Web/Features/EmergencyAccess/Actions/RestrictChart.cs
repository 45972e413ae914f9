using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.EmergencyAccess.Actions;

/// <summary>
/// Restrict a chart (or lift the restriction): emergency access to it is then for program directors only.
/// For charts of staff who are participants, public figures and the like. Called by the chart's Access tab and
/// PUT /api/participants/{id}/restriction.
/// </summary>
public static class RestrictChart
{
    public static async Task<Result<ChartRestriction?>> RunAsync(TrellisDbContext db, Guid participantId, ChartRestrictionInput input, CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is null) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.RestrictCharts)) return Refusal.Forbidden("Program directors and administrators restrict charts.");
        if (Validation.Check(input) is { } invalid) return invalid;
        var current = await db.Set<ChartRestriction>().FirstOrDefaultAsync(r => r.ParticipantId == participantId, ct);
        if (input.Restricted == true)
        {
            if (string.IsNullOrWhiteSpace(input.Reason)) return Refusal.Invalid("reason", "Say why the chart is restricted (for example: a staff member of the clinic).");
            current ??= db.Add(new ChartRestriction { ParticipantId = participantId }).Entity;
            current.Reason = input.Reason.Trim();
            current.SetBy = db.Me.DisplayName;
        }
        else if (current is not null) db.Remove(current);
        await db.SaveChangesAsync(ct);
        return input.Restricted == true ? current : null;
    }
}
