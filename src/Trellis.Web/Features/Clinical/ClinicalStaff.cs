using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Clinical;

/// <summary>Who is writing or signing: the staff member behind the signed-in account.</summary>
public static class ClinicalStaff
{
    /// <summary>The active staff member behind the caller (<see cref="TrellisDbContext.Me"/>), or null for anyone else.</summary>
    public static async Task<StaffMember?> CurrentAsync(TrellisDbContext db, CancellationToken ct = default) =>
        db.Me.StaffId is { } id ? await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.IsActive, ct) : null;

    /// <summary>
    /// The active staff member behind the caller when one of their roles holds <paramref name="permission"/>, or null:
    /// who may write, sign or record this kind of clinical record.
    /// </summary>
    public static async Task<StaffMember?> AllowedAsync(TrellisDbContext db, string permission, CancellationToken ct = default) =>
        db.Me.May(permission) ? await CurrentAsync(db, ct) : null;

    /// <summary>The name a signature carries: full name and credential, as it must read on a printed record.</summary>
    public static string SignatureName(StaffMember s) => s.DisplayName;

    /// <summary>Names of staff by id, for showing who is responsible for what.</summary>
    public static async Task<Dictionary<Guid, string>> NamesAsync(TrellisDbContext db, IEnumerable<Guid?> ids, CancellationToken ct = default)
    {
        var list = ids.Where(i => i is not null).Select(i => i!.Value).Distinct().ToList();
        if (list.Count == 0) return [];
        return await db.Staff.AsNoTracking().Where(s => list.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => s.FirstName + " " + s.LastName + (s.CredentialType == null ? "" : ", " + s.CredentialType), ct);
    }

    /// <summary>Active staff assigned to a program, for "responsible staff" and "owner" choices.</summary>
    public static Task<List<StaffMember>> OfProgramAsync(TrellisDbContext db, Guid programId, CancellationToken ct = default) =>
        db.Staff.AsNoTracking().Where(s => s.IsActive && s.Programs.Any(a => a.ProgramId == programId))
            .OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ToListAsync(ct);
}

/// <summary>Small text helpers shared by the clinical forms.</summary>
public static class ClinicalText
{
    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

}
