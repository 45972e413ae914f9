using System.Net.Http.Headers;
using System.Net.Http.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Trellis.Web.Features.Mail;

/// <summary>Sends one email. Throws when the server refuses or cannot be reached; the dispatcher retries.</summary>
public interface IMailSender
{
    bool IsConfigured { get; }
    Task SendAsync(string to, string subject, string body, CancellationToken ct);
}

/// <summary>Sends one text message through the clinic's provider.</summary>
public interface ISmsSender
{
    bool IsConfigured { get; }
    Task SendAsync(string to, string text, CancellationToken ct);
}

/// <summary>SMTP with MailKit: plain on a local port, STARTTLS or TLS on connect, with credentials when given.</summary>
internal sealed class SmtpMailSender(IOptions<MailOptions> options) : IMailSender
{
    private MailOptions O => options.Value;
    public bool IsConfigured => O.IsConfigured;

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(O.From!));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = Enum.TryParse<SecureSocketOptions>(O.Security, ignoreCase: true, out var s) ? s : SecureSocketOptions.Auto;
        await client.ConnectAsync(O.Host!, O.Port, security, ct);
        if (!string.IsNullOrEmpty(O.UserName)) await client.AuthenticateAsync(O.UserName, O.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}

/// <summary>
/// A generic HTTP text provider: POST {Url} with <c>{ "to", "from", "text" }</c> and <c>Authorization: Bearer {Key}</c>.
/// Any 2xx is sent; anything else throws, and the dispatcher retries.
/// </summary>
internal sealed class HttpSmsSender(HttpClient http, IOptions<SmsOptions> options) : ISmsSender
{
    private SmsOptions O => options.Value;
    public bool IsConfigured => O.IsConfigured;

    public async Task SendAsync(string to, string text, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, O.Url) { Content = JsonContent.Create(new { to, from = O.From, text }) };
        if (!string.IsNullOrEmpty(O.Key)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", O.Key);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The text provider answered {(int)response.StatusCode} {response.ReasonPhrase}.");
    }
}
