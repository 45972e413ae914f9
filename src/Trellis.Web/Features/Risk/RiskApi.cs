using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Risk.Actions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Risk;

public sealed record RiskFlagDto(Guid Id, Guid ParticipantId, string Kind, string Reason, string? Severity, string? SourceType, Guid? SourceId,
    DateTimeOffset RaisedAt, string? RaisedBy, int SignsSinceRaised, DateTimeOffset? LastSignAt, bool IsOpen,
    DateTimeOffset? ClearedAt, string? ClearedBy, string? ClearReason, long Version)
{
    public static RiskFlagDto From(RiskFlag f) => new(f.Id, f.ParticipantId, f.Kind, f.Reason, f.Severity, f.SourceType, f.SourceId, f.RaisedAt,
        f.RaisedBy, f.SignsSinceRaised, f.LastSignAt, f.IsOpen, f.ClearedAt, f.ClearedByName, f.ClearReason, f.Version);
}

public sealed class ClearFlagInput
{
    [Required(ErrorMessage = "Write why the flag can be cleared: what you assessed and what is in place."), MaxLength(2000, ErrorMessage = "Keep the reason to 2,000 characters.")]
    [MinLength(20, ErrorMessage = "Write at least a sentence: what you assessed and what is in place (at least 20 characters).")]
    public string? Reason { get; set; }
}

/// <summary>Risk flags on charts: read them, and (clinicians only) clear one with a written reason.</summary>
public static class RiskApi
{
    public static RouteGroupBuilder MapRiskApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Risk flags");
        group.MapGet("/participants/{id:guid}/risk-flags", ForParticipant).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("A participant's risk flags, open ones first.");
        group.MapGet("/risk-flags", Open).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Open risk flags of every participant within your programs, newest first.");
        group.MapGet("/risk-flags/{flagId:guid}", Get).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("One risk flag. The ETag is the version to send back as If-Match.");
        group.MapPost("/risk-flags/{flagId:guid}/clear", Clear).RequireAuthorization(Permissions.ClearRiskFlags)
            .WithSummary("Clear an open flag with a written reason. Clinicians only; the flag is kept with who, when and why.");
        return api;
    }

    public static async Task<Results<Ok<List<RiskFlagDto>>, ProblemHttpResult>> ForParticipant(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("participant").ToProblem();
        var flags = await db.Set<RiskFlag>().AsNoTracking().Where(f => f.ParticipantId == id).ToListAsync(ct);
        await db.AuditReadAsync(nameof(RiskFlag), flags.Select(f => ((object)f.Id, (Guid?)id)), null, ct);
        return TypedResults.Ok(flags.OrderBy(f => f.IsOpen ? 0 : 1).ThenByDescending(f => f.RaisedAt).Select(RiskFlagDto.From).ToList());
    }

    public static async Task<Ok<List<RiskFlagDto>>> Open(TrellisDbContext db, CancellationToken ct)
    {
        var flags = await db.Set<RiskFlag>().AsNoTracking().Where(f => f.ClearedAt == null).ToListAsync(ct);
        await db.AuditReadAsync(nameof(RiskFlag), flags.Select(f => ((object)f.Id, (Guid?)f.ParticipantId)), "open risk flags", ct);
        return TypedResults.Ok(flags.OrderByDescending(f => f.RaisedAt).Select(RiskFlagDto.From).ToList());
    }

    public static async Task<Results<Ok<RiskFlagDto>, ProblemHttpResult>> Get(Guid flagId, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var flag = await db.Set<RiskFlag>().AsNoTracking().FirstOrDefaultAsync(f => f.Id == flagId, ct);
        if (flag is null) return Refusal.NotFound("risk flag").ToProblem();
        await db.AuditReadAsync(nameof(RiskFlag), flag.Id, flag.ParticipantId, ct);
        ETags.Set(http, flag.Version);
        return TypedResults.Ok(RiskFlagDto.From(flag));
    }

    public static async Task<Results<Ok<RiskFlagDto>, ProblemHttpResult>> Clear(Guid flagId, ClearFlagInput input, TrellisDbContext db,
        HttpContext http, CancellationToken ct)
    {
        var (flag, refused) = await ClearRiskFlag.RunAsync(db, flagId, input, ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, flag!.Version);
        return TypedResults.Ok(RiskFlagDto.From(flag));
    }
}
