using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Trellis.Web.Features.Mail;

/// <summary>
/// Sends the outbox, outside any request: every few seconds it claims due rows, sends each and marks it sent. A claim is
/// one conditional UPDATE (lease lapsed or never taken, not sent), so of two nodes only one wins a row; a node that dies
/// mid-send leaves a lease that lapses, and the row is sent by whoever claims it next. A failure waits longer each time
/// (30 s, 1, 2, 4… minutes, at most an hour) until <see cref="MailOptions.MaxAttempts"/>, then the row is marked failed.
/// Delivery is at least once: only a crash in the instant between the server accepting a message and the row being marked
/// sent can repeat one. Without mail settings, development writes each email to the log; elsewhere emails wait.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, IMailSender mail, ISmsSender sms, IOptions<MailOptions> options,
    IConfiguration config, IHostEnvironment env, TimeProvider clock, ILogger<OutboxDispatcher> log) : BackgroundService
{
    private readonly string node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private MailOptions O => options.Value;
    private bool WritesToLog => !mail.IsConfigured && env.IsDevelopment();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Mail:Dispatch", true)) return;
        if (!mail.IsConfigured)
            log.LogWarning(WritesToLog
                ? "Mail is not configured (Mail__Host, Mail__From): in development each email is written to this log instead of being sent."
                : "Mail is not configured (Mail__Host, Mail__From): emails wait in the outbox until it is.");
        if (!sms.IsConfigured) log.LogInformation("Text messages are not configured (Sms__Url): texts wait in the outbox until they are.");
        if (!mail.IsConfigured && !sms.IsConfigured && !WritesToLog) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await DispatchAsync(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e) { log.LogWarning(e, "Sending the outbox failed; trying again shortly"); }
            try { await Task.Delay(TimeSpan.FromSeconds(O.PollSeconds), clock, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One round: claims and sends what is due now. Answers how many were sent.</summary>
    public async Task<int> DispatchAsync(CancellationToken ct = default)
    {
        var channels = new List<OutboxChannel>();
        if (mail.IsConfigured || WritesToLog) channels.Add(OutboxChannel.Email);
        if (sms.IsConfigured) channels.Add(OutboxChannel.Sms);
        if (channels.Count == 0) return 0;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(CurrentUser.System("outbox"));
        var outbox = db.Set<OutboxMessage>();
        var now = clock.GetUtcNow();
        var due = await Due(outbox, now, channels).OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(20).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            now = clock.GetUtcNow();
            var until = now.AddSeconds(O.LeaseSeconds);
            var claimed = await Due(outbox, now, channels).Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.LeaseOwner, node), ct);
            if (claimed != 1) continue; // another node has it
            var message = await outbox.AsNoTracking().FirstAsync(m => m.Id == id, ct);
            try
            {
                await SendAsync(message, ct);
                await Mine(outbox, id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, clock.GetUtcNow())
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null), ct);
                sent++;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                var attempts = message.Attempts + 1;
                var giveUp = attempts >= O.MaxAttempts;
                var error = Shorten(e.Message);
                log.LogWarning("Sending {Channel} {Id} failed (attempt {Attempts}): {Error}", message.Channel, id, attempts, error);
                var next = clock.GetUtcNow() + Backoff(attempts);
                await Mine(outbox, id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.LeaseUntil, (DateTimeOffset?)null)
                    .SetProperty(m => m.FailedAt, giveUp ? clock.GetUtcNow() : null), CancellationToken.None);
            }
        }
        return sent;
    }

    /// <summary>30 s after the first failure, doubling, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    private static IQueryable<OutboxMessage> Due(IQueryable<OutboxMessage> q, DateTimeOffset now, List<OutboxChannel> channels) =>
        q.Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now
            && (m.LeaseUntil == null || m.LeaseUntil < now) && channels.Contains(m.Channel));

    private IQueryable<OutboxMessage> Mine(IQueryable<OutboxMessage> q, Guid id) => q.Where(m => m.Id == id && m.LeaseOwner == node);

    private async Task SendAsync(OutboxMessage m, CancellationToken ct)
    {
        if (m.Channel == OutboxChannel.Sms) { await sms.SendAsync(m.To, m.Body, ct); return; }
        if (mail.IsConfigured) { await mail.SendAsync(m.To, m.Subject, m.Body, ct); return; }
        log.LogInformation("Email not sent (mail is not configured) to {To}: {Subject}\n{Body}", m.To, m.Subject, m.Body);
    }

    private static string Shorten(string s) => s.Length <= 500 ? s : s[..500];
}
