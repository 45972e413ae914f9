using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Smart;
using OI = OpenIddict.Abstractions.OpenIddictConstants;

namespace Trellis.Web.Features.Disclosures;

/// <summary>
/// The demo's Part 2 disclosure: a Substance Use participant's Part 2 consent to a primary care clinic for coordination of
/// care, that clinic's backend service registered and linked to it (its key is made up and thrown away: to try a disclosure,
/// register a service with your own key on /admin/smart-clients and link it to the same recipient and purpose), and two
/// earlier disclosures in the log.
/// </summary>
public sealed class DisclosuresDemoData(IOpenIddictApplicationManager apps) : IDemoData
{
    public const string Recipient = "Riverbend Community Health Center (primary care)";
    public const string Purpose = "Coordination of care.";
    public const string ClientName = "Riverbend Community Health Center";

    public int Order => 950;

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var p = demo.Participants.Where(x => x.ProgramId == demo.SubstanceUse.Id && x.Status == ParticipantStatus.Active).OrderBy(x => x.LegalName).First();
        var consent = new DisclosureConsent
        {
            ParticipantId = p.Id, Kind = ConsentKind.Part2, PatientName = p.LegalName, DisclosingParty = demo.SubstanceUse.Name,
            Information = "My diagnoses, medications and allergies, questionnaire scores, treatment plan and attendance in the program.",
            Recipient = Recipient, Purpose = Purpose, ExpiresOn = demo.Today.AddYears(1), RightToRevokeExplained = true, RedisclosureNoticeGiven = true,
            SignedBy = p.LegalName, SignedOn = demo.Today.AddDays(-10),
        };
        demo.Db.Set<DisclosureConsent>().Add(consent);

        using var key = RSA.Create(2048);
        var pub = key.ExportParameters(false);
        var jwks = System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = "demo", alg = "RS384", use = "sig", n = Base64UrlEncoder.Encode(pub.Modulus), e = Base64UrlEncoder.Encode(pub.Exponent) } } });
        var client = new SmartClient
        {
            ClientId = "trellis-demo-riverbend", Name = ClientName, Kind = SmartClientKind.Backend, Scopes = "system/*.rs",
            Role = Auth.Roles.Clinician, ProgramIds = [demo.SubstanceUse.Id, demo.MentalHealth.Id], Recipient = Recipient, Purpose = Purpose,
        };
        demo.Db.Set<SmartClient>().Add(client);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId, DisplayName = client.Name, ClientType = OI.ClientTypes.Confidential, JsonWebKeySet = new JsonWebKeySet(jwks),
        };
        descriptor.Permissions.UnionWith([OI.Permissions.Endpoints.Token, OI.Permissions.Endpoints.Revocation, OI.Permissions.Endpoints.Introspection, OI.Permissions.GrantTypes.ClientCredentials]);
        await apps.CreateAsync(descriptor, ct);

        foreach (var (daysAgo, interaction, resources, count) in new[] { (7, "FHIR search", "MedicationStatement 2, Patient 1", 3), (2, "FHIR read", "Patient 1", 1) })
            demo.Db.Add(new Part2Disclosure
            {
                ParticipantId = p.Id, ConsentId = consent.Id, DisclosedAt = demo.Db.Now.AddDays(-daysAgo), Recipient = Recipient, Purpose = Purpose,
                ClientId = client.ClientId, ClientName = client.Name, Interaction = $"{interaction} (SMART client {client.ClientId})", Resources = resources, Count = count,
            });
        await demo.Db.SaveChangesAsync(ct);
    }
}
