using Trellis.Web.Data;

namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// Keeps every track's sessions generated some weeks ahead: once at start-up, then every few hours,
/// so the horizon rolls forward day by day. Each app node runs it; generation is idempotent, so
/// several nodes at once only ever make each session once. Off with Scheduling:GenerateInBackground=false.
/// </summary>
internal sealed class SessionGenerationService(IServiceScopeFactory scopes, IConfiguration config, ILogger<SessionGenerationService> log, TimeProvider clock)
    : SystemJob(scopes, config, log, clock)
{
    protected override string Name => "session-generation";
    protected override string Switch => "Scheduling:GenerateInBackground";
    protected override TimeSpan Every => TimeSpan.FromHours(6);

    protected override async Task<string?> RunOnceAsync(TrellisDbContext db, CancellationToken ct) =>
        await SessionGeneration.GenerateAsync(db, ct: ct) is > 0 and var made ? $"generated {made} group sessions from track templates" : null;
}
