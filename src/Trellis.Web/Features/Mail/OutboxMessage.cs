using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Trellis.Web.Features.Mail;

public enum OutboxChannel { Email, Sms }

/// <summary>
/// An email or text waiting to be sent. Added to the context by <see cref="Outbox"/> beside the change that causes it,
/// so both commit in one transaction or neither does; <see cref="OutboxDispatcher"/> sends it later, outside any request.
/// A node claims a row by moving its lease forward in one conditional UPDATE, so two nodes never send the same row, and
/// marks it sent; a row whose lease lapsed (its node died mid-send) is claimed again. Its text comes only from
/// <see cref="Notices"/>: never clinical content. Not audited (it names no chart, and the change that caused it is).
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public OutboxChannel Channel { get; set; }
    /// <summary>An email address or a phone number.</summary>
    public string To { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>What the message is about, once (a session's reminder): a second row with the same key cannot be saved.</summary>
    public string? Key { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Set when the dispatcher gave up after the last attempt; <see cref="LastError"/> says why.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(x => x.To).HasMaxLength(256);
        b.Property(x => x.Kind).HasMaxLength(40);
        b.Property(x => x.Subject).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(4000);
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.LeaseOwner).HasMaxLength(100);
        b.Property(x => x.LastError).HasMaxLength(500);
        b.HasIndex(x => x.Key).IsUnique();
        b.HasIndex(x => new { x.SentAt, x.FailedAt, x.NextAttemptAt });
    }
}
