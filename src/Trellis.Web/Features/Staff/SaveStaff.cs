using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Staff;

/// <summary>Creating and changing staff, together with their sign-in account and roles.</summary>
public sealed class SaveStaff(TrellisDbContext db, UserManager<TrellisUser> users, SessionService sessions)
{
    public async Task<Dictionary<string, string[]>> CheckAsync(StaffInput input, Guid? existingId, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var email = input.Email!.Trim().ToLowerInvariant();
        if (await db.Staff.AnyAsync(s => s.Email == email && s.Id != existingId, ct)
            || await users.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant() && u.StaffMemberId != existingId, ct))
            errors[nameof(StaffInput.Email)] = [$"{email} is already used by another account."];
        var programs = input.ProgramIds.Distinct().ToList();
        if (programs.Count > 0 && await db.Programs.CountAsync(p => programs.Contains(p.Id), ct) != programs.Count)
            errors[nameof(StaffInput.ProgramIds)] = ["One of the programs does not exist."];
        if (input.SupervisorId is { } sup && (sup == existingId || !await db.Staff.AnyAsync(s => s.Id == sup && s.IsActive, ct)))
            errors[nameof(StaffInput.SupervisorId)] = ["Choose an active staff member other than this person as supervisor."];
        return errors;
    }

    /// <summary>Creates the staff record and its account. Returns the one-time password to hand over.</summary>
    public async Task<(StaffMember Staff, string TemporaryPassword)> CreateAsync(StaffInput input, string? password = null, CancellationToken ct = default)
    {
        var staff = new StaffMember();
        Apply(staff, input);
        var temporary = password ?? NewTemporaryPassword();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Staff.Add(staff);
        await db.SaveChangesAsync(ct);
        var user = new TrellisUser
        {
            UserName = staff.Email, Email = staff.Email, EmailConfirmed = true, DisplayName = staff.FullName,
            StaffMemberId = staff.Id, CreatedAt = db.Now, IsDisabled = !staff.IsActive,
        };
        Check(await users.CreateAsync(user, temporary));
        Check(await users.AddToRolesAsync(user, input.Roles.Distinct()));
        staff.UserId = user.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (staff, temporary);
    }

    public async Task UpdateAsync(StaffMember staff, StaffInput input, CancellationToken ct = default)
    {
        Apply(staff, input);
        var user = staff.UserId is null ? null : await users.FindByIdAsync(staff.UserId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (user is not null)
        {
            var wasDisabled = user.IsDisabled;
            user.Email = user.UserName = staff.Email;
            user.DisplayName = staff.FullName;
            user.IsDisabled = !staff.IsActive;
            Check(await users.UpdateAsync(user));
            var current = await users.GetRolesAsync(user);
            Check(await users.RemoveFromRolesAsync(user, current.Except(input.Roles)));
            Check(await users.AddToRolesAsync(user, input.Roles.Distinct().Except(current)));
            if (user.IsDisabled && !wasDisabled) await sessions.RevokeAllAsync(user.Id, "account disabled");
        }
        await tx.CommitAsync(ct);
    }

    private void Apply(StaffMember s, StaffInput input)
    {
        s.FirstName = input.FirstName!.Trim();
        s.LastName = input.LastName!.Trim();
        s.Email = input.Email!.Trim().ToLowerInvariant();
        s.Phone = Clean(input.Phone);
        s.CredentialType = Clean(input.CredentialType);
        s.LicenseNumber = Clean(input.LicenseNumber);
        s.LicenseState = Clean(input.LicenseState)?.ToUpperInvariant();
        s.LicenseExpiresOn = input.LicenseExpiresOn;
        s.RequiresSupervision = input.RequiresSupervision;
        s.SupervisorId = input.SupervisorId;
        s.IsActive = input.IsActive;
        var wanted = input.ProgramIds.Distinct().ToHashSet();
        s.Programs.RemoveAll(p => !wanted.Contains(p.ProgramId));
        foreach (var id in wanted.Where(id => s.Programs.All(p => p.ProgramId != id)))
            s.Programs.Add(new StaffProgramAssignment { StaffMemberId = s.Id, ProgramId = id });
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Four groups of five unambiguous characters: long enough, and easy to read out.</summary>
    public static string NewTemporaryPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        return string.Join("-", Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(alphabet, 5)));
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
