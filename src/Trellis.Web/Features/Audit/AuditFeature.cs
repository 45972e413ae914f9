using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Audit;

/// <summary>The audit trail page.</summary>
public sealed class AuditFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config) =>
        services.AddSingleton(new NavItem("/admin/audit", "Audit trail", Permissions.ReadAudit, 130, "Administration"));
}
