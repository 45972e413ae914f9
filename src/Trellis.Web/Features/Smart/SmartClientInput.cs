using System.ComponentModel.DataAnnotations;
using Microsoft.IdentityModel.Tokens;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Smart;

/// <summary>A SMART client to register: a backend service (its public keys, role and programs) or a person's app (its redirect address).</summary>
public sealed class SmartClientInput : IValidatableObject
{
    /// <summary>Roles a backend service may read as: staff roles, never the administrator's (which sees every program).</summary>
    public static readonly string[] ServiceRoles = [Roles.Clinician, Roles.ProgramDirector, Roles.Prescriber, Roles.CaseManager, Roles.IntakeCoordinator, Roles.Billing];

    [Required(ErrorMessage = "Name the client (the organization or app, as staff will recognise it)."), StringLength(120)]
    public string Name { get; set; } = "";

    public SmartClientKind Kind { get; set; } = SmartClientKind.Backend;

    [Required(ErrorMessage = "List the scopes it may ask for, e.g. system/Patient.rs system/Observation.rs."), StringLength(2000)]
    public string Scopes { get; set; } = "";

    /// <summary>Backend services: the staff role whose permissions it reads with.</summary>
    [StringLength(40)]
    public string? Role { get; set; } = Roles.Clinician;

    /// <summary>Backend services: the programs whose records it sees.</summary>
    public List<Guid> ProgramIds { get; set; } = [];

    /// <summary>
    /// Backend services: the outside recipient it is, exactly as participants' 42 CFR Part 2 consents name it, and the purpose
    /// it receives records for, as the consents state it. Optional: without both it receives no Part 2 program's records.
    /// </summary>
    [StringLength(300)]
    public string? Recipient { get; set; }
    [StringLength(500)]
    public string? Purpose { get; set; }

    /// <summary>Backend services: the JSON Web Key Set with its public keys (RS384 or ES384).</summary>
    [StringLength(20000)]
    public string? Jwks { get; set; }

    /// <summary>Apps: the address the authorization code is sent back to.</summary>
    [StringLength(500)]
    public string? RedirectUri { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var allowed = Kind == SmartClientKind.Backend ? new[] { "system" } : ["patient", "user"];
        foreach (var scope in Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Kind == SmartClientKind.App && SmartScope.AppExtras.Contains(scope)) continue;
            if (SmartScope.Parse(scope) is not { } parsed || !allowed.Contains(parsed.Context))
            {
                yield return new($"'{scope}' is not a SMART v2 scope a {(Kind == SmartClientKind.Backend ? "backend service" : "person's app")} can have: use "
                    + (Kind == SmartClientKind.Backend ? "system/Type.rs or system/*.rs" : "patient/… or user/… (e.g. patient/*.rs), openid, fhirUser, launch/patient, offline_access") + ".", [nameof(Scopes)]);
                yield break;
            }
        }
        if (Kind == SmartClientKind.Backend)
        {
            if (Role is null || !ServiceRoles.Contains(Role)) yield return new("Choose the role it reads as: " + string.Join(", ", ServiceRoles.Select(Roles.Label)) + ".", [nameof(Role)]);
            if (ProgramIds.Count == 0) yield return new("Choose at least one program it may see.", [nameof(ProgramIds)]);
            if (JwksProblem(Jwks) is { } problem) yield return new(problem, [nameof(Jwks)]);
            foreach (var result in SmartRecipientInput.Check(Recipient, Purpose)) yield return result;
        }
        else if (!Uri.TryCreate(RedirectUri, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) || uri.Fragment.Length > 0)
            yield return new("Give the app's redirect address: an https address (or http on localhost), without a #fragment.", [nameof(RedirectUri)]);
    }

    /// <summary>Why a JWKS cannot be used, or null: it must parse and hold public RSA or EC keys only (no private parts).</summary>
    public static string? JwksProblem(string? jwks)
    {
        if (string.IsNullOrWhiteSpace(jwks)) return "Paste the service's JSON Web Key Set (its public keys).";
        JsonWebKeySet set;
        try { set = new JsonWebKeySet(jwks); }
        catch (Exception e) when (e is ArgumentException or System.Text.Json.JsonException) { return "The key set is not a JSON Web Key Set: " + e.Message; }
        if (set.Keys.Count == 0) return "The key set holds no keys.";
        if (set.Keys.Any(k => k.Kty is not ("RSA" or "EC"))) return "Only RSA and EC keys are accepted (RS384 or ES384).";
        if (set.Keys.Any(k => k.D is not null)) return "The key set holds a private key: paste the public keys only, and replace that key (it is no longer secret).";
        return null;
    }
}

/// <summary>
/// Links a backend service to the recipient and purpose participants' 42 CFR Part 2 consents name (or clears the link): it then
/// receives the Part 2 records of exactly the participants whose active consent names both (Features/Disclosures).
/// </summary>
public sealed class SmartRecipientInput : IValidatableObject
{
    [StringLength(300)]
    public string? Recipient { get; set; }
    [StringLength(500)]
    public string? Purpose { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => Check(Recipient, Purpose);

    /// <summary>Both or neither: a recipient without a purpose (or the reverse) could never match a consent.</summary>
    public static IEnumerable<ValidationResult> Check(string? recipient, string? purpose)
    {
        if (string.IsNullOrWhiteSpace(recipient) && !string.IsNullOrWhiteSpace(purpose))
            yield return new("Name the recipient as the participants' Part 2 consents name it, or clear the purpose too.", [nameof(Recipient)]);
        if (!string.IsNullOrWhiteSpace(recipient) && string.IsNullOrWhiteSpace(purpose))
            yield return new("Give the purpose as the consents state it (e.g. \"Coordination of care.\"), or clear the recipient too.", [nameof(Purpose)]);
    }
}
