using System.Linq.Expressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling;
using Expression = System.Linq.Expressions.Expression;
using Task = System.Threading.Tasks.Task;
using TrellisAppointment = Trellis.Web.Features.Scheduling.Appointment;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// Appointment: a participant's individual appointments (patient, clinician, room), and the group sessions of the
/// tracks participants are enrolled in (program, facilitators, room; a group session names no participant, so it
/// never tells one member who else attends). patient= finds a participant's appointments and the sessions of the
/// tracks they were enrolled in on the day. Scheduled is booked, cancelled is cancelled with its reason.
/// </summary>
public sealed class AppointmentType : FhirUnionType
{
    public override string Name => "Appointment";
    public override string Permission => Permissions.Anyone;
    public override string Documentation => "Individual appointments and the group sessions of the tracks participants are enrolled in (booked or cancelled).";
    protected override IReadOnlyList<IFhirType> Parts { get; } = [new Individual(), new GroupSessions()];

    private static readonly FhirSearchParam[] Params =
    [
        new("date", SearchParamType.Date, "When it starts."),
        new("status", SearchParamType.Token, "booked or cancelled."),
    ];

    private static readonly FhirInclude Practitioners =
        new("Appointment:practitioner", "Practitioner", r => ((Hl7.Fhir.Model.Appointment)r).Participant.Select(p => p.Actor));

    private static Hl7.Fhir.Model.Appointment.ParticipantComponent Taking(string reference) => new()
    {
        Actor = new ResourceReference(reference),
        Required = Hl7.Fhir.Model.Appointment.ParticipantRequired.Required,
        Status = ParticipationStatus.Accepted,
    };

    private sealed class Individual : FhirEntityType<TrellisAppointment>
    {
        public override string Name => "Appointment";
        public override string Permission => Permissions.Anyone;
        public override string Documentation => "";
        protected override Expression<Func<TrellisAppointment, Guid>> PatientKey => a => a.ParticipantId;
        protected override bool HasSubject => false;
        protected override IReadOnlyList<FhirSearchParam> OwnParams => Params;
        protected override IReadOnlyList<FhirInclude> OwnIncludes => [Practitioners];

        protected override IQueryable<TrellisAppointment> Source(TrellisDbContext db) => db.Appointments.Include(a => a.Participant);
        protected override Guid? ParticipantOf(TrellisAppointment a) => a.ParticipantId;
        protected override Guid? ProgramOf(TrellisAppointment a) => a.Participant?.ProgramId;

        protected override Refusal? Filter(ref IQueryable<TrellisAppointment> query, string name, string value) => name switch
        {
            "date" => FhirSearchValues.WhereDate(ref query, a => a.StartsAt, name, value),
            "status" => WhereStatus(ref query, value, "booked", a => a.Status == AppointmentStatus.Scheduled, "cancelled", a => a.Status == AppointmentStatus.Cancelled),
            _ => null,
        };

        protected override Resource Map(TrellisAppointment a, FhirContext fx)
        {
            var appointment = new Hl7.Fhir.Model.Appointment
            {
                Status = a.Status == AppointmentStatus.Cancelled ? Hl7.Fhir.Model.Appointment.AppointmentStatus.Cancelled : Hl7.Fhir.Model.Appointment.AppointmentStatus.Booked,
                CancelationReason = a.Status == AppointmentStatus.Cancelled && !string.IsNullOrWhiteSpace(a.CancellationReason) ? new CodeableConcept { Text = a.CancellationReason } : null,
                ServiceType = [new CodeableConcept { Text = EnumText.Label(a.ServiceType) }],
                Description = EnumText.Label(a.ServiceType),
                Start = a.StartsAt,
                End = a.EndsAt,
                MinutesDuration = a.DurationMinutes,
                Participant = [Taking($"Patient/{a.ParticipantId}"), Taking($"Practitioner/{a.StaffMemberId}")],
            };
            if (a.RoomId is { } room) appointment.Participant.Add(Taking($"Location/{room}"));
            return appointment;
        }
    }

    private sealed class GroupSessions : FhirEntityType<GroupSession>
    {
        public override string Name => "Appointment";
        public override string Permission => Permissions.Anyone;
        public override string Documentation => "";
        protected override IReadOnlyList<FhirSearchParam> OwnParams =>
            [new("patient", SearchParamType.Reference, "The participant (Patient/{id})."), .. Params];
        protected override IReadOnlyList<FhirInclude> OwnIncludes => [new("Appointment:patient", "Patient", _ => []), Practitioners];

        /// <summary>
        /// Sessions of a track someone was enrolled in on the day, through the enrollments the caller may read (a
        /// participant: their own), so a participant sees their sessions and staff those of their participants.
        /// </summary>
        protected override IQueryable<GroupSession> Source(TrellisDbContext db) =>
            db.GroupSessions.Include(s => s.Facilitators).Where(s => db.Enrollments.Any(e =>
                e.TrackId == s.TrackId && e.StartedOn <= s.LocalDate && (e.EndedOn == null || e.EndedOn >= s.LocalDate)));
        protected override Guid? ParticipantOf(GroupSession s) => null;
        public override bool InPatientCompartment => true;

        /// <summary>$export of a Group: the sessions of the tracks its members were enrolled in on the day.</summary>
        protected override IQueryable<GroupSession> OfPatients(FhirContext fx, IQueryable<GroupSession> query, IQueryable<Guid> patients)
        {
            var enrollments = fx.Db.Enrollments.Where(e => patients.Contains(e.ParticipantId));
            return query.Where(s => enrollments.Any(e => e.TrackId == s.TrackId && e.StartedOn <= s.LocalDate && (e.EndedOn == null || e.EndedOn >= s.LocalDate)));
        }
        protected override Guid? ProgramOf(GroupSession s) => s.ProgramId;

        protected override Refusal? Filter(FhirContext fx, ref IQueryable<GroupSession> query, string name, string value)
        {
            switch (name)
            {
                case "patient":
                    var ids = value.Split(',').Select(v => FhirSearchValues.ReferenceId(v, "Patient")).ToList();
                    var enrollments = fx.Db.Enrollments.Where(e => ids.Contains(e.ParticipantId));
                    query = query.Where(s => enrollments.Any(e => e.TrackId == s.TrackId && e.StartedOn <= s.LocalDate && (e.EndedOn == null || e.EndedOn >= s.LocalDate)));
                    return null;
                case "date":
                    return FhirSearchValues.WhereDate(ref query, s => s.StartsAt, name, value);
                case "status":
                    return WhereStatus(ref query, value, "booked", s => s.Status == SessionStatus.Scheduled, "cancelled", s => s.Status == SessionStatus.Cancelled);
            }
            return null;
        }

        protected override Resource Map(GroupSession s, FhirContext fx)
        {
            var appointment = new Hl7.Fhir.Model.Appointment
            {
                Status = s.Status == SessionStatus.Cancelled ? Hl7.Fhir.Model.Appointment.AppointmentStatus.Cancelled : Hl7.Fhir.Model.Appointment.AppointmentStatus.Booked,
                CancelationReason = s.Status == SessionStatus.Cancelled && !string.IsNullOrWhiteSpace(s.CancellationReason) ? new CodeableConcept { Text = s.CancellationReason } : null,
                ServiceType = [new CodeableConcept { Text = EnumText.Label(s.ServiceType) }],
                AppointmentType = new CodeableConcept { Text = "Group session" },
                Description = s.Title,
                Start = s.StartsAt,
                End = s.EndsAt,
                MinutesDuration = s.DurationMinutes,
                Participant = [Taking($"HealthcareService/{s.ProgramId}")],
            };
            foreach (var f in s.Facilitators.OrderBy(f => f.StaffMemberId)) appointment.Participant.Add(Taking($"Practitioner/{f.StaffMemberId}"));
            if (s.RoomId is { } room) appointment.Participant.Add(Taking($"Location/{room}"));
            return appointment;
        }
    }
}
