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

/// <summary>
/// A record that belongs to one program (a track, a group session, a group note, a program's rules).
/// The context's scope filter shows it only to staff of that program (and administrators), so a
/// feature never writes a program condition itself: another program's record answers 404.
/// </summary>
public interface IProgramOwned
{
    Guid ProgramId { get; }
}

/// <summary>
/// A record that belongs either to one program or, with no program, to the whole clinic (a closure of
/// every program, an inquiry that has not chosen a program yet). Scoped like <see cref="IProgramOwned"/>;
/// the clinic-wide ones are seen by every staff member who works in a program.
/// </summary>
public interface IClinicOrProgramOwned
{
    Guid? ProgramId { get; }
}

/// <summary>
/// Marks a program-owned record as a fact of the program that its participants read too (their
/// schedule, their track, closures): the scope filter then also shows it to the program's participants.
/// </summary>
public interface IProgramFact;
