using Trellis.Web.Features.Audit;

namespace Trellis.Web.Data;

/// <summary>What the context needs from the app besides its options: the caller, the audit key and writer, the clock and the features' save hooks.</summary>
public sealed class ContextServices(IHttpContextAccessor? http, AuditKey auditKey, TimeProvider clock, AuditWriter? auditWriter = null,
    IEnumerable<ISaveHook>? hooks = null, Features.Instruments.ReliableChangeThresholds? thresholds = null)
{
    public IHttpContextAccessor? Http { get; } = http;
    public IReadOnlyList<ISaveHook> SaveHooks { get; } = hooks?.ToList() ?? [];
    public AuditKey AuditKey { get; } = auditKey;
    public TimeProvider Clock { get; } = clock;

    /// <summary>The clinic's reliable-change thresholds (configured or published), read at start.</summary>
    public Features.Instruments.ReliableChangeThresholds Thresholds { get; } = thresholds ?? Features.Instruments.ReliableChangeThresholds.Published;

    /// <summary>The process's group commit for audit-only saves; without one (design time, tools) each save writes its own.</summary>
    public AuditWriter? AuditWriter { get; } = auditWriter;

    /// <summary>For design-time tools: nobody signed in, a throw-away key.</summary>
    public static ContextServices DesignTime() => new(null, AuditKey.Random(), TimeProvider.System);
}
