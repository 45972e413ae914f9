using System.Linq.Expressions;
using Expression = System.Linq.Expressions.Expression;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>EpisodeOfCare: an enrollment in a program, from admission through to discharge.</summary>
public sealed class EpisodeOfCareType : FhirEntityType<Enrollment>
{
    public override string Name => "EpisodeOfCare";
    public override string Permission => Permissions.Anyone;
    public override string Documentation => "Enrollments in a program, from admission to discharge (type: the program).";
    protected override Expression<Func<Enrollment, Guid>> PatientKey => e => e.ParticipantId;
    protected override bool HasSubject => false;
    protected override IReadOnlyList<FhirSearchParam> OwnParams => [new("status", SearchParamType.Token, "active or finished.")];

    protected override IQueryable<Enrollment> Source(TrellisDbContext db) => db.Enrollments.Include(e => e.Participant).Include(e => e.Program).Include(e => e.Track);
    protected override Guid? ParticipantOf(Enrollment e) => e.ParticipantId;
    protected override Guid? ProgramOf(Enrollment e) => e.Participant?.ProgramId;

    protected override Refusal? Filter(ref IQueryable<Enrollment> query, string name, string value)
    {
        return name == "status" ? WhereStatus(ref query, value, "active", e => e.EndedOn == null, "finished", e => e.EndedOn != null) : null;
    }

    protected override Resource Map(Enrollment e, FhirContext fx)
    {
        var episode = new EpisodeOfCare
        {
            Status = e.EndedOn is null ? EpisodeOfCare.EpisodeOfCareStatus.Active : EpisodeOfCare.EpisodeOfCareStatus.Finished,
            Type = [new CodeableConcept { Text = e.Track is null ? e.Program?.Name : $"{e.Program?.Name}, {e.Track.Name}" }],
            Patient = PatientReference(e.ParticipantId),
            Period = new Period { Start = e.StartedOn.ToString("yyyy-MM-dd"), End = e.EndedOn?.ToString("yyyy-MM-dd") },
        };
        return episode;
    }
}
