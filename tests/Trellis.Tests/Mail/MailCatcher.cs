using netDumbster.smtp;
using Trellis.Tests.Support;

namespace Trellis.Tests.Mail;

/// <summary>A real SMTP server inside the test process (netDumbster): the app sends to it over TCP, tests read what arrived.</summary>
public sealed class MailCatcher : IDisposable
{
    private readonly SimpleSmtpServer server = SimpleSmtpServer.Start();

    public int Port => server.Configuration.Port;

    public IReadOnlyList<CaughtMail> Received => server.ReceivedEmail.Select(m => new CaughtMail(
        m.ToAddresses.Select(a => a.Address).ToArray(), m.Headers["Subject"] ?? "", m.Headers["From"] ?? "",
        string.Join("\n", m.MessageParts.Select(p => p.BodyData)), m.Data)).ToList();

    public IReadOnlyList<CaughtMail> To(string address) =>
        Received.Where(m => m.To.Any(t => string.Equals(t, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits (up to 15 s) until <paramref name="count"/> messages have reached <paramref name="address"/>.</summary>
    public async Task<IReadOnlyList<CaughtMail>> WaitForAsync(string address, int count = 1)
    {
        for (var i = 0; i < 150 && To(address).Count < count; i++) await Task.Delay(100);
        var got = To(address);
        Assert.True(got.Count >= count, $"Expected {count} message(s) to {address}; {got.Count} arrived.");
        return got;
    }

    public void Dispose() => server.Stop();
}

public sealed record CaughtMail(string[] To, string Subject, string From, string Body, string Raw)
{
    /// <summary>The first link in the body, as a path and query on the app (the app's own address is stripped).</summary>
    public string LinkPath()
    {
        var match = System.Text.RegularExpressions.Regex.Match(Body, @"https?://\S+");
        Assert.True(match.Success, $"No link in: {Body}");
        var uri = new Uri(match.Value.TrimEnd('.', ')'));
        return uri.PathAndQuery;
    }
}

/// <summary>The app with mail going to an in-process SMTP server; the dispatcher polls every 100 ms.</summary>
public class MailFactory : TrellisFactory
{
    public MailCatcher Mail { get; } = new();

    protected virtual bool Dispatches => true;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:From"] = "Care team portal <portal@trellis.example>",
        ["Mail:Security"] = "None",
        ["Mail:PublicUrl"] = "http://trellis.test",
        ["Mail:PollSeconds"] = "0.1",
        ["Mail:Dispatch"] = Dispatches ? "true" : "false",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Mail.Dispose();
    }
}

/// <summary>The same, with the background dispatcher off: tests start dispatchers themselves (a restart, a second node).</summary>
public sealed class StoppedMailFactory : MailFactory
{
    protected override bool Dispatches => false;
}
