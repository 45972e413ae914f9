using Trellis.Web.Features.Audit;

namespace Trellis.Web.Data;

/// <summary>What the context needs from the app besides its options: the caller, the audit key and the clock.</summary>
public sealed class ContextServices(IHttpContextAccessor? http, AuditKey auditKey, TimeProvider clock, IEnumerable<ISaveHook>? hooks = null)
{
    public IHttpContextAccessor? Http { get; } = http;
    public IReadOnlyList<ISaveHook> SaveHooks { get; } = hooks?.ToList() ?? [];
    public AuditKey AuditKey { get; } = auditKey;
    public TimeProvider Clock { get; } = clock;

    /// <summary>For design-time tools: nobody signed in, a throw-away key.</summary>
    public static ContextServices DesignTime() => new(null, AuditKey.Random(), TimeProvider.System);
}
