using Hl7.Fhir.Model;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>Location: a room of the clinic (a standing video room is kind "virtual"), managed by the clinic.</summary>
public sealed class LocationType : FhirEntityType<Room>
{
    public override string Name => "Location";
    public override string Permission => Permissions.ReadDirectory;
    public override string Documentation => "The clinic's rooms (where in the building, capacity); a standing video room has no physical type.";

    protected override IReadOnlyList<FhirSearchParam> OwnParams =>
    [
        new("name", SearchParamType.String, "Starts the room's name."),
        new("status", SearchParamType.Token, "active or inactive."),
    ];

    protected override IQueryable<Room> Source(TrellisDbContext db) => db.Rooms;
    protected override Guid? ParticipantOf(Room r) => null;
    protected override Guid? ProgramOf(Room r) => null;

    protected override Refusal? Filter(ref IQueryable<Room> query, string name, string value)
    {
        var start = value.Trim();
        if (name == "name") query = query.Where(r => r.Name.StartsWith(start));
        return name == "status" ? WhereStatus(ref query, value, "active", r => r.IsActive, "inactive", r => !r.IsActive) : null;
    }

    protected override Resource Map(Room r, FhirContext fx) => new Location
    {
        Status = r.IsActive ? Location.LocationStatus.Active : Location.LocationStatus.Inactive,
        Name = r.Name,
        Description = r.IsTelehealth ? $"Video room (capacity {r.Capacity})" : $"{r.Location ?? "Room"} (capacity {r.Capacity})",
        Mode = Location.LocationMode.Instance,
        PhysicalType = r.IsTelehealth ? null : new CodeableConcept("http://terminology.hl7.org/CodeSystem/location-physical-type", "ro", "Room"),
        ManagingOrganization = new ResourceReference($"Organization/{r.OrganizationId}"),
    };
}
