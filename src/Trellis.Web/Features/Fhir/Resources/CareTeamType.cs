using System.Linq.Expressions;
using Hl7.Fhir.Model;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Expression = System.Linq.Expressions.Expression;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// CareTeam: a participant's care team as the chart names it (primary clinician, prescriber, case manager), one per
/// participant with the participant's id and version; inactive once they are discharged.
/// </summary>
public sealed class CareTeamType : FhirEntityType<Participant>
{
    public override string Name => "CareTeam";
    public override string Permission => Permissions.Anyone;
    public override string Documentation => "A participant's care team (primary clinician, prescriber, case manager); same id as the Patient.";
    protected override Expression<Func<Participant, Guid>> PatientKey => p => p.Id;

    protected override IReadOnlyList<FhirSearchParam> OwnParams =>
    [
        new("status", SearchParamType.Token, "active or inactive (discharged or not admitted)."),
        new("participant", SearchParamType.Reference, "A member (Practitioner/{id})."),
    ];

    protected override IReadOnlyList<FhirInclude> OwnIncludes =>
        [new("CareTeam:participant", "Practitioner", r => ((CareTeam)r).Participant.Select(p => p.Member))];

    protected override IQueryable<Participant> Source(TrellisDbContext db) =>
        db.Participants.Where(p => p.PrimaryClinicianId != null || p.PrescriberId != null || p.CaseManagerId != null);
    protected override Guid? ParticipantOf(Participant p) => p.Id;
    protected override Guid? ProgramOf(Participant p) => p.ProgramId;

    protected override Refusal? Filter(ref IQueryable<Participant> query, string name, string value)
    {
        switch (name)
        {
            case "status":
                return WhereStatus(ref query, value, "active", p => p.Status != ParticipantStatus.Discharged && p.Status != ParticipantStatus.NotAdmitted,
                    "inactive", p => p.Status == ParticipantStatus.Discharged || p.Status == ParticipantStatus.NotAdmitted);
            case "participant":
                var ids = value.Split(',').Select(v => (Guid?)FhirSearchValues.ReferenceId(v, "Practitioner")).ToList();
                query = query.Where(p => ids.Contains(p.PrimaryClinicianId) || ids.Contains(p.PrescriberId) || ids.Contains(p.CaseManagerId));
                return null;
        }
        return null;
    }

    protected override Resource Map(Participant p, FhirContext fx)
    {
        var team = new CareTeam
        {
            Status = p.Status is ParticipantStatus.Discharged or ParticipantStatus.NotAdmitted ? CareTeam.CareTeamStatus.Inactive : CareTeam.CareTeamStatus.Active,
            Category = [new CodeableConcept("http://loinc.org", "LA28865-6", "Longitudinal care-coordination focused care team")],
            Name = "Care team",
            Subject = PatientReference(p.Id),
        };
        Add(team, p.PrimaryClinicianId, "Primary clinician");
        Add(team, p.PrescriberId, "Prescriber");
        Add(team, p.CaseManagerId, "Case manager");
        return team;
    }

    private static void Add(CareTeam team, Guid? staffId, string role)
    {
        if (staffId is { } id)
            team.Participant.Add(new CareTeam.ParticipantComponent
            {
                Role = [new CodeableConcept { Text = role }],
                Member = new ResourceReference($"Practitioner/{id}"),
            });
    }
}
