using System.Buffers.Text;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Trellis.Web.Features.Auth;

/// <summary>
/// Passkey settings, bound from the "Passkeys" section. Behind a reverse proxy, or with several nodes, set both to the
/// public address people type: the relying party id is the host name (<c>trellis.clinic.example</c>), the origins
/// its https address. Unset, both come from the request (right for one node reached directly).
/// </summary>
public sealed class PasskeySettings
{
    /// <summary>The WebAuthn relying party id: the site's host name, no scheme or port.</summary>
    public string? ServerDomain { get; set; }
    /// <summary>The origins a passkey answer may come from, for example <c>https://trellis.clinic.example</c>.</summary>
    public string[] Origins { get; set; } = [];
    /// <summary>How long a sign-in or registration may take from the options to the answer.</summary>
    public int ChallengeMinutes { get; set; } = 5;
}

/// <summary>What the browser needs to start a ceremony: the options for navigator.credentials, and the id to answer with.</summary>
public sealed record PasskeyStart(Guid ChallengeId, JsonElement Options);

/// <summary>A passkey as its owner sees it on the account page and in GET /api/me/passkeys (never its key).</summary>
public sealed record PasskeyView(string Id, string Name, DateTimeOffset CreatedAt, bool Synced);

/// <summary>
/// The two halves of every passkey ceremony around Identity's own WebAuthn handler (<see cref="IPasskeyHandler{TUser}"/>):
/// options out, with their state kept as a <see cref="PasskeyChallenge"/>; the answer in, with the state taken once.
/// </summary>
public static class Passkeys
{
    public const string ExpiredChallenge = "This passkey request expired or was already used. Start again.";

    public static IServiceCollection AddTrellisPasskeys(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<PasskeySettings>(config.GetSection("Passkeys"));
        var settings = config.GetSection("Passkeys").Get<PasskeySettings>() ?? new PasskeySettings();
        services.TryAddScoped<IPasskeyHandler<TrellisUser>, PasskeyHandler<TrellisUser>>();
        services.Configure<IdentityPasskeyOptions>(o =>
        {
            if (!string.IsNullOrWhiteSpace(settings.ServerDomain)) o.ServerDomain = settings.ServerDomain.Trim();
            o.AuthenticatorTimeout = TimeSpan.FromMinutes(Math.Max(1, settings.ChallengeMinutes));
            // A passkey is the whole sign-in (no code step after it), so it must be discoverable and verify its user.
            o.ResidentKeyRequirement = "required";
            o.UserVerificationRequirement = "required";
            o.ValidateOrigin = ctx => ValueTask.FromResult(!ctx.CrossOrigin && OriginAllowed(settings, ctx.HttpContext, ctx.Origin));
        });
        return services;
    }

    /// <summary>The configured origins, or else this request's own (scheme and host as the app sees them).</summary>
    public static bool OriginAllowed(PasskeySettings settings, HttpContext http, string origin)
    {
        if (settings.Origins.Length > 0)
            return settings.Origins.Any(o => string.Equals(o.Trim().TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
        return string.Equals($"{http.Request.Scheme}://{http.Request.Host.Value}", origin, StringComparison.OrdinalIgnoreCase);
    }

    public static async Task<PasskeyStart> BeginSignInAsync(TrellisDbContext db, IPasskeyHandler<TrellisUser> handler, HttpContext http, CancellationToken ct)
    {
        var made = await handler.MakeRequestOptionsAsync(null, http);
        return await KeepAsync(db, http, PasskeyOperation.SignIn, null, made.AssertionState, made.RequestOptionsJson, ct);
    }

    public static async Task<PasskeyStart> BeginRegistrationAsync(TrellisDbContext db, IPasskeyHandler<TrellisUser> handler, HttpContext http, TrellisUser user, CancellationToken ct)
    {
        var made = await handler.MakeCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id, Name = user.Email ?? user.UserName ?? user.Id, DisplayName = user.DisplayName.Length > 0 ? user.DisplayName : user.Email ?? user.Id,
        }, http);
        return await KeepAsync(db, http, PasskeyOperation.Register, user.Id, made.AttestationState, made.CreationOptionsJson, ct);
    }

    private static async Task<PasskeyStart> KeepAsync(TrellisDbContext db, HttpContext http, PasskeyOperation operation, string? userId, string? state, string optionsJson, CancellationToken ct)
    {
        var now = db.Now;
        // Ceremonies nobody finished are dropped here rather than by a job of their own.
        await db.Set<PasskeyChallenge>().Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(ct);
        var minutes = Math.Max(1, http.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<PasskeySettings>>()?.Value.ChallengeMinutes ?? 5);
        var challenge = new PasskeyChallenge { Operation = operation, UserId = userId, State = state ?? "", ExpiresAt = now.AddMinutes(minutes) };
        db.Set<PasskeyChallenge>().Add(challenge);
        await db.SaveChangesAsync(ct);
        db.Entry(challenge).State = EntityState.Detached;
        using var options = JsonDocument.Parse(optionsJson);
        return new PasskeyStart(challenge.Id, options.RootElement.Clone());
    }

    /// <summary>
    /// Takes a ceremony's state, once: the row is deleted by the first answer, on whichever node it arrives. Null when
    /// the id is unknown, already used, expired, or was made for another operation or account.
    /// </summary>
    public static async Task<string?> TakeAsync(TrellisDbContext db, Guid? challengeId, PasskeyOperation operation, string? userId, CancellationToken ct)
    {
        if (challengeId is not { } id) return null;
        var row = await db.Set<PasskeyChallenge>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (row is null) return null;
        var taken = await db.Set<PasskeyChallenge>().Where(c => c.Id == id).ExecuteDeleteAsync(ct);
        if (taken == 0 || row.ExpiresAt <= db.Now || row.Operation != operation || row.UserId != userId) return null;
        return row.State;
    }

    /// <summary>
    /// The handler's answer to a credential, or the reason it has none. A credential that is not JSON, or not the shape
    /// WebAuthn gives, is the client's mistake: a reason, never an exception out of a request.
    /// </summary>
    public static async Task<(T? Result, string? Failure)> CheckAsync<T>(Func<Task<T>> check)
    {
        try { return (await check(), null); }
        catch (Exception e) when (e is not DbException and not DbUpdateException and not OperationCanceledException
                                  and (JsonException or FormatException or ArgumentException or InvalidOperationException
                                       or PasskeyException or CryptographicException or NotSupportedException or OverflowException))
        {
            return (default, e.Message);
        }
    }

    public static async Task<List<PasskeyView>> ListAsync(UserManager<TrellisUser> users, TrellisUser user) =>
        (await users.GetPasskeysAsync(user)).OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyView(Base64Url.EncodeToString(p.CredentialId), p.Name ?? "Passkey", p.CreatedAt, p.IsBackedUp)).ToList();

    /// <summary>A credential id from a link (base64url); null when it is not one.</summary>
    public static byte[]? CredentialId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 1400) return null;
        try { return Base64Url.DecodeFromChars(id); }
        catch (FormatException) { return null; }
    }
}
