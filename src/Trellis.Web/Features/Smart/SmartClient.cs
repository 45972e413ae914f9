using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Trellis.Web.Features.Smart;

public enum SmartClientKind { Backend, App }

/// <summary>
/// A SMART on FHIR client an administrator registered. The OAuth side (client id, its JWKS or redirect address,
/// grant types) is the OpenIddict application of the same <see cref="ClientId"/>; this row holds what Trellis
/// decides with: the SMART v2 scopes it may be granted, and for a backend service the role whose permissions it
/// reads with and the programs it sees (its care-team scope, exactly as a staff member's assignments).
/// </summary>
public sealed class SmartClient : Entity
{
    public string ClientId { get; set; } = "";
    public string Name { get; set; } = "";
    public SmartClientKind Kind { get; set; }
    /// <summary>Space-separated SMART v2 scopes the client may ask for (system/Patient.rs, system/*.rs…).</summary>
    public string Scopes { get; set; } = "";
    /// <summary>Backend services: the staff role whose permissions decide which resource types it may read at all.</summary>
    public string? Role { get; set; }
    /// <summary>Backend services: the programs whose records it sees.</summary>
    public List<Guid> ProgramIds { get; set; } = [];
    /// <summary>
    /// Backend services: the outside recipient this service is, as participants' 42 CFR Part 2 consents name it, and the
    /// purpose it receives records for (as the consents state it). A Part 2 participant's records reach it only under an
    /// active Part 2 consent naming both (Features/Disclosures); unset, it receives no Part 2 records at all.
    /// </summary>
    public string? Recipient { get; set; }
    public string? Purpose { get; set; }
    /// <summary>Apps: where the authorization code goes.</summary>
    public string? RedirectUri { get; set; }
    /// <summary>Cleared when an administrator removes the client: its tokens stop working at once.</summary>
    public bool IsActive { get; set; } = true;

    public IReadOnlyList<SmartScope> ScopeList => SmartScope.ParseAll(Scopes);
}

/// <summary>
/// The authorization server's own keys (token signing and encryption), kept in the database so that every node
/// signs and reads with the same ones and a restart keeps them. The private key is stored under ASP.NET Core
/// Data Protection (whose key ring is in the database too).
/// </summary>
public sealed class OAuthKey
{
    /// <summary>"signing" or "encryption".</summary>
    public string Id { get; set; } = "";
    public string ProtectedKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>A client assertion's jti seen at the token endpoint, kept until the assertion expires: a second use is refused.</summary>
public sealed class ClientAssertionUse
{
    public string ClientId { get; set; } = "";
    public string Jti { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class SmartClientConfiguration : IEntityTypeConfiguration<SmartClient>
{
    public void Configure(EntityTypeBuilder<SmartClient> b)
    {
        b.ToTable("SmartClients");
        b.Property(x => x.ClientId).HasMaxLength(100);
        b.HasIndex(x => x.ClientId).IsUnique();
        b.Property(x => x.Name).HasMaxLength(120);
        b.Property(x => x.Scopes).HasMaxLength(2000);
        b.Property(x => x.Role).HasMaxLength(40);
        b.Property(x => x.RedirectUri).HasMaxLength(500);
        b.Property(x => x.Recipient).HasMaxLength(300);
        b.Property(x => x.Purpose).HasMaxLength(500);
        b.Ignore(x => x.ScopeList);
    }
}

internal sealed class OAuthKeyConfiguration : IEntityTypeConfiguration<OAuthKey>
{
    public void Configure(EntityTypeBuilder<OAuthKey> b)
    {
        b.ToTable("OAuthKeys");
        b.Property(x => x.Id).HasMaxLength(20);
        b.Property(x => x.ProtectedKey).HasMaxLength(8000);
    }
}

internal sealed class ClientAssertionUseConfiguration : IEntityTypeConfiguration<ClientAssertionUse>
{
    public void Configure(EntityTypeBuilder<ClientAssertionUse> b)
    {
        b.ToTable("ClientAssertionUses");
        b.HasKey(x => new { x.ClientId, x.Jti });
        b.Property(x => x.ClientId).HasMaxLength(100);
        b.Property(x => x.Jti).HasMaxLength(200);
        b.HasIndex(x => x.ExpiresAt);
    }
}
