using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.EmergencyAccess;

/// <summary>
/// Puts a staff member's active emergency grants into the principal the session check builds for every
/// request: a grant counts from the next request and stops the moment it ends or expires, on every node
/// (a grant is a <see cref="PrincipalSource"/>, and its expiry bounds the cached principal).
/// </summary>
internal sealed class EmergencyAccessClaims : IPrincipalClaims
{
    public async Task<DateTimeOffset?> AddAsync(TrellisDbContext db, TrellisUser user, List<Claim> claims)
    {
        if (user.StaffMemberId is not { } staffId) return null;
        var grants = await EmergencyAccessGrant.ActiveFor(db, staffId, db.Now)
            .Select(g => new { g.ParticipantId, g.ProgramId, g.ExpiresAt }).ToListAsync();
        foreach (var g in grants)
        {
            claims.Add(new(TrellisClaims.EmergencyChart, g.ParticipantId.ToString()));
            claims.Add(new(TrellisClaims.EmergencyProgram, g.ProgramId.ToString()));
        }
        return grants.Count == 0 ? null : grants.Min(g => g.ExpiresAt);
    }
}
