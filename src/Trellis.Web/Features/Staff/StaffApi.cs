using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Staff.Actions;

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
        // Bodies are validated in the actions, so the order of answers is the same from every door.
        var group = api.MapGroup("/staff").WithTags("Staff").DisableValidation();
        group.MapGet("/", List).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Every staff member, with roles, programs and licence status.");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Permissions.AnyStaff);
        group.MapPost("/", Create).RequireAuthorization(Permissions.ManageStaff)
            .WithSummary("Create a staff member and their account; the answer carries a one-time password to hand over.");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.ManageStaff)
            .WithSummary("Change a staff member. isActive=false disables the account and ends its sessions. Requires If-Match.");
        return api;
    }

    public static async Task<Ok<List<StaffDto>>> List(TrellisDbContext db, bool? includeInactive, CancellationToken ct)
    {
        var staff = await db.Staff.AsNoTracking().Include(s => s.Programs)
            .Where(s => includeInactive == true || s.IsActive)
            .OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ToListAsync(ct);
        var roles = await StaffRoles.ForAsync(db, staff.Select(s => s.UserId), ct);
        var today = await ProgramClock.ClinicTodayAsync(db, ct);
        return TypedResults.Ok(staff.Select(s => ToDto(s, roles, today)).ToList());
    }

    public static async Task<Results<Ok<StaffDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(db, id, http, ct);

    public static async Task<Results<Created<StaffCreated>, ProblemHttpResult>> Create(
        StaffInput input, UserManager<TrellisUser> users, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (created, refused) = await CreateStaff.RunAsync(db, users, input, ct: ct);
        if (refused is not null) return refused.ToProblem();
        var staff = created!.Staff;
        ETags.Set(http, staff.Version);
        var dto = ToDto(staff, await StaffRoles.ForAsync(db, [staff.UserId], ct), await ProgramClock.ClinicTodayAsync(db, ct));
        return TypedResults.Created($"/api/staff/{staff.Id}", new StaffCreated(dto, created.TemporaryPassword));
    }

    public static async Task<Results<Ok<StaffDto>, ProblemHttpResult>> Update(
        Guid id, StaffInput input, UserManager<TrellisUser> users, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        (await ChangeStaff.RunAsync(db, users, id, input, ETags.From(http), ct)).Refusal is { } refused
            ? refused.ToProblem()
            : await AnswerAsync(db, id, http, ct);

    private static async Task<Results<Ok<StaffDto>, ProblemHttpResult>> AnswerAsync(TrellisDbContext db, Guid id, HttpContext http, CancellationToken ct)
    {
        var s = await db.Staff.AsNoTracking().Include(x => x.Programs).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Refusal.NotFound("staff member").ToProblem();
        ETags.Set(http, s.Version);
        return TypedResults.Ok(ToDto(s, await StaffRoles.ForAsync(db, [s.UserId], ct), await ProgramClock.ClinicTodayAsync(db, ct)));
    }

    internal static StaffDto ToDto(StaffMember s, IReadOnlyDictionary<string, List<string>> roles, DateOnly today) => new(
        s.Id, s.FirstName, s.LastName, s.Email, s.Phone, s.CredentialType, s.LicenseNumber, s.LicenseState, s.LicenseExpiresOn,
        LicenseStatus.Of(s, today).ToString().ToLowerInvariant(),
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
