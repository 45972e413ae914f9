using System.Text.Json;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Admissions;

/// <summary>The participants feature's checks of a chart's details, as a refusal keyed like a JSON body (camelCase paths).</summary>
internal static class ParticipantChecks
{
    public static async Task<Refusal?> CheckAsync(TrellisDbContext db, ParticipantInput details, Guid? existingId, CancellationToken ct = default)
    {
        var errors = await SaveParticipant.CheckAsync(db, details, existingId, ct);
        return errors.Count == 0 ? null : Refusal.Invalid(errors.ToDictionary(e => JsonNamingPolicy.CamelCase.ConvertName(e.Key), e => e.Value));
    }
}
