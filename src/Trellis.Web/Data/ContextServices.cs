using Trellis.Web.Features.Audit;

namespace Trellis.Web.Data;

/// <summary>What the context needs from the app besides its options: the caller, the audit key and writer, and the clock.</summary>
public sealed class ContextServices(IHttpContextAccessor? http, AuditKey auditKey, TimeProvider clock, AuditWriter? auditWriter = null)
{
    public IHttpContextAccessor? Http { get; } = http;
    public AuditKey AuditKey { get; } = auditKey;
    public TimeProvider Clock { get; } = clock;

    /// <summary>The process's group commit for audit-only saves; without one (design time, tools) each save writes its own.</summary>
    public AuditWriter? AuditWriter { get; } = auditWriter;

    /// <summary>For design-time tools: nobody signed in, a throw-away key.</summary>
    public static ContextServices DesignTime() => new(null, AuditKey.Random(), TimeProvider.System);
}
