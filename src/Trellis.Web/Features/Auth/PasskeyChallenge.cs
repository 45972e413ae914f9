using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Trellis.Web.Features.Auth;

public enum PasskeyOperation { SignIn, Register }

/// <summary>
/// One WebAuthn ceremony under way: the state Identity's passkey handler needs to check the answer (the challenge,
/// and for a registration the account). It lives in the database, not in a node's memory or a cookie, so the answer
/// may reach any node, and it is taken (deleted) by the first answer: a challenge works once, so a replayed assertion
/// is refused even when the authenticator keeps no signature counter. Not an <c>Entity</c>: nobody edits it, and the
/// sign-in or the passkey it leads to is what is audited.
/// </summary>
public sealed class PasskeyChallenge
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public PasskeyOperation Operation { get; set; }
    /// <summary>The account a registration is for; null for a sign-in (the passkey names its account).</summary>
    public string? UserId { get; set; }
    public string State { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class PasskeyChallengeConfiguration : IEntityTypeConfiguration<PasskeyChallenge>
{
    public void Configure(EntityTypeBuilder<PasskeyChallenge> b)
    {
        b.ToTable("PasskeyChallenges");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.State).HasMaxLength(8000);
        b.HasIndex(x => x.ExpiresAt);
    }
}
