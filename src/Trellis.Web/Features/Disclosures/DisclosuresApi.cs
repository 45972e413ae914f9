using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Disclosures;

public sealed record DisclosureDto(Guid Id, DateTimeOffset DisclosedAt, string Recipient, string Purpose, string Client, Guid? ConsentId,
    string Interaction, string Resources, int Count);

/// <summary>The 42 CFR Part 2 disclosure log over the API: the participant's own, and a chart's for staff in scope.</summary>
public static class DisclosuresApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me/disclosures", Mine).WithTags("Disclosures").RequireAuthorization(Permissions.OwnPortal)
            .WithSummary("Your 42 CFR Part 2 disclosure log: each time your records went to an outside recipient under your consent (newest first).");
        api.MapGet("/participants/{id:guid}/disclosures", OfParticipant).WithTags("Disclosures").RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("A participant's 42 CFR Part 2 disclosure log (staff in scope; another chart answers 404).");
    }

    public static async Task<Results<Ok<List<DisclosureDto>>, ProblemHttpResult>> Mine(TrellisDbContext db, CancellationToken ct) =>
        db.Me.ParticipantId is { } pid ? await ListAsync(db, pid, ct) : Refusal.NotFound("participant").ToProblem();

    public static Task<Results<Ok<List<DisclosureDto>>, ProblemHttpResult>> OfParticipant(Guid id, TrellisDbContext db, CancellationToken ct) => ListAsync(db, id, ct);

    private static async Task<Results<Ok<List<DisclosureDto>>, ProblemHttpResult>> ListAsync(TrellisDbContext db, Guid id, CancellationToken ct)
    {
        if (await DisclosureLog.OfAsync(db, id, ct) is not { } rows) return Refusal.NotFound("participant").ToProblem();
        return TypedResults.Ok(rows.Select(r => new DisclosureDto(r.Id, r.DisclosedAt, r.Recipient, r.Purpose, r.ClientName, r.ConsentId, r.Interaction, r.Resources, r.Count)).ToList());
    }
}

/// <summary>Reading the log: one chart's disclosures through the scope (null when the chart is not the caller's), audited as a read.</summary>
public static class DisclosureLog
{
    public static async Task<List<Part2Disclosure>?> OfAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == participantId, ct)) return null;
        var rows = await db.Set<Part2Disclosure>().AsNoTracking().Where(d => d.ParticipantId == participantId)
            .OrderByDescending(d => d.DisclosedAt).ThenByDescending(d => d.Id).Take(500).ToListAsync(ct);
        await db.AuditReadAsync(nameof(Part2Disclosure), rows.Select(r => ((object)r.Id, (Guid?)participantId)), "disclosure log", ct);
        return rows;
    }
}
