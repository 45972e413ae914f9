using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.EmergencyAccess;

/// <summary>
/// Puts a staff member's active emergency grants into the principal the session check rebuilds on every
/// request: a grant counts from the next request and stops the moment it ends or expires, on every node.
/// </summary>
internal sealed class EmergencyAccessClaims : IPrincipalClaims
{
    public async Task AddAsync(TrellisDbContext db, TrellisUser user, List<Claim> claims)
    {
        if (user.StaffMemberId is not { } staffId) return;
        var grants = await EmergencyAccessGrant.ActiveFor(db, staffId, db.Now)
            .Select(g => new { g.ParticipantId, g.ProgramId }).ToListAsync();
        foreach (var g in grants)
        {
            claims.Add(new(TrellisClaims.EmergencyChart, g.ParticipantId.ToString()));
            claims.Add(new(TrellisClaims.EmergencyProgram, g.ProgramId.ToString()));
        }
    }
}
