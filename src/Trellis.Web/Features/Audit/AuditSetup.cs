using Trellis.Web.Data;

namespace Trellis.Web.Features.Audit;

/// <summary>Audit:CheckpointPath and Audit:CheckpointSeconds (names other tools rely on).</summary>
public sealed record AuditSettings(string? CheckpointPath, int CheckpointSeconds)
{
    public static AuditSettings From(IConfiguration config) => new(
        config["Audit:CheckpointPath"] is { Length: > 0 } p ? Path.GetFullPath(p) : null,
        Math.Max(1, config.GetValue("Audit:CheckpointSeconds", 60)));
}

public static class AuditSetup
{
    /// <summary>The key, the group-commit writer and the checkpoint writer.</summary>
    public static IServiceCollection AddTrellisAudit(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddSingleton(sp => AuditKey.Load(config, DatabaseSetup.DataDirectory(config, env), env,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Trellis.Audit")));
        services.AddSingleton(AuditSettings.From(config));
        services.AddSingleton<AuditWriter>();
        services.AddHostedService<AuditCheckpointService>();
        return services;
    }
}
