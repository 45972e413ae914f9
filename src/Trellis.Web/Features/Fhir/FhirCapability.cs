using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using static Hl7.Fhir.Model.CapabilityStatement;

namespace Trellis.Web.Features.Fhir;

/// <summary>
/// GET /fhir/metadata: built from the registered types, so it states exactly what is served (read, vread of
/// the current version, search-type, their search parameters, includes and reverse includes, If-None-Match,
/// POST QuestionnaireResponse, POST Patient with If-None-Exist, PUT Patient with If-Match; Patient's gender search and the
/// elements its writes keep, gender and the preferred language among them) and nothing more: no other write, no history listing, no US Core claim (the US
/// Core package is not available to validate against, and a profile is claimed only where the resources are
/// checked against it).
/// </summary>
public static class FhirCapability
{
    /// <summary>When this statement last changed (a FHIR CapabilityStatement dates its own content).</summary>
    private const string Published = "2026-12-08";

    public static CapabilityStatement Build(string baseUrl, FhirTypes types) => new()
    {
        Url = $"{baseUrl}/metadata",
        Name = "TrellisFhirServer",
        Title = "Trellis FHIR R4 API",
        Status = PublicationStatus.Active,
        Date = Published,
        Publisher = "Trellis",
        Kind = CapabilityStatementKind.Instance,
        Software = new SoftwareComponent { Name = "Trellis" },
        Implementation = new ImplementationComponent { Description = "Trellis intensive outpatient program records", Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = [FhirJson.MediaType],
        Instantiates = ["http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data"],
        Rest =
        [
            new RestComponent
            {
                Mode = RestfulCapabilityMode.Server,
                Documentation = "Read-only but for POST QuestionnaireResponse (scored on the server into the chart) and Patient create and update (intake from referring systems). Every record is read through the caller's care-team scope; records of 42 CFR Part 2 programs carry "
                    + "meta.security 42CFRPart2 and confidentiality R. A SMART backend service is an outside recipient: it receives a Part 2 participant's records "
                    + "(read, search, includes, counts, $export) only under an active Part 2 consent naming its registered recipient and purpose; they carry the refrain "
                    + "label NORDSCLCD and the 42 CFR 2.32 notice (meta extension " + FhirSecurity.NoticeExtension + ", an outcome entry in search Bundles, the extension "
                    + "of each $export manifest output), and each disclosure is logged for the participant. Unknown search parameters are ignored unless Prefer: handling=strict. "
                    + "vread serves a record's current version only: Trellis does not keep earlier versions' content, so an earlier versionId is 410 Gone.",
                Security = Smart.SmartCapability.Security(baseUrl),
                Resource = [.. types.All.Select(t => Resource(t, types))],
                Operation =
                [
                    new OperationComponent
                    {
                        Name = "export", Definition = BulkData + "export",
                        Documentation = "Bulk Data 2.0 system export: GET /fhir/$export with Prefer: respond-async; _outputFormat (application/fhir+ndjson), _type, _since. "
                            + "Every type the caller may read, through their scope; the status URL answers 202 with X-Progress, then the manifest; files need the same token.",
                    },
                ],
            },
        ],
    };

    /// <summary>The writes a type takes: answers to an instrument, and Patient create (conditional too) and update.</summary>
    private static ResourceInteractionComponent[] Writes(string type) => type switch
    {
        "QuestionnaireResponse" => [new ResourceInteractionComponent { Code = TypeRestfulInteraction.Create, Documentation = "Answers to one of the instruments (questionnaire = its canonical URL here, item linkId = the item's number) from staff who give instruments: scored on the server into the chart; the score is the Observation of the same id, and a sign of suicide risk raises a Flag. AUDIT-C also needs an item linkId \"sex\" answered female or male." }],
        "Patient" =>
        [
            new ResourceInteractionComponent { Code = TypeRestfulInteraction.Create, Documentation = "A referral (intake, program directors, administrators; SMART Patient.c): a lead at Screening with a new chart in the program named by the extension "
                + Resources.PatientFields.ProgramExtension + " (valueReference HealthcareService/{id}), or the caller's one program. Kept: official name (given, family), a usual given name as the preferred name, birthDate (a full date), "
                + "the first phone and email by rank, the home address, the emergency contact, identifiers from other systems (system and value; " + Resources.PatientType.MrnSystem + " is the Trellis MRN, set by administrators only). "
                + "Also kept: gender (male, female, other, unknown; another code is a 400 on Patient.gender), the language of the communication marked preferred (else the first), coded with "
                + Participants.Languages.System + " (a BCP-47 tag such as en, es, vi), and the extension " + Resources.PatientFields.InterpreterRequired + " (valueBoolean). "
                + "Other communications, maritalStatus and other elements are not kept. A name and date of birth already on file in the program is refused (no second chart). If-None-Exist (a Patient search, e.g. identifier={system}|{value}; needs Patient.s) "
                + "answers 200 with the one match, 412 for several, and creates only when nothing matches." },
            new ResourceInteractionComponent { Code = TypeRestfulInteraction.Update, Documentation = "The same elements replace the participant's details (an element left out clears its field; program, status and care team stay). "
                + "If-Match W/\"{versionId}\" is required (428 without, 412 when stale); no update-as-create. Staff who edit participants; SMART Patient.u." },
        ],
        _ => [],
    };

    private const string BulkData = "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/";

    private static ResourceComponent Resource(IFhirType type, FhirTypes types) => new()
    {
        Operation = type.Name switch
        {
            "Patient" => [new OperationComponent { Name = "export", Definition = BulkData + "patient-export", Documentation = "Every chart type's resources of the participants the caller may read." }],
            "Group" => [new OperationComponent { Name = "export", Definition = BulkData + "group-export", Documentation = "Every chart type's resources of the program's participants the caller may read." }],
            _ => [],
        },
        Type = type.Name,
        Documentation = type.Documentation,
        Interaction =
        [
            new ResourceInteractionComponent { Code = TypeRestfulInteraction.Read },
            .. type.Versioned ? [new ResourceInteractionComponent { Code = TypeRestfulInteraction.Vread, Documentation = "The current version only; an earlier versionId is 410 Gone." }] : Array.Empty<ResourceInteractionComponent>(),
            new ResourceInteractionComponent { Code = TypeRestfulInteraction.SearchType },
            .. Writes(type.Name),
        ],
        Versioning = type.Versioned ? ResourceVersionPolicy.Versioned : ResourceVersionPolicy.NoVersion,
        ReadHistory = false,
        UpdateCreate = false,
        ConditionalCreate = type.Name == "Patient",
        ConditionalRead = ConditionalReadStatus.NotMatch,
        ConditionalUpdate = false,
        ConditionalDelete = ConditionalDeleteStatus.NotSupported,
        SearchInclude = [.. type.Includes.Select(i => i.Name)],
        SearchRevInclude = [.. types.RevIncludesOf(type.Name).Select(i => i.Name)],
        SearchParam = [.. type.SearchParams.Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type, Documentation = p.Documentation })],
    };
}
