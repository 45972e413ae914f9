using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;

namespace Trellis.Web.Features.Participants;

/// <summary>
/// Where a person stands. NotAdmitted closes a chart opened during intake for someone who was
/// referred elsewhere or did not go on, so they do not linger as "screening" in every census.
/// </summary>
public enum ParticipantStatus { Inquiry, Screening, Waitlisted, Admitted, Active, OnHold, Discharged, NotAdmitted }

/// <summary>
/// A person in (or on the way into) a program. <see cref="ProgramId"/> is the program whose
/// care team may see this chart: care-team scoping hangs off it.
/// </summary>
public sealed class Participant : Entity, ISoftDeletable, IParticipantOwned
{
    public string Mrn { get; set; } = "";
    public string LegalFirstName { get; set; } = "";
    public string LegalLastName { get; set; } = "";
    public string? PreferredName { get; set; }
    public string? Pronouns { get; set; }
    public DateOnly DateOfBirth { get; set; }
    /// <summary>FHIR's administrative gender, when registration recorded one (never guessed: null is "not recorded").</summary>
    public AdministrativeGender? AdministrativeGender { get; set; }
    /// <summary>The language they want their care in, a BCP-47 tag (<see cref="Languages"/>); null when not recorded.</summary>
    public string? PreferredLanguage { get; set; }
    /// <summary>Whether sessions with them need an interpreter (of <see cref="PreferredLanguage"/>): whoever books a session must see it.</summary>
    public bool InterpreterNeeded { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? AddressLine { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? EmergencyContactName { get; set; }
    public string? EmergencyContactRelationship { get; set; }
    public string? EmergencyContactPhone { get; set; }
    public ParticipantStatus Status { get; set; }
    public Guid ProgramId { get; set; }
    public TreatmentProgram? Program { get; set; }
    public Guid? TrackId { get; set; }
    public Track? Track { get; set; }
    /// <summary>The care team: who is notified and who gets follow-up tasks about this participant.</summary>
    public Guid? PrimaryClinicianId { get; set; }
    public Guid? CaseManagerId { get; set; }
    public Guid? PrescriberId { get; set; }
    public DateOnly? AdmittedOn { get; set; }
    public DateOnly? DischargedOn { get; set; }
    public bool IsDeleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }
    public List<Diagnosis> Diagnoses { get; set; } = [];
    public List<LevelOfCareChange> LevelOfCareHistory { get; set; } = [];
    public List<Enrollment> Enrollments { get; set; } = [];
    /// <summary>Identifiers other systems gave this person (a referring hospital's MRN).</summary>
    public List<ParticipantIdentifier> Identifiers { get; set; } = [];

    // A participant is the owner of their own chart.
    Guid IParticipantOwned.ParticipantId => Id;
    Participant? IParticipantOwned.Participant => this;

    /// <summary>The name to greet them by: preferred name if they gave one.</summary>
    public string FirstName => FirstNameOf(PreferredName, LegalFirstName);
    /// <summary>The name everyone reads (their preferred first name and family name); the legal name only where law or billing needs it.</summary>
    public string DisplayName => NameOf(PreferredName, LegalFirstName, LegalLastName);

    public static string FirstNameOf(string? preferred, string legalFirst) => string.IsNullOrWhiteSpace(preferred) ? legalFirst : preferred.Trim();

    /// <summary>
    /// The display name rule, once. Queries that shape rows call it in their final projection
    /// (<c>Select(p => new Row(Participant.NameOf(p.PreferredName, p.LegalFirstName, p.LegalLastName)))</c>), which EF runs on the fetched columns.
    /// </summary>
    public static string NameOf(string? preferred, string legalFirst, string legalLast) => $"{FirstNameOf(preferred, legalFirst)} {legalLast}";
    public string LegalName => $"{LegalFirstName} {LegalLastName}";

    /// <summary>"Today" as this person and their care team read it: the calendar day in the program's time zone (load <see cref="Program"/>).</summary>
    public DateOnly Today(DateTimeOffset now) => ProgramClock.Today(now, Program?.TimeZoneId);

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - DateOfBirth.Year;
        return DateOfBirth.AddYears(age) > day ? age - 1 : age;
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> b)
    {
        b.Property(x => x.Mrn).HasMaxLength(20);
        b.HasIndex(x => x.Mrn).IsUnique();
        b.Property(x => x.LegalFirstName).HasMaxLength(100);
        b.Property(x => x.LegalLastName).HasMaxLength(100);
        b.Property(x => x.PreferredName).HasMaxLength(100);
        b.Property(x => x.Pronouns).HasMaxLength(40);
        b.Property(x => x.PreferredLanguage).HasMaxLength(Languages.MaxLength);
        b.Property(x => x.Email).HasMaxLength(256);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.AddressLine).HasMaxLength(200);
        b.Property(x => x.City).HasMaxLength(100);
        b.Property(x => x.State).HasMaxLength(2);
        b.Property(x => x.PostalCode).HasMaxLength(10);
        b.Property(x => x.EmergencyContactName).HasMaxLength(200);
        b.Property(x => x.EmergencyContactRelationship).HasMaxLength(60);
        b.Property(x => x.EmergencyContactPhone).HasMaxLength(40);
        b.Property(x => x.DeletedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.ProgramId, x.Status });
        b.HasIndex(x => x.LegalLastName);
        b.HasOne(x => x.Program).WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(x => x.PrimaryClinicianId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(x => x.CaseManagerId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(x => x.PrescriberId).OnDelete(DeleteBehavior.SetNull);
        b.Ignore(x => x.FirstName);
        b.Ignore(x => x.DisplayName);
        b.Ignore(x => x.LegalName);
    }
}
