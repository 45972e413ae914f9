using Hl7.Fhir.Model;

namespace Trellis.Web.Features.Smart;

/// <summary>The CapabilityStatement's rest.security: SMART-on-FHIR, with the OAuth endpoints in the oauth-uris extension.</summary>
public static class SmartCapability
{
    public const string OAuthUris = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    public static CapabilityStatement.SecurityComponent Security(string fhirBase)
    {
        var root = fhirBase.EndsWith("/fhir", StringComparison.Ordinal) ? fhirBase[..^"/fhir".Length] : fhirBase;
        var security = new CapabilityStatement.SecurityComponent
        {
            Cors = false,
            Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "SMART-on-FHIR", "SMART-on-FHIR")],
            Description = "SMART on FHIR (see /.well-known/smart-configuration): backend services (client credentials, private_key_jwt RS384/ES384, system/ scopes, "
                + "the programs an administrator registered) and app launch (authorization code with PKCE S256, patient/ and user/ scopes). Also accepted: the bearer "
                + "token of POST /api/auth/login. Staff see their care team's programs; a participant sees themself.",
        };
        var uris = new Extension { Url = OAuthUris };
        uris.Extension.Add(new Extension("token", new FhirUri(root + SmartFeature.TokenPath)));
        uris.Extension.Add(new Extension("authorize", new FhirUri(root + SmartFeature.AuthorizePath)));
        uris.Extension.Add(new Extension("revoke", new FhirUri(root + SmartFeature.RevokePath)));
        uris.Extension.Add(new Extension("introspect", new FhirUri(root + SmartFeature.IntrospectPath)));
        security.Extension.Add(uris);
        return security;
    }
}
