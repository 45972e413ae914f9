using System.Globalization;
using Hl7.Fhir.Model;
using Trellis.Web.Features.Participants;
using Gender = Trellis.Web.Features.Participants.AdministrativeGender;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// A Patient a client sends, read onto the participant's input (the inverse of <see cref="PatientType"/>'s mapping), and
/// the input's field names back as FHIR paths for an OperationOutcome's expression. An update replaces the resource, so
/// an element left out clears the field it maps to; what a Patient does not carry (program, status, track, care team,
/// diagnoses, pronouns) stays as it is. Kept besides: <c>gender</c> (administrative gender; a code outside the four is a
/// 400 on Patient.gender), the preferred <c>communication</c>'s language (a BCP-47 tag, <see cref="Languages"/>) and the
/// core extension patient-interpreterRequired. Marital status, other languages, deceased, photo, links and the like are
/// accepted and not kept, and the answer (the resource as stored) shows what was.
/// </summary>
public static class PatientFields
{
    /// <summary>The program a created Patient joins: valueReference HealthcareService/{program id} (programs are HealthcareService here).</summary>
    public const string ProgramExtension = "https://trellis.example.org/fhir/StructureDefinition/program";

    private const string EmergencyContact = "C";

    /// <summary>FHIR's code system for <see cref="Patient.Gender"/>.</summary>
    public const string GenderSystem = "http://hl7.org/fhir/administrative-gender";

    /// <summary>The R4 core extension saying the patient needs an interpreter (valueBoolean).</summary>
    public const string InterpreterRequired = "http://hl7.org/fhir/StructureDefinition/patient-interpreterRequired";

    /// <summary>FHIR's code for a gender (the enum's names are FHIR's codes).</summary>
    public static string Code(Gender gender) => gender.ToString().ToLowerInvariant();

    public static Hl7.Fhir.Model.AdministrativeGender ToFhir(Gender gender) => gender switch
    {
        Gender.Male => Hl7.Fhir.Model.AdministrativeGender.Male,
        Gender.Female => Hl7.Fhir.Model.AdministrativeGender.Female,
        Gender.Other => Hl7.Fhir.Model.AdministrativeGender.Other,
        _ => Hl7.Fhir.Model.AdministrativeGender.Unknown,
    };

    /// <summary>The gender a FHIR code names (exactly, as FHIR codes are case-sensitive); null for any other text.</summary>
    public static Gender? FromFhirCode(string? code) => Enum.GetValues<Gender>().Select(g => (Gender?)g).FirstOrDefault(g => Code(g!.Value) == code);

    /// <summary>Copies the Patient onto the input; a refusal (keyed by FHIR path) for what cannot be read as Trellis keeps it.</summary>
    public static Refusal? Read(Patient patient, ParticipantInput input)
    {
        var errors = new Dictionary<string, string[]>();
        var legal = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official)
            ?? patient.Name.FirstOrDefault(n => n.Use is null or HumanName.NameUse.Usual) ?? patient.Name.FirstOrDefault();
        input.LegalFirstName = Clean(legal?.Given.FirstOrDefault());
        input.LegalLastName = Clean(legal?.Family);
        var usual = patient.Name.FirstOrDefault(n => n != legal && n.Use == HumanName.NameUse.Usual && n.Given.Any());
        input.PreferredName = Clean(usual?.Given.First()) is { } preferred && preferred != input.LegalFirstName ? preferred : null;

        input.DateOfBirth = null;
        if (patient.BirthDate is { } birth)
        {
            if (DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob)) input.DateOfBirth = dob;
            else errors["Patient.birthDate"] = [$"birthDate {birth} is not a whole date; Trellis keeps the full date of birth (yyyy-MM-dd)."];
        }

        input.Phone = Clean(First(patient.Telecom, ContactPoint.ContactPointSystem.Phone));
        input.Email = Clean(First(patient.Telecom, ContactPoint.ContactPointSystem.Email));

        var address = patient.Address.FirstOrDefault(a => a.Use is null or Address.AddressUse.Home) ?? patient.Address.FirstOrDefault();
        input.AddressLine = Clean(string.Join(", ", address?.Line.Where(l => !string.IsNullOrWhiteSpace(l)) ?? []));
        (input.City, input.State, input.PostalCode) = (Clean(address?.City), Clean(address?.State), Clean(address?.PostalCode));

        var contact = patient.Contact.FirstOrDefault(c => c.Relationship.Any(r => r.Coding.Any(x => x.Code == EmergencyContact))) ?? patient.Contact.FirstOrDefault();
        input.EmergencyContactName = Clean(contact?.Name?.Text) ?? Clean(string.Join(' ', (contact?.Name?.Given ?? []).Append(contact?.Name?.Family)));
        input.EmergencyContactRelationship = Clean(contact?.Relationship.Select(r => r.Text ?? r.Coding.FirstOrDefault(x => x.Code != EmergencyContact)?.Display).FirstOrDefault(t => t is not null));
        input.EmergencyContactPhone = Clean(First(contact?.Telecom ?? [], ContactPoint.ContactPointSystem.Phone));

        // The raw code, not the parsed enum: a code outside the four must be a 400 naming Patient.gender, not a silent none.
        input.AdministrativeGender = null;
        if (patient.GenderElement?.JsonValue is string gender)
        {
            if (FromFhirCode(gender) is { } known) input.AdministrativeGender = known;
            else errors["Patient.gender"] = [$"gender '{gender}' is not an administrative gender; use male, female, other or unknown."];
        }

        ReadLanguage(patient, input, errors);

        input.Identifiers = [];
        for (var i = 0; i < patient.Identifier.Count; i++)
        {
            var (system, value) = (Clean(patient.Identifier[i].System), Clean(patient.Identifier[i].Value));
            if (value is null) errors[$"Patient.identifier[{i}].value"] = ["An identifier needs a value."];
            else if (system is null) errors[$"Patient.identifier[{i}].system"] = ["An identifier needs its system (the URI of the system that assigned it), so it can be told from another system's."];
            else if (system == PatientType.MrnSystem) input.Mrn = value;
            else input.Identifiers.Add(new ParticipantIdentifierInput { System = system, Value = value });
        }
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    /// <summary>
    /// The preferred language: the communication marked preferred, else the first; its language as a BCP-47 code
    /// (system urn:ietf:bcp:47, or no system). Whether an interpreter is needed comes from the core extension.
    /// </summary>
    private static void ReadLanguage(Patient patient, ParticipantInput input, Dictionary<string, string[]> errors)
    {
        input.PreferredLanguage = null;
        var index = patient.Communication.FindIndex(c => c.Preferred == true);
        if (index < 0 && patient.Communication.Count > 0) index = 0;
        if (index >= 0)
        {
            var path = $"Patient.communication[{index}].language";
            var codings = patient.Communication[index].Language?.Coding ?? [];
            var tag = codings.FirstOrDefault(c => c.System == Languages.System) ?? codings.FirstOrDefault(c => c.System is null);
            if (tag?.Code is not { } code)
                errors[path] = [$"Code the language with system {Languages.System} (a BCP-47 tag such as en, es or vi)."];
            else if (Languages.Normalize(code) is { } normal) input.PreferredLanguage = normal;
            else errors[path] = [$"'{code}' is not a language Trellis knows. {Languages.Invalid}"];
        }
        var interpreter = patient.Extension.Where(e => e.Url == InterpreterRequired).ToList();
        input.InterpreterNeeded = false;
        if (interpreter is [{ Value: FhirBoolean { Value: { } needed } }]) input.InterpreterNeeded = needed;
        else if (interpreter.Count > 0) errors[$"Patient.extension('{InterpreterRequired}')"] = ["patient-interpreterRequired takes one valueBoolean."];
    }

    /// <summary>The program the Patient names in <see cref="ProgramExtension"/>: null when it names none, Guid.Empty when it cannot be read.</summary>
    public static Guid? ProgramOf(Patient patient)
    {
        var extensions = patient.Extension.Where(e => e.Url == ProgramExtension).ToList();
        if (extensions.Count == 0) return null;
        return extensions is [{ Value: ResourceReference { Reference: { } reference } }] ? FhirSearchValues.ReferenceId(reference, "HealthcareService") : Guid.Empty;
    }

    /// <summary>Where in a Patient an input field is: an OperationOutcome issue's expression (null: the resource as a whole).</summary>
    public static string? PathOf(string field) => field switch
    {
        _ when field.StartsWith("Patient", StringComparison.Ordinal) => field,
        "legalFirstName" or "preferredName" => "Patient.name.given",
        "legalLastName" => "Patient.name.family",
        "dateOfBirth" => "Patient.birthDate",
        "administrativeGender" => "Patient.gender",
        "preferredLanguage" => "Patient.communication.language",
        "interpreterNeeded" => $"Patient.extension('{InterpreterRequired}')",
        "phone" or "email" => "Patient.telecom",
        "addressLine" => "Patient.address.line",
        "city" => "Patient.address.city",
        "state" => "Patient.address.state",
        "postalCode" => "Patient.address.postalCode",
        "emergencyContactName" => "Patient.contact.name",
        "emergencyContactRelationship" => "Patient.contact.relationship",
        "emergencyContactPhone" => "Patient.contact.telecom",
        "mrn" => "Patient.identifier",
        _ when field.StartsWith("identifiers", StringComparison.Ordinal) => "Patient.identifier",
        "programId" or "trackId" => $"Patient.extension('{ProgramExtension}')",
        _ => null,
    };

    private static string? First(IEnumerable<ContactPoint> telecom, ContactPoint.ContactPointSystem system) =>
        telecom.Where(t => t.System == system && !string.IsNullOrWhiteSpace(t.Value)).OrderBy(t => t.Rank ?? int.MaxValue).FirstOrDefault()?.Value;

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
