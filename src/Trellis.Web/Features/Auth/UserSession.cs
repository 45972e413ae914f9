using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Trellis.Web.Features.Auth;

public enum SessionKind { Browser, Api }

/// <summary>
/// A server-side record of one sign-in. Cookies and API tokens carry only its id (or a token whose
/// hash is stored here), so signing out, disabling an account or idling past the limit ends access
/// at once on every app node, which a self-contained cookie or token could not do.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string UserId { get; set; } = "";
    public SessionKind Kind { get; set; }
    /// <summary>SHA-256 of an API access token; null for browser sessions.</summary>
    public string? TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.RevokedReason).HasMaxLength(100);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        b.Property(x => x.UserAgent).HasMaxLength(300);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasOne<TrellisUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
