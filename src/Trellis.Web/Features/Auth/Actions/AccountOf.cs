using Microsoft.AspNetCore.Identity;

namespace Trellis.Web.Features.Auth.Actions;

/// <summary>The signed-in caller's own account, for the actions a person takes on it (password, two-factor, sessions).</summary>
internal static class AccountOf
{
    public static async Task<Result<TrellisUser>> CallerAsync(TrellisDbContext db, UserManager<TrellisUser> users) =>
        db.Me.UserId is { } id && await users.FindByIdAsync(id) is { } user
            ? user
            : Refusal.Forbidden("Sign in to change your account.");
}
