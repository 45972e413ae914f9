using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// Group: one per program (same id as its HealthcareService), its members the program's participants the caller
/// may read (through the scope, so staff of another program see neither the Group nor its members, and a participant
/// only themself); discharged and never-admitted participants are inactive members. This is what
/// <c>GET /fhir/Group/{id}/$export</c> exports. Its members change without the program's version, so it carries no
/// meta.versionId or lastUpdated (no vread, no _lastUpdated) and a client always reads the current members.
/// </summary>
public sealed class GroupType : FhirEntityType<TreatmentProgram>
{
    private const string MembersKey = "group-members";

    public override string Name => "Group";
    public override string Permission => Permissions.ReadDirectory;
    public override string Documentation => "One per program (id = the program's, as its HealthcareService): its participants as members, for Group/{id}/$export. Carries no version: its members change without one.";
    public override bool Versioned => false;

    protected override IReadOnlyList<FhirSearchParam> OwnParams =>
        [new("name", SearchParamType.String, "Starts the program's name.")];

    protected override IQueryable<TreatmentProgram> Source(TrellisDbContext db) => db.Programs;
    protected override Guid? ParticipantOf(TreatmentProgram p) => null;
    protected override Guid? ProgramOf(TreatmentProgram p) => p.Id;

    protected override Refusal? Filter(ref IQueryable<TreatmentProgram> query, string name, string value)
    {
        var start = value.Trim();
        if (name == "name") query = query.Where(p => p.Name.StartsWith(start));
        return null;
    }

    /// <summary>The members of a batch of programs, in one read through the scope.</summary>
    protected override async Task LoadAsync(IReadOnlyList<TreatmentProgram> rows, FhirContext fx, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var members = await fx.Db.Participants.AsNoTracking().Where(p => ids.Contains(p.ProgramId)).OrderBy(p => p.Id)
            .Select(p => new { p.ProgramId, p.Id, p.Status }).ToListAsync(ct);
        fx.Loaded[MembersKey] = members.ToLookup(m => m.ProgramId, m => (m.Id, Inactive: m.Status is ParticipantStatus.Discharged or ParticipantStatus.NotAdmitted));
    }

    /// <summary>The participants of a program, as the export of a Group reads them (through the context's scope).</summary>
    public static IQueryable<Guid> MembersOf(TrellisDbContext db, Guid programId) => db.Participants.Where(p => p.ProgramId == programId).Select(p => p.Id);

    protected override Resource Map(TreatmentProgram p, FhirContext fx)
    {
        var members = ((ILookup<Guid, (Guid Id, bool Inactive)>)fx.Loaded[MembersKey])[p.Id].ToList();
        return new Group
        {
            Active = p.IsActive,
            Type = Group.GroupType.Person,
            Actual = true,
            Code = new CodeableConcept { Text = "Program participants" },
            Name = p.Name,
            Quantity = members.Count,
            Member = [.. members.Select(m => new Group.MemberComponent { Entity = PatientReference(m.Id), Inactive = m.Inactive ? true : null })],
        };
    }
}
