using System.Linq.Expressions;
using Expression = System.Linq.Expressions.Expression;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// Encounter: a participant's attendance at a group session or an appointment. Attended (present, late, left
/// early, by video) is finished, with the minutes attended; an absence is cancelled.
/// </summary>
public sealed class EncounterType : FhirEntityType<AttendanceRecord>
{
    private const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    public override string Name => "Encounter";
    public override string Permission => Permissions.Anyone;
    public override string Documentation => "Sessions and appointments a participant was recorded at (attended: finished; absent: cancelled).";
    protected override Expression<Func<AttendanceRecord, Guid>> PatientKey => a => a.ParticipantId;
    protected override IReadOnlyList<FhirSearchParam> OwnParams =>
        [new("status", SearchParamType.Token, "finished (attended) or cancelled (absent).")];

    protected override IQueryable<AttendanceRecord> Source(TrellisDbContext db) =>
        db.Attendance.Include(a => a.Participant).Include(a => a.GroupSession).Include(a => a.Appointment);
    protected override Guid? ParticipantOf(AttendanceRecord a) => a.ParticipantId;
    protected override Guid? ProgramOf(AttendanceRecord a) => a.Participant?.ProgramId;

    protected override Refusal? Filter(ref IQueryable<AttendanceRecord> query, string name, string value)
    {
        var attended = AttendanceRecord.AttendedStatuses;
        return name == "status" ? WhereStatus(ref query, value, "finished", a => attended.Contains(a.Status), "cancelled", a => !attended.Contains(a.Status)) : null;
    }

    protected override Resource Map(AttendanceRecord a, FhirContext fx)
    {
        var (start, end, service, title) = a.GroupSession is { } s
            ? (s.StartsAt, s.EndsAt, s.ServiceType, s.Title)
            : (a.Appointment!.StartsAt, a.Appointment.EndsAt, a.Appointment.ServiceType, EnumText.Label(a.Appointment.ServiceType));
        var encounter = new Encounter
        {
            Status = a.Attended ? Encounter.EncounterStatus.Finished : Encounter.EncounterStatus.Cancelled,
            Class = a.Status == AttendanceStatus.Telehealth ? new Coding(ActCode, "VR", "virtual") : new Coding(ActCode, "AMB", "ambulatory"),
            Type = [new CodeableConcept { Text = EnumText.Label(service) }],
            Subject = PatientReference(a.ParticipantId),
            Period = new Period(new FhirDateTime(start), new FhirDateTime(end)),
        };
        if (a.Attended) encounter.Length = new Duration { Value = a.MinutesAttended, Unit = "min", System = "http://unitsofmeasure.org", Code = "min" };
        if (a.GroupSession is not null) encounter.ServiceType = new CodeableConcept { Text = title };
        return encounter;
    }
}
