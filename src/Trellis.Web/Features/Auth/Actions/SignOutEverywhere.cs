namespace Trellis.Web.Features.Auth.Actions;

/// <summary>
/// End every session and API token of your account, on every device; the page then signs this browser
/// out too. Answers how many were ended. Called by the account page.
/// </summary>
public static class SignOutEverywhere
{
    public static async Task<Result<int>> RunAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        if (db.Me.UserId is not { } id) return Refusal.Forbidden("Sign in to change your account.");
        return await SessionService.RevokeAllAsync(db, id, "signed out everywhere", ct);
    }
}
