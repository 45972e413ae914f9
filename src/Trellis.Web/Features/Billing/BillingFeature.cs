using Trellis.Web.Components.Layout;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Home;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Billing;

/// <summary>
/// The revenue cycle: payers and coverage, fee schedules, charges made from attendance (a save hook, so
/// scheduling and notes know nothing of billing), 837 claims, 835 remittances, participants' balances and
/// statements, the public cost estimate and the billing reports. See docs/billing.md.
/// </summary>
public sealed class BillingFeature : IFeature
{
    public static void Register(IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<ISaveHook, Charges.ChargeSaveHook>();
        services.AddScoped<IDemoData, Demo.BillingDemoData>();
        services.AddSingleton(new NavItem("/billing", "Billing", Permissions.ViewBilling, 60));
        services.AddSingleton(new NavItem("/billing/charges", "Charges", Permissions.ViewBilling, 61));
        services.AddSingleton(new NavItem("/billing/claims", "Claims", Permissions.ViewBilling, 62));
        services.AddSingleton(new NavItem("/billing/accounts", "Accounts", Permissions.ViewBilling, 63));
        services.AddSingleton(new NavItem("/billing/remittances", "Remittances", Permissions.ViewBilling, 200, "Billing"));
        services.AddSingleton(new NavItem("/billing/denials", "Denials to work", Permissions.ViewBilling, 201, "Billing"));
        services.AddSingleton(new NavItem("/billing/reports", "Billing reports", Permissions.ViewBilling, 202, "Billing"));
        services.AddSingleton(new NavItem("/billing/setup", "Billing setup", Permissions.ViewBilling, 203, "Billing"));
        services.AddSingleton(new ChartTab("billing", "Billing", Permissions.ChartBilling, 95));
        services.AddSingleton(new HomeCard(typeof(Pages.BillingCard), Permissions.ViewBilling, 15));
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        Api.ChargesApi.Map(api);
        Api.ClaimsApi.Map(api);
        Api.RemittancesApi.Map(api);
        Api.SetupApi.Map(api);
        Api.AccountsApi.Map(api);
        Api.ReportsApi.Map(api);
    }

    public static void MapEndpoints(IEndpointRouteBuilder app) => Api.DownloadEndpoints.Map(app);
}
