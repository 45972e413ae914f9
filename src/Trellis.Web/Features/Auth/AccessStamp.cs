using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Auth;

/// <summary>
/// One row whose value changes, in the same transaction, whenever something a signed-in person's principal is
/// built from changes: their account, roles, program assignments, their own program, or a feature's
/// <see cref="PrincipalSource"/> (emergency access grants). Every request reads it with its session (one query),
/// so a node reuses the principal it built before (<see cref="PrincipalCache"/>) only while nothing it was built
/// from has changed, on any node. A new random value rather than a counter: two saves that bump it at once cannot
/// both write the same value, so neither change can hide behind the other.
/// </summary>
public sealed class AccessStamp
{
    public const int RowId = 1;
    public int Id { get; set; }
    public Guid Value { get; set; }
}

/// <summary>A feature's entity that <see cref="IPrincipalClaims"/> reads: any change to one bumps the <see cref="AccessStamp"/>.</summary>
public sealed record PrincipalSource(Type EntityType);

internal sealed class AccessStampConfiguration : IEntityTypeConfiguration<AccessStamp>
{
    public void Configure(EntityTypeBuilder<AccessStamp> b)
    {
        b.ToTable("AccessStamps");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.HasData(new AccessStamp { Id = AccessStamp.RowId, Value = Guid.Empty });
    }
}

/// <summary>Bumps the stamp inside the save that changes what a principal is built from.</summary>
internal sealed class AccessStampHook(IEnumerable<PrincipalSource> sources) : ISaveHook
{
    // The account's properties the principal carries or depends on; a sign-in's counters and stamps are not among them.
    private static readonly string[] AccountProperties =
        [nameof(TrellisUser.IsDisabled), nameof(TrellisUser.DisplayName), nameof(TrellisUser.UserName), nameof(TrellisUser.Email),
         nameof(TrellisUser.ParticipantId), nameof(TrellisUser.StaffMemberId)];

    private readonly HashSet<Type> featureTypes = sources.Select(s => s.EntityType).ToHashSet();

    public Task BeforeSaveAsync(TrellisDbContext db, CancellationToken ct)
    {
        if (!db.ChangeTracker.Entries().Any(Changes)) return Task.CompletedTask;
        var stamp = db.Set<AccessStamp>().Local.FirstOrDefault();
        if (stamp is null)
        {
            stamp = new AccessStamp { Id = AccessStamp.RowId };
            db.Set<AccessStamp>().Attach(stamp);
        }
        stamp.Value = Guid.NewGuid();
        return Task.CompletedTask;
    }

    private bool Changes(EntityEntry e) => e.State switch
    {
        EntityState.Added or EntityState.Deleted => e.Entity is TrellisUser or IdentityUserRole<string> or StaffProgramAssignment || featureTypes.Contains(e.Entity.GetType()),
        EntityState.Modified => e.Entity switch
        {
            // Identity's store marks every property of the account modified on any update (a failed sign-in's count
            // too), so what counts is a value that differs from the one loaded.
            TrellisUser => AccountProperties.Any(p => Differs(e.Property(p))),
            Participant => Differs(e.Property(nameof(Participant.ProgramId))),
            IdentityUserRole<string> or StaffProgramAssignment => true,
            _ => featureTypes.Contains(e.Entity.GetType()),
        },
        _ => false,
    };

    private static bool Differs(PropertyEntry p) => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue);
}
