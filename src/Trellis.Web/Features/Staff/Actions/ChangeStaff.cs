using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Staff.Actions;

/// <summary>
/// Change a staff member, their account and roles, from the version the administrator last saw. Making
/// them inactive disables the account and ends every session at once. Called by the staff page and
/// PUT /api/staff/{id}.
/// </summary>
public static class ChangeStaff
{
    public static async Task<Result<StaffMember>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, Guid id, StaffInput input,
        ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Staff.Include(s => s.Programs).FirstOrDefaultAsync(s => s.Id == id, ct) is not { } staff) return Refusal.NotFound("staff member");
        if (!db.Me.May(Permissions.ManageStaff)) return Refusal.Forbidden("Only administrators change staff members.");
        if (expected.Check(staff.Version) is { } stale) return stale;
        if (await SaveStaff.CheckAsync(db, users, input, id, ct) is { } refused) return refused;
        SaveStaff.Apply(staff, input);
        var user = staff.UserId is null ? null : await users.FindByIdAsync(staff.UserId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await Concurrency.SaveIfUnchangedAsync(db, staff, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        if (user is not null)
        {
            var wasDisabled = user.IsDisabled;
            user.Email = user.UserName = staff.Email;
            user.DisplayName = staff.FullName;
            user.IsDisabled = !staff.IsActive;
            SaveStaff.Ensure(await users.UpdateAsync(user));
            var current = await users.GetRolesAsync(user);
            SaveStaff.Ensure(await users.RemoveFromRolesAsync(user, current.Except(input.Roles)));
            SaveStaff.Ensure(await users.AddToRolesAsync(user, input.Roles.Distinct().Except(current)));
            if (user.IsDisabled && !wasDisabled) await SessionService.RevokeAllAsync(db, user.Id, "account disabled", ct);
        }
        await tx.CommitAsync(ct);
        return staff;
    }
}
