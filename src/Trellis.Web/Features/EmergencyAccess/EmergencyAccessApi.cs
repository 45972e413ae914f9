using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.EmergencyAccess.Actions;

namespace Trellis.Web.Features.EmergencyAccess;

public sealed record EmergencyAccessDto(Guid Id, Guid ParticipantId, Guid ProgramId, Guid StaffMemberId, string StaffName, string Reason,
    DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt, DateTimeOffset? EndedAt, bool IsActive, bool IsPart2, string? EmergencyNature,
    string? RecipientAffiliation, bool ConsentNotObtainable, DateTimeOffset? ReviewedAt, string? ReviewedBy, string? ReviewNote, long Version)
{
    public static EmergencyAccessDto From(EmergencyAccessGrant g, DateTimeOffset now) => new(g.Id, g.ParticipantId, g.ProgramId, g.StaffMemberId,
        g.StaffName, g.Reason, g.GrantedAt, g.ExpiresAt, g.EndedAt, g.IsActive(now), g.IsPart2, g.EmergencyNature, g.RecipientAffiliation,
        g.ConsentNotObtainable, g.ReviewedAt, g.ReviewedBy, g.ReviewNote, g.Version);
}

public sealed record ChartRestrictionDto(Guid ParticipantId, bool Restricted, string? Reason, string? SetBy, DateTimeOffset? SetAt);

/// <summary>Emergency access ("break the glass") and chart restrictions under /api.</summary>
public static class EmergencyAccessApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Emergency access");
        group.MapPost("/emergency-access", Open).RequireAuthorization(Permissions.BreakTheGlass)
            .WithSummary("Open a chart outside your care team for an hour, giving a reason (and for a 42 CFR Part 2 chart the §2.51 facts). The program's directors are told at once.");
        group.MapGet("/emergency-access", List).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Your own emergency accesses, and (program directors) those to your programs' charts, newest first.");
        group.MapPost("/emergency-access/{grantId:guid}/end", End).RequireAuthorization(Permissions.BreakTheGlass)
            .WithSummary("End your own emergency access now.");
        group.MapPost("/emergency-access/{grantId:guid}/review", Review).RequireAuthorization(Permissions.ReviewEmergencyAccess)
            .WithSummary("Review an emergency access to a chart of your programs. Send the ETag of GET /api/emergency-access as If-Match.");
        group.MapGet("/participants/{id:guid}/restriction", GetRestriction).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Whether a chart is restricted (emergency access for program directors only).");
        group.MapPut("/participants/{id:guid}/restriction", PutRestriction).RequireAuthorization(Permissions.RestrictCharts)
            .WithSummary("Restrict a chart, or lift the restriction. Program directors and administrators.");
    }

    public static async Task<Results<Created<EmergencyAccessDto>, ProblemHttpResult>> Open(EmergencyAccessInput input, TrellisDbContext db, CancellationToken ct)
    {
        var (grant, refused) = await OpenEmergencyAccess.RunAsync(db, input, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Created($"/api/emergency-access/{grant!.Id}", EmergencyAccessDto.From(grant, db.Now));
    }

    public static async Task<Ok<List<EmergencyAccessDto>>> List(TrellisDbContext db, CancellationToken ct)
    {
        var grants = await EmergencyAccessQueries.VisibleAsync(db, ct);
        await db.AuditReadAsync(nameof(EmergencyAccessGrant), grants.Select(g => ((object)g.Id, (Guid?)g.ParticipantId)), "emergency access", ct);
        return TypedResults.Ok(grants.Select(g => EmergencyAccessDto.From(g, db.Now)).ToList());
    }

    public static async Task<Results<Ok<EmergencyAccessDto>, ProblemHttpResult>> End(Guid grantId, TrellisDbContext db, CancellationToken ct)
    {
        var (grant, refused) = await EndEmergencyAccess.RunAsync(db, grantId, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(EmergencyAccessDto.From(grant!, db.Now));
    }

    public static async Task<Results<Ok<EmergencyAccessDto>, ProblemHttpResult>> Review(Guid grantId, EmergencyAccessReviewInput input, TrellisDbContext db,
        HttpContext http, CancellationToken ct)
    {
        var (grant, refused) = await ReviewEmergencyAccess.RunAsync(db, grantId, input, ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, grant!.Version);
        return TypedResults.Ok(EmergencyAccessDto.From(grant, db.Now));
    }

    public static async Task<Results<Ok<ChartRestrictionDto>, ProblemHttpResult>> GetRestriction(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await Clinical.Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var r = await db.Set<ChartRestriction>().AsNoTracking().FirstOrDefaultAsync(x => x.ParticipantId == id, ct);
        return TypedResults.Ok(new ChartRestrictionDto(id, r is not null, r?.Reason, r?.SetBy, r?.CreatedAt));
    }

    public static async Task<Results<Ok<ChartRestrictionDto>, ProblemHttpResult>> PutRestriction(Guid id, ChartRestrictionInput input, TrellisDbContext db, CancellationToken ct)
    {
        var (r, refused) = await RestrictChart.RunAsync(db, id, input, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(new ChartRestrictionDto(id, r is not null, r?.Reason, r?.SetBy, r?.CreatedAt));
    }
}
