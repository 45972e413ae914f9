namespace Trellis.Web.Features.Participants;

public sealed record DiagnosisDto(string Code, string Description, bool IsPrimary, DateOnly? DiagnosedOn);
public sealed record LevelOfCareChangeDto(DateOnly EffectiveOn, string? FromLevel, string ToLevel, string Rationale, string? DecidedBy);
/// <summary>An identifier another system gave the person (a referring hospital's MRN), as <see cref="ParticipantIdentifierInput"/> takes it back.</summary>
public sealed record ParticipantIdentifierDto(string System, string Value);
public sealed record EnrollmentDto(Guid ProgramId, Guid? TrackId, string? TrackName, DateOnly StartedOn, DateOnly? EndedOn, string? EndReason);

public sealed record ParticipantDto(
    Guid Id, string Mrn, string LegalFirstName, string LegalLastName, string? PreferredName, string? Pronouns,
    DateOnly DateOfBirth, AdministrativeGender? AdministrativeGender, string? PreferredLanguage, bool InterpreterNeeded, string? Email, string? Phone, string? AddressLine, string? City, string? State, string? PostalCode,
    string? EmergencyContactName, string? EmergencyContactRelationship, string? EmergencyContactPhone,
    ParticipantStatus Status, Guid ProgramId, string? ProgramName, Guid? TrackId, string? TrackName,
    Guid? PrimaryClinicianId, Guid? CaseManagerId, Guid? PrescriberId,
    DateOnly? AdmittedOn, DateOnly? DischargedOn, IReadOnlyList<DiagnosisDto> Diagnoses,
    IReadOnlyList<LevelOfCareChangeDto> LevelOfCareHistory, IReadOnlyList<EnrollmentDto> Enrollments,
    IReadOnlyList<ParticipantIdentifierDto> Identifiers,
    bool IsDeleted, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ParticipantDto From(Participant p) => new(
        p.Id, p.Mrn, p.LegalFirstName, p.LegalLastName, p.PreferredName, p.Pronouns, p.DateOfBirth, p.AdministrativeGender, p.PreferredLanguage, p.InterpreterNeeded, p.Email, p.Phone,
        p.AddressLine, p.City, p.State, p.PostalCode, p.EmergencyContactName, p.EmergencyContactRelationship, p.EmergencyContactPhone,
        p.Status, p.ProgramId, p.Program?.Name, p.TrackId, p.Track?.Name, p.PrimaryClinicianId, p.CaseManagerId, p.PrescriberId,
        p.AdmittedOn, p.DischargedOn,
        p.Diagnoses.OrderByDescending(d => d.IsPrimary).ThenBy(d => d.Code).Select(d => new DiagnosisDto(d.Code, d.Description, d.IsPrimary, d.DiagnosedOn)).ToList(),
        p.LevelOfCareHistory.OrderBy(l => l.EffectiveOn).Select(l => new LevelOfCareChangeDto(l.EffectiveOn,
            l.FromLevel is { } f ? Infrastructure.EnumText.ToApi(f) : null, Infrastructure.EnumText.ToApi(l.ToLevel), l.Rationale, l.DecidedByName)).ToList(),
        p.Enrollments.OrderBy(e => e.StartedOn).Select(e => new EnrollmentDto(e.ProgramId, e.TrackId, e.Track?.Name, e.StartedOn, e.EndedOn, e.EndReason)).ToList(),
        p.Identifiers.OrderBy(i => i.System, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal).Select(i => new ParticipantIdentifierDto(i.System, i.Value)).ToList(),
        p.IsDeleted, p.Version, p.CreatedAt, p.UpdatedAt);
}
