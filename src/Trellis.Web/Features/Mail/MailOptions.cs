namespace Trellis.Web.Features.Mail;

/// <summary>How the clinic sends email (section "Mail"; environment Mail__Host, Mail__Port, Mail__From…).</summary>
public sealed class MailOptions
{
    /// <summary>The SMTP server. Empty: mail is not configured (see docs/operations.md).</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string? From { get; set; }
    /// <summary>None (plain SMTP, a local relay or the tests), StartTls, SslOnConnect, or Auto (MailKit's choice by port).</summary>
    public string Security { get; set; } = "Auto";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>The app's public address for links in messages (https://portal.clinic.org); a request's own address when empty.</summary>
    public string? PublicUrl { get; set; }
    public double PollSeconds { get; set; } = 5;
    public int MaxAttempts { get; set; } = 8;
    public int LeaseSeconds { get; set; } = 120;
    public int ResetLinkMinutes { get; set; } = 60;
    public int InvitationDays { get; set; } = 7;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

/// <summary>The text-message provider (section "Sms"): an HTTP endpoint that takes { to, from, text } with a bearer key.</summary>
public sealed class SmsOptions
{
    public string? Url { get; set; }
    public string? Key { get; set; }
    public string? From { get; set; }

    public bool IsConfigured => Uri.TryCreate(Url, UriKind.Absolute, out _);
}
