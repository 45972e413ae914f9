using Microsoft.AspNetCore.Identity;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Staff.Actions;

/// <summary>A new staff member and the one-time password to hand over in person or by phone.</summary>
public sealed record NewStaff(StaffMember Staff, string TemporaryPassword);

/// <summary>
/// Add a staff member with their sign-in account and roles, in one transaction. Administrators only (and
/// the command line's system caller, which creates the first administrator). Called by the staff page,
/// POST /api/staff and `admin create`.
/// </summary>
public static class CreateStaff
{
    public static async Task<Result<NewStaff>> RunAsync(TrellisDbContext db, UserManager<TrellisUser> users, StaffInput input,
        string? password = null, CancellationToken ct = default)
    {
        if (!db.Me.IsSystem && !db.Me.May(Permissions.ManageStaff)) return Refusal.Forbidden("Only administrators add staff members.");
        if (await SaveStaff.CheckAsync(db, users, input, null, ct) is { } refused) return refused;
        var staff = new StaffMember();
        SaveStaff.Apply(staff, input);
        var temporary = password ?? SaveStaff.NewTemporaryPassword();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Staff.Add(staff);
        await db.SaveChangesAsync(ct);
        var user = new TrellisUser
        {
            UserName = staff.Email, Email = staff.Email, EmailConfirmed = true, DisplayName = staff.FullName,
            StaffMemberId = staff.Id, CreatedAt = db.Now, IsDisabled = !staff.IsActive,
        };
        SaveStaff.Ensure(await users.CreateAsync(user, temporary));
        SaveStaff.Ensure(await users.AddToRolesAsync(user, input.Roles.Distinct()));
        staff.UserId = user.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new NewStaff(staff, temporary);
    }
}
