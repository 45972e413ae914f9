using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Trellis.Web.Features.Auth.Actions;

namespace Trellis.Web.Features.Auth;

/// <summary>The body of POST /api/auth/passkey/login: the challenge answered and the browser's credential (its toJSON()).</summary>
public sealed class PasskeySignInRequest
{
    [Required(ErrorMessage = "Send the challengeId the options came with.")] public Guid? ChallengeId { get; set; }
    [Required(ErrorMessage = "Send the passkey's answer as credential.")] public JsonElement? Credential { get; set; }
}

/// <summary>
/// Passkeys: sign-in with one (for an API token here; the sign-in page makes a browser session with the same check),
/// and a person's own passkeys (list, add, remove). The JSON doors the pages' script uses are in <see cref="MapPasskeyPages"/>.
/// </summary>
public static class PasskeysApi
{
    public static RouteGroupBuilder MapPasskeysApi(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth/passkey").WithTags("Sign-in");
        auth.MapPost("/options", SignInOptionsAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .WithSummary("Start a passkey sign-in: WebAuthn request options (for navigator.credentials.get) and the challengeId to answer with. Works once, for a few minutes.");
        auth.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .WithSummary("Exchange a passkey's answer to a challenge for an access token, as POST /api/auth/login does for a password.");

        var me = api.MapGroup("/me/passkeys").WithTags("Account").RequireAuthorization();
        me.MapGet("", ListAsync).WithSummary("Your passkeys: id, name, when added, whether it is synced between devices.");
        me.MapPost("/options", CreationOptionsAsync)
            .WithSummary("Start adding a passkey: WebAuthn creation options (for navigator.credentials.create) and the challengeId to answer with.");
        me.MapPost("", AddAsync).WithSummary("Add a passkey: { challengeId, name, credential } with the browser's answer to the creation options.");
        me.MapDelete("/{id}", RemoveAsync).WithSummary("Remove one of your passkeys; it stops working at once.");
        return api;
    }

    /// <summary>The same two starts for the pages' script (passkeys.js), on the browser's session cookie rather than a token.</summary>
    public static IEndpointRouteBuilder MapPasskeyPages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/passkeys/sign-in-options", SignInOptionsAsync).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).ExcludeFromDescription();
        app.MapPost("/account/passkeys/creation-options", CreationOptionsAsync).RequireAuthorization().ExcludeFromDescription();
        return app;
    }

    public static async Task<Ok<PasskeyStart>> SignInOptionsAsync(TrellisDbContext db, IPasskeyHandler<TrellisUser> handler, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await Passkeys.BeginSignInAsync(db, handler, http, ct));

    public static async Task<Results<Ok<PasskeyStart>, ProblemHttpResult>> CreationOptionsAsync(TrellisDbContext db, UserManager<TrellisUser> users,
        IPasskeyHandler<TrellisUser> handler, HttpContext http, CancellationToken ct)
    {
        if (db.Me.UserId is not { } id || await users.FindByIdAsync(id) is not { } user) return Refusal.Forbidden("Sign in to add a passkey.").ToProblem();
        return TypedResults.Ok(await Passkeys.BeginRegistrationAsync(db, handler, http, user, ct));
    }

    public static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(PasskeySignInRequest request, SignInService signIn,
        SessionService sessions, TrellisDbContext db, UserManager<TrellisUser> users, IOptions<SecurityOptions> options, HttpContext http, CancellationToken ct)
    {
        if (Validation.Check(request) is { } invalid) return invalid.ToProblem();
        var check = await signIn.CheckPasskeyAsync(request.ChallengeId, request.Credential!.Value.GetRawText(), ct);
        if (!check.Succeeded) return Problems.Unauthorized(check.Message);
        var user = check.User!;
        if (await TwoFactorEnrollment.IsRequiredButMissingAsync(db, users, user))
            return Refusal.Forbidden("Your organization requires two-factor sign-in for staff. Set up an authenticator in the web app (Account → Two-factor sign-in) first.").ToProblem();
        var (_, token) = await sessions.StartApiSessionAsync(user, http);
        return TypedResults.Ok(new LoginResponse(token, options.Value.ApiTokenMinutes * 60));
    }

    public static async Task<Results<Ok<List<PasskeyView>>, ProblemHttpResult>> ListAsync(TrellisDbContext db, UserManager<TrellisUser> users)
    {
        if (db.Me.UserId is not { } id || await users.FindByIdAsync(id) is not { } user) return Refusal.Forbidden("Sign in to see your passkeys.").ToProblem();
        return TypedResults.Ok(await Passkeys.ListAsync(users, user));
    }

    public static async Task<Results<Created<PasskeyView>, ProblemHttpResult>> AddAsync(AddPasskeyInput input, TrellisDbContext db, UserManager<TrellisUser> users,
        IPasskeyHandler<TrellisUser> handler, HttpContext http, CancellationToken ct)
    {
        var (added, refused) = await AddPasskey.RunAsync(db, users, handler, http, input, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.Created($"/api/me/passkeys/{added!.Id}", added);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string id, TrellisDbContext db, UserManager<TrellisUser> users, CancellationToken ct)
    {
        var (_, refused) = await RemovePasskey.RunAsync(db, users, id, ct);
        return refused is not null ? refused.ToProblem() : TypedResults.NoContent();
    }
}
