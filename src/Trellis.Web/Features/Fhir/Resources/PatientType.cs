using System.Linq.Expressions;
using Expression = System.Linq.Expressions.Expression;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Trellis.Web.Features.Auth;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Participants;
using Gender = Trellis.Web.Features.Participants.AdministrativeGender;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// Patient: a participant. Legal name as official, the name they go by as usual; gender and the preferred language only
/// when recorded (an interpreter needed as the core extension patient-interpreterRequired); the MRN as identifier, with the
/// identifiers other systems gave them (a referring hospital's MRN). Created and updated by <see cref="Actions.CreatePatient"/>
/// and <see cref="Actions.UpdatePatient"/> (fields read back by <see cref="PatientFields"/>).
/// </summary>
public sealed class PatientType : FhirEntityType<Participant>
{
    public const string MrnSystem = ParticipantIdentifierInput.OwnMrnSystem;

    public override string Name => "Patient";
    public override string Permission => Permissions.ReadDirectory;
    public override string Documentation => "Participants of the caller's programs (a participant: themself); billing reads them too (no clinical content here).";
    protected override Expression<Func<Participant, Guid>> PatientKey => p => p.Id;
    protected override bool HasSubject => false;

    protected override IReadOnlyList<FhirSearchParam> OwnParams =>
    [
        new("identifier", SearchParamType.Token, $"The medical record number ({MrnSystem}|{{mrn}}), or an identifier another system gave the participant ({{system}}|{{value}}); a value alone matches either."),
        new("name", SearchParamType.String, "Starts a legal, preferred or family name."),
        new("birthdate", SearchParamType.Date, "Date of birth."),
        new("gender", SearchParamType.Token, "Administrative gender as registration recorded it: male, female, other or unknown (system http://hl7.org/fhir/administrative-gender); comma-separated for any of several. A participant with none recorded matches no value, and another code or system matches nobody."),
    ];

    protected override IQueryable<Participant> Source(TrellisDbContext db) => db.Participants.Include(p => p.Identifiers);
    protected override Guid? ParticipantOf(Participant p) => p.Id;
    protected override Guid? ProgramOf(Participant p) => p.ProgramId;

    protected override Refusal? Filter(ref IQueryable<Participant> query, string name, string value)
    {
        switch (name)
        {
            case "identifier":
                var (system, code) = FhirSearchValues.Token(value);
                query = system switch
                {
                    null => query.Where(p => p.Mrn == code || p.Identifiers.Any(i => i.Value == code)),
                    "" or MrnSystem => query.Where(p => p.Mrn == code),
                    _ => query.Where(p => p.Identifiers.Any(i => i.System == system && i.Value == code)),
                };
                return null;
            case "name":
                var start = value.Trim();
                query = query.Where(p => p.LegalFirstName.StartsWith(start) || p.LegalLastName.StartsWith(start) || (p.PreferredName != null && p.PreferredName.StartsWith(start)));
                return null;
            case "gender":
                // As for every coded token here (status, active): a code or system outside the value set matches nothing.
                var genders = new List<Gender?>();
                foreach (var token in value.Split(','))
                {
                    var (genderSystem, genderCode) = FhirSearchValues.Token(token);
                    if (genderSystem is (null or "" or PatientFields.GenderSystem) && PatientFields.FromFhirCode(genderCode) is { } g) genders.Add(g);
                }
                query = query.Where(p => p.AdministrativeGender != null && genders.Contains(p.AdministrativeGender));
                return null;
            case "birthdate":
                if (!FhirSearchValues.TryRange(value.Length > 2 && char.IsLetter(value[0]) ? value[2..] : value, out var from, out var to))
                    return Refusal.Invalid(name, $"birthdate={value}: write a date such as 1990-04-12 (or 1990, 1990-04), optionally after ge, gt, le or lt.");
                var (first, last) = (DateOnly.FromDateTime(from.UtcDateTime), DateOnly.FromDateTime(to.UtcDateTime));
                query = (value.Length > 2 && char.IsLetter(value[0]) ? value[..2] : "eq") switch
                {
                    "ge" => query.Where(p => p.DateOfBirth >= first),
                    "gt" => query.Where(p => p.DateOfBirth >= last),
                    "le" => query.Where(p => p.DateOfBirth < last),
                    "lt" => query.Where(p => p.DateOfBirth < first),
                    "eq" => query.Where(p => p.DateOfBirth >= first && p.DateOfBirth < last),
                    _ => query.Where(_ => false),
                };
                return null;
        }
        return null;
    }

    protected override Resource Map(Participant p, FhirContext fx)
    {
        var patient = new Patient
        {
            Identifier = [new Identifier(MrnSystem, p.Mrn) { Use = Identifier.IdentifierUse.Usual },
                .. p.Identifiers.OrderBy(i => i.System, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal).Select(i => new Identifier(i.System, i.Value))],
            Active = p.Status is not (ParticipantStatus.Discharged or ParticipantStatus.NotAdmitted),
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = p.LegalLastName, Given = [p.LegalFirstName] }],
            BirthDate = p.DateOfBirth.ToString("yyyy-MM-dd"),
        };
        // Only what registration recorded: no gender is left out, not sent as "unknown" (which would claim someone asked).
        if (p.AdministrativeGender is { } gender) patient.Gender = PatientFields.ToFhir(gender);
        if (p.PreferredLanguage is { } language)
        {
            patient.Communication.Add(new Patient.CommunicationComponent
            {
                Language = new CodeableConcept(Languages.System, language, Languages.Name(language), null),
                Preferred = true,
            });
            if (p.InterpreterNeeded) patient.Extension.Add(new Extension(PatientFields.InterpreterRequired, new FhirBoolean(true)));
        }
        if (!string.IsNullOrWhiteSpace(p.PreferredName))
            patient.Name.Add(new HumanName { Use = HumanName.NameUse.Usual, Family = p.LegalLastName, Given = [p.PreferredName.Trim()] });
        if (!string.IsNullOrWhiteSpace(p.Phone)) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Mobile, p.Phone));
        if (!string.IsNullOrWhiteSpace(p.Email)) patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, p.Email));
        if (!string.IsNullOrWhiteSpace(p.AddressLine) || !string.IsNullOrWhiteSpace(p.City))
            patient.Address.Add(new Address
            {
                Use = Address.AddressUse.Home,
                Line = string.IsNullOrWhiteSpace(p.AddressLine) ? [] : [p.AddressLine],
                City = p.City, State = p.State, PostalCode = p.PostalCode, Country = "US",
            });
        if (!string.IsNullOrWhiteSpace(p.EmergencyContactName))
            patient.Contact.Add(new Patient.ContactComponent
            {
                Relationship = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0131", "C", "Emergency Contact") { Text = p.EmergencyContactRelationship }],
                Name = new HumanName { Text = p.EmergencyContactName },
                Telecom = string.IsNullOrWhiteSpace(p.EmergencyContactPhone) ? [] : [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, p.EmergencyContactPhone)],
            });
        return patient;
    }
}
