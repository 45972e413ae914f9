using Bogus;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Demo;

/// <summary>
/// A feature's share of the demo: each feature adds its own fictional records in its own folder
/// by registering one of these; they run in <see cref="Order"/> after the organization exists.
/// </summary>
public interface IDemoData
{
    int Order { get; }
    Task SeedAsync(DemoContext demo, CancellationToken ct);
}

/// <summary>What the foundation seeded, handed to each feature's demo data.</summary>
public sealed class DemoContext(TrellisDbContext db, Faker faker, DateOnly today)
{
    public TrellisDbContext Db { get; } = db;
    /// <summary>Seeded Faker: the same demo every time for the same day.</summary>
    public Faker Faker { get; } = faker;
    public DateOnly Today { get; } = today;
    public Organization.Organization Organization { get; set; } = null!;
    public TreatmentProgram MentalHealth { get; set; } = null!;
    public TreatmentProgram SubstanceUse { get; set; } = null!;
    public List<Track> Tracks { get; } = [];
    public List<Room> Rooms { get; } = [];
    public List<StaffMember> Staff { get; } = [];
    /// <summary>The staff member behind each demo account, by role.</summary>
    public Dictionary<string, StaffMember> DemoStaff { get; } = [];
    /// <summary>The role of each seeded staff member.</summary>
    public Dictionary<Guid, string> StaffRoles { get; } = [];
    public IEnumerable<string> RolesOf(StaffMember s) => StaffRoles.TryGetValue(s.Id, out var r) ? [r] : [];
    /// <summary>Staff of a program holding a role.</summary>
    public IEnumerable<StaffMember> StaffOf(TreatmentProgram program, string role) =>
        Staff.Where(s => s.Programs.Any(a => a.ProgramId == program.Id) && RolesOf(s).Contains(role));
    public List<Participant> Participants { get; } = [];
    /// <summary>The participant who signs in as participant@demo.trellis.test.</summary>
    public Participant DemoParticipant { get; set; } = null!;
}
