using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Trellis.Web.Features.Audit;

/// <summary>
/// One line of the append-only audit trail. <see cref="Hash"/> is HMAC-SHA256 over this entry's
/// fields and the previous entry's hash, keyed with a secret kept outside the database, so a person
/// who can write to the database still cannot alter, remove or insert entries without it showing.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain: 1, 2, 3… with no gaps.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Role { get; set; }
    public string Action { get; set; } = "";
    public string? RecordType { get; set; }
    public string? RecordId { get; set; }
    public Guid? ParticipantId { get; set; }
    public string? ClientAddress { get; set; }
    public string Outcome { get; set; } = "";
    public string? Detail { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

public static class AuditActions
{
    public const string Create = "Create";
    public const string Read = "Read";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string Restore = "Restore";
    public const string SignIn = "SignIn";
    public const string SignOut = "SignOut";
    public const string Export = "Export";
    // Account actions: what was done to a sign-in account (never its secrets).
    public const string PasswordChanged = "PasswordChanged";
    public const string PasswordReset = "PasswordReset";
    public const string Unlock = "Unlock";
    public const string TwoFactorEnabled = "TwoFactorEnabled";
    public const string TwoFactorDisabled = "TwoFactorDisabled";
    public const string TwoFactorReset = "TwoFactorReset";
    public const string RecoveryCodesReplaced = "RecoveryCodesReplaced";
    public const string PasskeyAdded = "PasskeyAdded";
    public const string PasskeyRemoved = "PasskeyRemoved";
    public const string SessionEnded = "SessionEnded";
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(x => x.Sequence);
        b.Property(x => x.Sequence).ValueGeneratedNever();
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.UserName).HasMaxLength(256);
        b.Property(x => x.Role).HasMaxLength(200);
        b.Property(x => x.Action).HasMaxLength(40);
        b.Property(x => x.RecordType).HasMaxLength(80);
        b.Property(x => x.RecordId).HasMaxLength(80);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        b.Property(x => x.Outcome).HasMaxLength(200);
        b.Property(x => x.Detail).HasMaxLength(1000);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.HasIndex(x => x.At);
        b.HasIndex(x => x.ParticipantId);
        b.HasIndex(x => x.UserId);
    }
}
