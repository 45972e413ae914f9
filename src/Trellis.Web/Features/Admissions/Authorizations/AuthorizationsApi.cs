using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Admissions.Authorizations.Actions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Admissions.Authorizations;

public sealed record AttentionRow(AuthorizationRow Authorization, IReadOnlyList<string> Reasons);

/// <summary>Payer authorizations: per participant, one at a time with ETags, and the list of those ending or nearly used up.</summary>
public static class AuthorizationsApi
{
    public static RouteGroupBuilder MapAuthorizationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Authorizations");
        group.MapGet("/participants/{id:guid}/authorizations", ForParticipant).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("A participant's authorizations, newest first.");
        group.MapPost("/participants/{id:guid}/authorizations", Create).RequireAuthorization(Permissions.ManageAuthorizations)
            .WithSummary("Record an authorization: payer, member id, days or units per level of care, dates, status and reviewer. Use is counted from attendance (usedFromAttendance: dates attended for days, services attended for units); \"used\" is only what attendance cannot show, and usedTotal and remaining add the two.");
        group.MapGet("/authorizations/attention", Attention).RequireAuthorization(Permissions.ManageAuthorizations)
            .WithSummary("Authorizations ending within 14 days, ended, four-fifths used, or still waiting for the payer, soonest first.");
        group.MapGet("/authorizations/{authorizationId:guid}", Get).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("One authorization. The ETag is the version to send back as If-Match.");
        group.MapPut("/authorizations/{authorizationId:guid}", Update).RequireAuthorization(Permissions.ManageAuthorizations)
            .WithSummary("Change an authorization (approval, dates, use that attendance cannot show). Requires If-Match; 412 when someone saved first.");
        return api;
    }

    public static async Task<Results<Ok<List<AuthorizationRow>>, ProblemHttpResult>> ForParticipant(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("participant").ToProblem();
        var rows = await AuthorizationRecords.Rows(db, db.Set<InsuranceAuthorization>().Where(a => a.ParticipantId == id).OrderByDescending(a => a.StartOn))
            .ToListAsync(ct);
        await db.AuditReadAsync(nameof(InsuranceAuthorization), rows.Select(r => ((object)r.Id, (Guid?)id)), null, ct);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Created<AuthorizationRow>, ProblemHttpResult>> Create(Guid id, AuthorizationInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (saved, refused) = await RecordAuthorization.RunAsync(db, id, input, ct);
        if (refused is not null) return refused.ToProblem();
        var row = await RowAsync(db, saved!.Id, http, ct);
        return TypedResults.Created($"/api/authorizations/{saved.Id}", row);
    }

    public static async Task<Results<Ok<AuthorizationRow>, ProblemHttpResult>> Get(Guid authorizationId, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var row = await AuthorizationRecords.Rows(db, db.Set<InsuranceAuthorization>().Where(x => x.Id == authorizationId)).FirstOrDefaultAsync(ct);
        if (row is null) return Refusal.NotFound("authorization").ToProblem();
        await db.AuditReadAsync(nameof(InsuranceAuthorization), row.Id, row.ParticipantId, ct);
        ETags.Set(http, row.Version);
        return TypedResults.Ok(row);
    }

    public static async Task<Results<Ok<AuthorizationRow>, ProblemHttpResult>> Update(Guid authorizationId, AuthorizationInput input, TrellisDbContext db,
        HttpContext http, CancellationToken ct)
    {
        var (saved, refused) = await ChangeAuthorization.RunAsync(db, authorizationId, input, ETags.From(http), ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Ok(await RowAsync(db, saved!.Id, http, ct));
    }

    /// <summary>The saved authorization as a row (use counted from attendance), with its ETag.</summary>
    private static async Task<AuthorizationRow> RowAsync(TrellisDbContext db, Guid id, HttpContext http, CancellationToken ct)
    {
        var row = await AuthorizationRecords.Rows(db, db.Set<InsuranceAuthorization>().Where(x => x.Id == id)).FirstAsync(ct);
        ETags.Set(http, row.Version);
        return row;
    }

    public static async Task<Ok<List<AttentionRow>>> Attention(TrellisDbContext db, CancellationToken ct)
    {
        var today = await ProgramClock.ClinicTodayAsync(db, ct);
        var rows = await AuthorizationRecords.NeedingAttentionAsync(db, today, ct);
        await db.AuditReadAsync(nameof(InsuranceAuthorization), rows.Select(r => ((object)r.Id, (Guid?)r.ParticipantId)), "authorizations needing attention", ct);
        return TypedResults.Ok(rows.Select(r => new AttentionRow(r, AuthorizationRecords.Reasons(r, today))).ToList());
    }
}
