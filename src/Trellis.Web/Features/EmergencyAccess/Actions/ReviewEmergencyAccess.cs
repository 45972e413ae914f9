using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.EmergencyAccess.Actions;

/// <summary>
/// A program director (or administrator) reviews an emergency access to a chart of their program: whether it
/// was justified, and what they followed up. Reviewed once; the review is kept and audited. Called by
/// /emergency-access and POST /api/emergency-access/{id}/review.
/// </summary>
public static class ReviewEmergencyAccess
{
    public static async Task<Result<EmergencyAccessGrant>> RunAsync(TrellisDbContext db, Guid grantId, EmergencyAccessReviewInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        // The filters show a program's grants to its staff only.
        var grant = await db.Set<EmergencyAccessGrant>().FirstOrDefaultAsync(g => g.Id == grantId, ct);
        if (grant is null) return Refusal.NotFound("emergency access");
        if (!db.Me.May(Permissions.ReviewEmergencyAccess)) return Refusal.Forbidden("Program directors review emergency access to their programs' charts.");
        if (grant.StaffMemberId == db.Me.StaffId) return Refusal.Forbidden("Someone else reviews your own emergency access.");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (expected.Check(grant.Version) is { } stale) return stale;
        if (grant.ReviewedAt is not null) return Refusal.Conflict("Already reviewed", $"{grant.ReviewedBy} reviewed this access already.");
        grant.ReviewedAt = db.Now;
        grant.ReviewedBy = db.Me.DisplayName;
        grant.ReviewNote = input.Note!.Trim();
        return await db.SaveOrStaleAsync(grant, ct) is { } lost ? lost : grant;
    }
}
