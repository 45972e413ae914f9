using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Staff;

public sealed record StaffDto(
    Guid Id, string FirstName, string LastName, string Email, string? Phone, string? CredentialType, string? LicenseNumber,
    string? LicenseState, DateOnly? LicenseExpiresOn, string LicenseStatus, bool RequiresSupervision, Guid? SupervisorId,
    bool IsActive, IReadOnlyList<string> Roles, IReadOnlyList<Guid> ProgramIds, long Version);

public sealed record StaffCreated(StaffDto Staff, string TemporaryPassword);

public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/staff").WithTags("Staff");
        group.MapGet("/", List).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Every staff member, with roles, programs and licence status.");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Permissions.AnyStaff);
        group.MapPost("/", Create).RequireAuthorization(Permissions.ManageStaff)
            .WithSummary("Create a staff member and their account; the answer carries a one-time password to hand over.");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.ManageStaff)
            .WithSummary("Change a staff member. isActive=false disables the account and ends its sessions. Requires If-Match.");
        return api;
    }

    public static async Task<Ok<List<StaffDto>>> List(TrellisDbContext db, TimeProvider clock, bool? includeInactive, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().Include(s => s.Programs)
            .Where(s => includeInactive == true || s.IsActive)
            .OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ToListAsync(ct);
        var roles = await StaffRoles.ForAsync(db, staff.Select(s => s.UserId), ct);
        return TypedResults.Ok(staff.Select(s => ToDto(s, roles, clock)).ToList());
    }

    public static async Task<Results<Ok<StaffDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var s = await db.Staff.AsNoTracking().Include(x => x.Programs).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Problems.NotFound("staff member");
        ETags.Set(http, s.Version);
        return TypedResults.Ok(ToDto(s, await StaffRoles.ForAsync(db, [s.UserId], ct), clock));
    }

    public static async Task<Results<Created<StaffCreated>, ValidationProblem>> Create(
        StaffInput input, SaveStaff save, TrellisDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var errors = await save.CheckAsync(input, null, ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var (staff, password) = await save.CreateAsync(input, ct: ct);
        ETags.Set(http, staff.Version);
        var dto = ToDto(staff, await StaffRoles.ForAsync(db, [staff.UserId], ct), clock);
        return TypedResults.Created($"/api/staff/{staff.Id}", new StaffCreated(dto, password));
    }

    public static async Task<Results<Ok<StaffDto>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, StaffInput input, SaveStaff save, TrellisDbContext db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var staff = await db.Staff.Include(s => s.Programs).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (staff is null) return Problems.NotFound("staff member");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (staff.Version != version) return Problems.Stale(staff.Version);
        var errors = await save.CheckAsync(input, id, ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        db.Entry(staff).Property(s => s.Version).OriginalValue = version;
        try { await save.UpdateAsync(staff, input, ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Stale(version + 1); }
        ETags.Set(http, staff.Version);
        return TypedResults.Ok(ToDto(staff, await StaffRoles.ForAsync(db, [staff.UserId], ct), clock));
    }

    internal static StaffDto ToDto(StaffMember s, IReadOnlyDictionary<string, List<string>> roles, TimeProvider clock) => new(
        s.Id, s.FirstName, s.LastName, s.Email, s.Phone, s.CredentialType, s.LicenseNumber, s.LicenseState, s.LicenseExpiresOn,
        LicenseStatus.Of(s, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).ToString().ToLowerInvariant(),
        s.RequiresSupervision, s.SupervisorId, s.IsActive,
        s.UserId is not null && roles.TryGetValue(s.UserId, out var r) ? r : [], s.Programs.Select(p => p.ProgramId).ToList(), s.Version);
}

public enum LicenseStanding { None, Valid, Expiring, Expired }

/// <summary>Credential expiry warnings: 60 days ahead is when a clinic starts chasing a renewal.</summary>
public static class LicenseStatus
{
    public const int WarningDays = 60;

    public static LicenseStanding Of(StaffMember s, DateOnly today) => s.DaysUntilLicenseExpiry(today) switch
    {
        null => LicenseStanding.None,
        < 0 => LicenseStanding.Expired,
        <= WarningDays => LicenseStanding.Expiring,
        _ => LicenseStanding.Valid,
    };
}

/// <summary>Roles of staff accounts, looked up in one query for a whole list.</summary>
public static class StaffRoles
{
    public static async Task<IReadOnlyDictionary<string, List<string>>> ForAsync(TrellisDbContext db, IEnumerable<string?> userIds, CancellationToken ct)
    {
        var ids = userIds.Where(i => i is not null).Cast<string>().Distinct().ToList();
        var rows = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                          where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        return rows.GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => g.Select(x => x.Name!).OrderBy(n => n).ToList());
    }
}
