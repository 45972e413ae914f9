namespace Trellis.Web.Features.Mail;

/// <summary>
/// Queues an email or text in the context; the caller's SaveChanges commits it with the change that causes it.
/// Nothing is sent during the request: <see cref="OutboxDispatcher"/> sends it, retrying, without blocking a page.
/// </summary>
public static class Outbox
{
    public static OutboxMessage Email(TrellisDbContext db, string to, Notice notice, string? key = null) =>
        Add(db, OutboxChannel.Email, to, notice, key);

    public static OutboxMessage Text(TrellisDbContext db, string to, Notice notice, string? key = null) =>
        Add(db, OutboxChannel.Sms, to, notice, key);

    private static OutboxMessage Add(TrellisDbContext db, OutboxChannel channel, string to, Notice notice, string? key)
    {
        var message = new OutboxMessage
        {
            Channel = channel, To = to.Trim(), Kind = notice.Kind, Subject = notice.Subject, Body = notice.Text, Key = key,
            CreatedAt = db.Now, NextAttemptAt = db.Now,
        };
        db.Set<OutboxMessage>().Add(message);
        return message;
    }
}
