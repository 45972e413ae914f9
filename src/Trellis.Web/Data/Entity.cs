namespace Trellis.Web.Data;

/// <summary>
/// Base of every editable record. <see cref="Version"/> is the concurrency token: it is bumped on
/// every save, sent to clients as the ETag, and a save based on an older value is refused.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
}

/// <summary>
/// A record that belongs to one participant's chart. The context applies care-team scoping to
/// every such type, and the audit trail records who created, changed or removed it.
/// </summary>
public interface IParticipantOwned
{
    Guid ParticipantId { get; }
    Features.Participants.Participant? Participant { get; }
}

/// <summary>Records that are never physically deleted: they are hidden and can be restored.</summary>
public interface ISoftDeletable
{
    bool IsDeleted { get; set; }
    DateTimeOffset? DeletedAt { get; set; }
    string? DeletedBy { get; set; }
}
