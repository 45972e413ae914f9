using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Task = System.Threading.Tasks.Task;
using Trellis.Tests.Fhir;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Smart;

namespace Trellis.Tests.Smart;

/// <summary>
/// SMART Backend Services (issue 12, part 4): discovery, a registered service's token (private_key_jwt, RS384) seeing
/// exactly its programs and scopes, audited with its client id, revocable; and every bad assertion refused with an OAuth error.
/// </summary>
public class SmartBackendTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Smart_configuration_and_the_capability_statement_publish_the_endpoints()
    {
        var response = await app.Anonymous().GetAsync("/.well-known/smart-configuration");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("http://localhost/connect/token", json.GetProperty("token_endpoint").GetString());
        Assert.Equal("http://localhost/connect/authorize", json.GetProperty("authorization_endpoint").GetString());
        Assert.Contains("private_key_jwt", json.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("RS384", json.GetProperty("token_endpoint_auth_signing_alg_values_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["S256"], json.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("permission-v2", json.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("client-confidential-asymmetric", json.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()));

        var jwks = await app.Anonymous().GetAsync(json.GetProperty("jwks_uri").GetString()!);
        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        Assert.NotEmpty(JsonDocument.Parse(await jwks.Content.ReadAsStringAsync()).RootElement.GetProperty("keys").EnumerateArray());

        var statement = await FhirTesting.ReadAsync<CapabilityStatement>(await app.Anonymous().GetAsync("/fhir/metadata"));
        var security = statement.Rest[0].Security!;
        Assert.Equal("SMART-on-FHIR", security.Service.Single().Coding.Single().Code);
        var uris = security.GetExtension(SmartCapability.OAuthUris)!;
        Assert.Equal("http://localhost/connect/token", uris.GetExtensionValue<FhirUri>("token")!.Value);
        Assert.Equal("http://localhost/connect/authorize", uris.GetExtensionValue<FhirUri>("authorize")!.Value);
    }

    [Fact]
    public async Task A_backend_service_sees_exactly_its_programs_and_scoped_types_and_is_audited()
    {
        var mentalHealth = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var service = await BackendService.RegisterAsync(app, "system/Patient.rs system/Observation.rs", [mentalHealth]);
        var fhir = service.Fhir(await service.TokenAsync("system/Patient.rs"));

        var patients = await FhirTesting.AllAsync(fhir, "/fhir/Patient?_count=100");
        await using (var s = app.Db())
        {
            var expected = await s.Context.Participants.Where(p => p.ProgramId == mentalHealth).Select(p => p.Id).ToListAsync();
            Assert.Equal(expected.Order(), patients.Select(p => Guid.Parse(p.Id!)).Order());
            var other = await s.Context.Participants.Where(p => p.ProgramId != mentalHealth).Select(p => p.Id).FirstAsync();
            await FhirTesting.OutcomeAsync(await fhir.GetAsync($"/fhir/Patient/{other}"), 404);
        }
        // Observation is registered but was not asked for; Condition is not registered at all.
        await FhirTesting.OutcomeAsync(await fhir.GetAsync("/fhir/Observation"), 403);
        await FhirTesting.OutcomeAsync(await fhir.GetAsync("/fhir/Condition"), 403);

        await using (var s = app.Db())
            Assert.True(await s.Context.AuditEntries.AnyAsync(a => a.Detail == $"FHIR search (SMART client {service.ClientId})" && a.UserName == "smart:" + service.ClientId && a.RecordId == patients[0].Id));
    }

    [Fact]
    public async Task A_backend_service_exports_in_bulk_only_its_programs_and_the_types_its_token_grants()
    {
        var mentalHealth = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var service = await BackendService.RegisterAsync(app, "system/Patient.rs system/Observation.rs", [mentalHealth]);
        var fhir = service.Fhir(await service.TokenAsync("system/Patient.rs"));
        HttpRequestMessage KickOff(string url)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Prefer", "respond-async");
            return request;
        }

        // A type the token was not granted is refused at the kick-off, before any job exists.
        await FhirTesting.OutcomeAsync(await fhir.SendAsync(KickOff("/fhir/$export?_type=Observation")), 403);

        var kicked = await fhir.SendAsync(KickOff("/fhir/$export?_type=Patient"));
        Assert.Equal(HttpStatusCode.Accepted, kicked.StatusCode);
        var status = kicked.Content.Headers.ContentLocation?.ToString() ?? kicked.Headers.GetValues("Content-Location").Single();
        JsonElement manifest;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var polled = await fhir.GetAsync(status);
            if (polled.StatusCode == HttpStatusCode.OK) { manifest = JsonDocument.Parse(await polled.Content.ReadAsStringAsync()).RootElement.Clone(); break; }
            Assert.True(polled.StatusCode == HttpStatusCode.Accepted, $"status answered {(int)polled.StatusCode}: {await polled.Content.ReadAsStringAsync()}");
            Assert.True(DateTime.UtcNow < deadline, "the export did not finish in two minutes");
            await Task.Delay(100);
        }
        var output = Assert.Single(manifest.GetProperty("output").EnumerateArray());
        Assert.Equal("Patient", output.GetProperty("type").GetString());
        var lines = (await fhir.GetStringAsync(output.GetProperty("url").GetString())).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var exported = lines.Select(l => Guid.Parse(JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!)).Order().ToList();
        await using var s = app.Db();
        Assert.Equal((await s.Context.Participants.Where(p => p.ProgramId == mentalHealth).Select(p => p.Id).ToListAsync()).Order(), exported);
    }

    [Fact]
    public async Task A_wildcard_registration_covers_each_type_and_the_role_still_decides()
    {
        // A program outside 42 CFR Part 2: a Part 2 program's charts reach a backend service only under consent (Part2DisclosureTests).
        var mentalHealth = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var billing = await BackendService.RegisterAsync(app, "system/*.rs", [mentalHealth], Roles.Billing);
        var fhir = billing.Fhir(await billing.TokenAsync("system/Patient.rs system/Coverage.rs system/Condition.rs"));
        var patients = await FhirTesting.AllAsync(fhir, "/fhir/Patient?_count=100");
        Assert.NotEmpty(patients);
        await using (var s = app.Db())
        {
            var expected = await s.Context.Participants.Where(p => p.ProgramId == mentalHealth).Select(p => p.Id).ToListAsync();
            Assert.Equal(expected.Order(), patients.Select(p => Guid.Parse(p.Id!)).Order());
        }
        // Billing reads no clinical content, whatever the scope says.
        await FhirTesting.OutcomeAsync(await fhir.GetAsync("/fhir/Condition"), 403);
    }

    [Fact]
    public async Task Bad_token_requests_are_refused_with_oauth_errors()
    {
        var mentalHealth = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var service = await BackendService.RegisterAsync(app, "system/Patient.rs", [mentalHealth]);

        var refusals = new Dictionary<string, string>
        {
            ["bad audience"] = await BackendService.ErrorAsync(await service.RequestTokenAsync("system/Patient.rs", service.Assertion(audience: "https://elsewhere.example/"))),
            // The token endpoint's address as audience (SMART's older wording) is refused too: RFC 10070 allows the issuer only.
            ["token endpoint audience"] = await BackendService.ErrorAsync(await service.RequestTokenAsync("system/Patient.rs", service.Assertion(audience: BackendService.TokenUrl))),
            ["expired"] = await BackendService.ErrorAsync(await service.RequestTokenAsync("system/Patient.rs", service.Assertion(expires: DateTime.UtcNow.AddMinutes(-10)))),
            ["unknown key"] = await BackendService.ErrorAsync(await service.RequestTokenAsync("system/Patient.rs", service.Assertion(signWith: System.Security.Cryptography.RSA.Create(2048), kidOverride: "unknown-key"))),
            ["alg none"] = await BackendService.ErrorAsync(await service.RequestTokenAsync("system/Patient.rs", service.UnsignedAssertion())),
            ["scope beyond"] = await BackendService.ErrorAsync(await service.RequestTokenAsync("system/Condition.rs")),
            ["wildcard beyond"] = await BackendService.ErrorAsync(await service.RequestTokenAsync("system/*.rs")),
            ["an hour long"] = await BackendService.ErrorAsync(await service.RequestTokenAsync("system/Patient.rs", service.Assertion(expires: DateTime.UtcNow.AddHours(1)))),
        };
        var answered = string.Join("; ", refusals.Select(r => $"{r.Key}={r.Value}"));
        Assert.True(answered == "bad audience=invalid_client; token endpoint audience=invalid_client; expired=invalid_client; unknown key=invalid_client; alg none=invalid_client; "
            + "scope beyond=invalid_scope; wildcard beyond=invalid_scope; an hour long=invalid_client", answered);

        var assertion = service.Assertion();
        Assert.Equal(HttpStatusCode.OK, (await service.RequestTokenAsync("system/Patient.rs", assertion)).StatusCode);
        Assert.Equal("invalid_client", await BackendService.ErrorAsync(await service.RequestTokenAsync("system/Patient.rs", assertion)));
    }

    [Fact]
    public async Task A_revoked_token_is_refused_on_fhir()
    {
        var mentalHealth = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var service = await BackendService.RegisterAsync(app, "system/Patient.rs", [mentalHealth]);
        var token = await service.TokenAsync("system/Patient.rs");
        var fhir = service.Fhir(token);
        Assert.Equal(HttpStatusCode.OK, (await fhir.GetAsync("/fhir/Patient?_count=1")).StatusCode);

        var revoke = await app.Anonymous().PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = service.Assertion(),
        }));
        Assert.True(revoke.IsSuccessStatusCode, await revoke.Content.ReadAsStringAsync());
        var refused = await fhir.GetAsync("/fhir/Patient?_count=1");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // Session tokens still work on /fhir beside SMART ones.
        Assert.Equal(HttpStatusCode.OK, (await (await app.ApiAsync(Roles.Clinician)).GetAsync("/fhir/Patient?_count=1")).StatusCode);
    }

    [Fact]
    public async Task Registering_checks_its_input_and_is_for_administrators()
    {
        var mentalHealth = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var admin = await app.ApiAsync(Roles.Administrator);
        var bad = await admin.PostAsync("/api/smart-clients/", System.Net.Http.Json.JsonContent.Create(new { name = "X", kind = "Backend", scopes = "patient/*.rs", role = "Administrator", programIds = Array.Empty<Guid>(), jwks = "{}" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("scopes", body);
        var clinician = await app.ApiAsync(Roles.Clinician);
        Assert.Equal(HttpStatusCode.Forbidden, (await clinician.PostAsync("/api/smart-clients/", System.Net.Http.Json.JsonContent.Create(new { name = "X", kind = "Backend", scopes = "system/*.rs", role = "Clinician", programIds = new[] { mentalHealth }, jwks = "{}" }))).StatusCode);
    }
}
