using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Staff;

/// <summary>
/// The rules the staff actions share: what makes a staff record savable, and how the input lands on the
/// record and its sign-in account. The context must be the one the <see cref="UserManager{TUser}"/> writes
/// through (the request's), so a staff record and its account are saved in one transaction.
/// </summary>
public static class SaveStaff
{
    /// <summary>Every reason the input cannot be saved, its own rules first, then what only the database knows. Null when it can.</summary>
    public static async Task<Refusal?> CheckAsync(TrellisDbContext db, UserManager<TrellisUser> users, StaffInput input, Guid? existingId, CancellationToken ct = default)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (!errors.ContainsKey("email") && input.Email is { } given)
        {
            var email = given.Trim().ToLowerInvariant();
            if (await db.Staff.AnyAsync(s => s.Email == email && s.Id != existingId, ct)
                || await users.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant() && u.StaffMemberId != existingId, ct))
                errors["email"] = [$"{email} is already used by another account."];
        }
        var programs = input.ProgramIds.Distinct().ToList();
        if (programs.Count > 0 && await db.PublishedPrograms.CountAsync(p => programs.Contains(p.Id), ct) != programs.Count)
            errors.TryAdd("programIds", ["One of the programs does not exist."]);
        if (input.SupervisorId is { } sup && (sup == existingId || !await db.Staff.AnyAsync(s => s.Id == sup && s.IsActive, ct)))
            errors.TryAdd("supervisorId", ["Choose an active staff member other than this person as supervisor."]);
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    public static void Apply(StaffMember s, StaffInput input)
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

    /// <summary>
    /// The sign-in account of a staff member, for the administrator's account actions (reset a password,
    /// unlock, reset two-factor): 404 for no such staff member, 403 for anyone but an administrator, 409 when
    /// the record has no account.
    /// </summary>
    public static async Task<Result<TrellisUser>> AccountOfAsync(TrellisDbContext db, UserManager<TrellisUser> users, Guid staffId, CancellationToken ct = default)
    {
        if (await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId, ct) is not { } staff) return Refusal.NotFound("staff member");
        if (!db.Me.May(Permissions.ManageStaff)) return Refusal.Forbidden("Only administrators manage staff accounts.");
        if (staff.UserId is null || await users.FindByIdAsync(staff.UserId) is not { } user)
            return Refusal.Conflict($"{staff.FullName} has no sign-in account.");
        return user;
    }

    /// <summary>Identity refusing a step (a rule the checks above already cover) leaves nothing half-saved: the transaction rolls back.</summary>
    public static void Ensure(IdentityResult result)
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
