using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace Trellis.Web.Features.Smart;

/// <summary>
/// Gives the authorization server its signing and encryption keys: RSA 2048 keys kept in the database
/// (<see cref="OAuthKey"/>), made by whichever node starts first and read by every other, so tokens one node issues
/// are read by all, and survive restarts. The private keys are stored under Data Protection. No development
/// certificate is ever used.
/// </summary>
public sealed class SmartKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection) : IConfigureOptions<OpenIddictServerOptions>
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";
    private IDataProtector Protector => protection.CreateProtector("Trellis.Smart.OAuthKeys");

    public void Configure(OpenIddictServerOptions options)
    {
        var signing = Load(Signing);
        var encryption = Load(Encryption);
        options.SigningCredentials.Add(new SigningCredentials(signing, SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(encryption, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private RsaSecurityKey Load(string id)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>().ActAs(CurrentUser.System("oauth keys"));
        var row = db.Set<OAuthKey>().AsNoTracking().FirstOrDefault(k => k.Id == id);
        if (row is null)
        {
            using var fresh = RSA.Create(2048);
            db.Set<OAuthKey>().Add(new OAuthKey { Id = id, CreatedAt = db.Now, ProtectedKey = Protector.Protect(Convert.ToBase64String(fresh.ExportPkcs8PrivateKey())) });
            try { db.SaveChanges(); }
            catch (DbUpdateException) { } // another node made it first: use theirs
            db.ChangeTracker.Clear();
            row = db.Set<OAuthKey>().AsNoTracking().First(k => k.Id == id);
        }
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(Protector.Unprotect(row.ProtectedKey)), out _);
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }
}
