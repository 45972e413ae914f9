using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Trellis.Web.Features.Mail;

namespace Trellis.Web.Features.Auth;

/// <summary>
/// The single-use links of the account: a password reset (Identity's reset token, valid Mail:ResetLinkMinutes) and a
/// portal invitation (its own provider, valid Mail:InvitationDays). Both tokens are bound to the account's security
/// stamp, which changes when the password is set: a used link, or an older one, no longer works.
/// </summary>
public static class AccountLinks
{
    public const string InvitationProvider = "Invitation";
    public const string InvitationPurpose = "JoinPortal";

    public static void AddAccountLinks(this IServiceCollection services, IConfiguration config)
    {
        var mail = config.GetSection("Mail").Get<MailOptions>() ?? new MailOptions();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromMinutes(mail.ResetLinkMinutes));
        services.Configure<InvitationTokenOptions>(o => o.TokenLifespan = TimeSpan.FromDays(mail.InvitationDays));
        services.Configure<IdentityOptions>(o => o.Tokens.ProviderMap[InvitationProvider] = new TokenProviderDescriptor(typeof(InvitationTokenProvider)));
        services.AddTransient<InvitationTokenProvider>();
    }

    public static string ResetPath(string userId, string token) =>
        $"/account/reset-password?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    public static string JoinPath(string userId, string token) =>
        $"/account/join?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";
}

public sealed class InvitationTokenOptions : DataProtectionTokenProviderOptions
{
    public InvitationTokenOptions() { Name = AccountLinks.InvitationProvider; TokenLifespan = TimeSpan.FromDays(7); }
}

public sealed class InvitationTokenProvider(IDataProtectionProvider protection, IOptions<InvitationTokenOptions> options, ILogger<DataProtectorTokenProvider<TrellisUser>> log)
    : DataProtectorTokenProvider<TrellisUser>(protection, options, log);
