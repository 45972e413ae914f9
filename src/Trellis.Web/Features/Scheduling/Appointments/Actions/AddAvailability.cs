using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Scheduling.Actions;

/// <summary>
/// Add weekly appointment hours for a staff member, in one of their programs: their own, or anyone's
/// for those who manage the schedule. Hours that overlap hours already listed are refused. Called by
/// the appointment hours page.
/// </summary>
public static class AddAvailability
{
    public static async Task<Result<StaffAvailability>> RunAsync(TrellisDbContext db, Guid staffId, AvailabilityInput input, CancellationToken ct = default)
    {
        if (await Staff.StaffQueries.InMyPrograms(db).Include(s => s.Programs).FirstOrDefaultAsync(s => s.Id == staffId, ct) is not { } member)
            return Refusal.NotFound("staff member");
        if (!MayEdit(db, staffId)) return Refusal.Forbidden("You can change your own appointment hours; program directors and administrators change anyone's.");
        var errors = new InputErrors(input);
        var programs = member.Programs.Select(a => a.ProgramId).Where(db.Scope.Covers).ToList();
        var programId = input.ProgramId ?? (programs.Count == 1 ? programs[0] : null);
        if (programs.Count == 0) errors.Add("day", $"{member.FullName} is not assigned to one of your programs.");
        else if (programId is null || !programs.Contains(programId.Value)) errors.Add("programId", $"Choose the program these hours are for: {member.FullName} works in more than one.");
        if (input.StartTime is { } start && input.EndTime is { } end
            && await db.Set<StaffAvailability>().FirstOrDefaultAsync(w => w.StaffMemberId == staffId && w.Day == input.Day && w.StartTime < end && start < w.EndTime, ct) is { } clash)
            errors.Add("startTime", $"These hours overlap {clash.Day} {clash.StartTime:H\\:mm}–{clash.EndTime:H\\:mm} already listed.");
        if (errors.Refusal is { } invalid) return invalid;
        var window = new StaffAvailability
        {
            StaffMemberId = staffId, ProgramId = programId!.Value, Day = input.Day, StartTime = input.StartTime!.Value, EndTime = input.EndTime!.Value,
            ServiceType = input.ServiceType, SlotMinutes = input.SlotMinutes, RoomId = input.RoomId, IsTelehealth = input.IsTelehealth,
        };
        db.Add(window);
        await db.SaveChangesAsync(ct);
        return window;
    }

    /// <summary>A staff member keeps their own hours; those who manage the schedule keep anyone's.</summary>
    public static bool MayEdit(TrellisDbContext db, Guid staffId) => db.Me.StaffId == staffId || db.Me.May(Permissions.ManageSchedule);
}
