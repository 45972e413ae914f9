using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Trellis.Tests.Foundation;

/// <summary>
/// A WebAuthn authenticator in the test: a P-256 key, "none" attestation, user present and verified, a counter. It
/// answers the options the server gives exactly as a browser's would, and each part can be spoiled on purpose
/// (origin, challenge, key) to see the server refuse it.
/// </summary>
public sealed class SoftAuthenticator(string rpId = "localhost", string origin = "http://localhost") : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(16);
    public string Id => Base64Url.EncodeToString(CredentialId);
    /// <summary>The account's user handle (base64url), learned from the creation options it answered.</summary>
    public string? UserHandle { get; set; }
    private uint counter;

    /// <summary>The answer to creation options: a JSON credential for navigator.credentials.create.</summary>
    public JsonObject Create(JsonNode options, string? originOverride = null, string? challengeOverride = null)
    {
        UserHandle = (string)options["user"]!["id"]!;
        var clientData = ClientData("webauthn.create", challengeOverride ?? (string)options["challenge"]!, originOverride ?? origin);
        var p = key.ExportParameters(false);
        var cose = Cbor.Map(
            (Cbor.Int(1), Cbor.Int(2)), (Cbor.Int(3), Cbor.Int(-7)), (Cbor.Int(-1), Cbor.Int(1)),
            (Cbor.Int(-2), Cbor.Bytes(p.Q.X!)), (Cbor.Int(-3), Cbor.Bytes(p.Q.Y!)));
        var authData = Concat(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), [0x45], BigEndian(counter), new byte[16],
            [(byte)(CredentialId.Length >> 8), (byte)CredentialId.Length], CredentialId, cose);
        var attestation = Cbor.Map((Cbor.Text("fmt"), Cbor.Text("none")), (Cbor.Text("attStmt"), Cbor.Map()), (Cbor.Text("authData"), Cbor.Bytes(authData)));
        return new JsonObject
        {
            ["id"] = Id, ["rawId"] = Id, ["type"] = "public-key", ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new JsonObject(),
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
                ["attestationObject"] = Base64Url.EncodeToString(attestation),
                ["transports"] = new JsonArray("internal"),
            },
        };
    }

    /// <summary>The answer to request options: a signed assertion for navigator.credentials.get.</summary>
    public JsonObject Get(JsonNode options, string? originOverride = null, string? challengeOverride = null)
    {
        counter++;
        var clientData = ClientData("webauthn.get", challengeOverride ?? (string)options["challenge"]!, originOverride ?? origin);
        var authData = Concat(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)), [0x05], BigEndian(counter));
        var signature = key.SignData(Concat(authData, SHA256.HashData(clientData)), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new JsonObject
        {
            ["id"] = Id, ["rawId"] = Id, ["type"] = "public-key", ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new JsonObject(),
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
                ["authenticatorData"] = Base64Url.EncodeToString(authData),
                ["signature"] = Base64Url.EncodeToString(signature),
                ["userHandle"] = UserHandle,
            },
        };
    }

    private static byte[] ClientData(string type, string challenge, string origin) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["type"] = type, ["challenge"] = challenge, ["origin"] = origin, ["crossOrigin"] = false }.ToJsonString());

    private static byte[] BigEndian(uint n) => [(byte)(n >> 24), (byte)(n >> 16), (byte)(n >> 8), (byte)n];
    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public void Dispose() => key.Dispose();

    /// <summary>The few CBOR items an attestation needs (RFC 8949, definite lengths).</summary>
    private static class Cbor
    {
        private static byte[] Head(int major, long n) => n switch
        {
            < 24 => [(byte)((major << 5) | (int)n)],
            < 256 => [(byte)((major << 5) | 24), (byte)n],
            _ => [(byte)((major << 5) | 25), (byte)(n >> 8), (byte)n],
        };
        public static byte[] Int(long n) => n >= 0 ? Head(0, n) : Head(1, -1 - n);
        public static byte[] Bytes(byte[] b) => [.. Head(2, b.Length), .. b];
        public static byte[] Text(string s) => Encoding.UTF8.GetBytes(s) is var b ? [.. Head(3, b.Length), .. b] : [];
        public static byte[] Map(params (byte[] Key, byte[] Value)[] entries) =>
            [.. Head(5, entries.Length), .. entries.SelectMany(e => e.Key.Concat(e.Value))];
    }
}
