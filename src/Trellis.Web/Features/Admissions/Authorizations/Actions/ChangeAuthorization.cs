using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Admissions.Authorizations.Actions;

/// <summary>
/// Change an authorization (approval, dates, use attendance cannot show) from the version the person
/// saw. Called by the authorization page and PUT /api/authorizations/{id}.
/// </summary>
public static class ChangeAuthorization
{
    internal static readonly Refusal NotAllowed =
        Refusal.Forbidden("Authorizations are recorded by intake coordinators, case managers, program directors and administrators.");

    public static async Task<Result<InsuranceAuthorization>> RunAsync(TrellisDbContext db, Guid authorizationId, AuthorizationInput input,
        ETags.Expected expected, CancellationToken ct = default)
    {
        var authorization = await db.Set<InsuranceAuthorization>().FirstOrDefaultAsync(a => a.Id == authorizationId, ct);
        if (authorization is null) return Refusal.NotFound("authorization");
        if (!db.Me.May(Permissions.ManageAuthorizations)) return NotAllowed;
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        if (expected.Check(authorization.Version) is { } stale) return stale;
        input.ApplyTo(authorization);
        return await db.SaveOrStaleAsync(authorization, ct) is { } lost ? lost : authorization;
    }
}
