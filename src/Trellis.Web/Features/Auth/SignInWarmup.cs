using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Auth;

/// <summary>
/// Once the app is up, runs the reads a sign-in makes (account by email, roles, sessions, program
/// assignments) and the password check's code path, for nobody. A fresh process otherwise makes the
/// first person to sign in wait while EF Core translates each of those queries and the runtime
/// compiles the code (about a second); the translations are cached for every later context.
/// Nothing is written and no one is signed in.
/// </summary>
internal sealed class SignInWarmup(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<SignInWarmup> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After start-up, so it never delays the first page.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; }
            catch (TaskCanceledException) { return; }
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<TrellisDbContext>().ActAs(AccessScope.System, Actor.System("sign-in warm-up"));
            var users = sp.GetRequiredService<UserManager<TrellisUser>>();
            var sessions = sp.GetRequiredService<SessionService>();
            var nobody = new TrellisUser { Id = "sign-in-warm-up", StaffMemberId = Guid.Empty };
            await users.FindByEmailAsync("nobody@warm-up.invalid");
            await users.FindByIdAsync(nobody.Id);
            await users.GetRolesAsync(nobody);
            await sessions.FindAsync(Guid.Empty);
            await sessions.ValidateAsync(Guid.Empty, IdentityConstants.ApplicationScheme);
            await sessions.ValidateTokenAsync("sign-in-warm-up", BearerTokenHandler.SchemeName);
            await sessions.BuildPrincipalAsync(nobody, [], new UserSession(), IdentityConstants.ApplicationScheme);
            // The password check's code path, on a hash of one iteration (a real check costs its iterations anyway).
            var cheap = new PasswordHasher<TrellisUser>(Options.Create(new PasswordHasherOptions { IterationCount = 1 }));
            users.PasswordHasher.VerifyHashedPassword(nobody, cheap.HashPassword(nobody, "warm-up"), "warm-up");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only speed is at stake: the first sign-in then does this work itself.
            log.LogDebug(e, "Sign-in warm-up did not finish");
        }
    }
}
