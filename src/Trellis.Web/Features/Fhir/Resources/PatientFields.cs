using System.Globalization;
using Hl7.Fhir.Model;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// A Patient a client sends, read onto the participant's input (the inverse of <see cref="PatientType"/>'s mapping), and
/// the input's field names back as FHIR paths for an OperationOutcome's expression. An update replaces the resource, so
/// an element left out clears the field it maps to; what a Patient does not carry (program, status, track, care team,
/// diagnoses, pronouns) stays as it is. Trellis keeps no gender, language or marital status: those elements are accepted
/// and not kept, and the answer (the resource as stored) shows what was.
/// </summary>
public static class PatientFields
{
    /// <summary>The program a created Patient joins: valueReference HealthcareService/{program id} (programs are HealthcareService here).</summary>
    public const string ProgramExtension = "https://trellis.example.org/fhir/StructureDefinition/program";

    private const string EmergencyContact = "C";

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
