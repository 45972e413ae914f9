using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Admissions.Authorizations;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Scheduling.SchedulingDemo;

namespace Trellis.Web.Features.Admissions.Demo;

/// <summary>
/// Runs after scheduling's demo has taken attendance: authorizations count their use from it, so
/// what admissions' demo entered by hand becomes only the days before the demo's weeks of
/// attendance, and the one made to be nearly used up stays so against the real count.
/// Deterministic: it draws nothing from the seeded random stream.
/// </summary>
public sealed class AuthorizationUseDemo : IDemoData
{
    public int Order => 250;

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var db = demo.Db;
        var today = ProgramClock.Today(db.Now, demo.MentalHealth.TimeZoneId);
        var firstWeek = ProgramClock.WeekStart(today).AddDays(-7 * SchedulingDemoData.PastWeeks);
        var counted = await AuthorizationRecords.Rows(db).ToDictionaryAsync(r => r.Id, r => r.UsedFromAttendance, ct);
        foreach (var a in await db.Set<InsuranceAuthorization>().Where(a => a.Status != AuthorizationStatus.Requested).ToListAsync(ct))
        {
            // RecordsDemo made this one a day short of used up (authorized = used + 1).
            var nearlyUsedUp = a.Status == AuthorizationStatus.Approved && a.Authorized == a.Used + 1;
            var lastBefore = a.EndOn < firstWeek ? a.EndOn : firstWeek.AddDays(-1);
            // Three group days a week before attendance was kept here.
            a.Used = lastBefore < a.StartOn ? 0 : (int)Math.Round((lastBefore.DayNumber - a.StartOn.DayNumber + 1) * 3 / 7.0);
            var total = a.Used + counted.GetValueOrDefault(a.Id);
            a.Authorized = nearlyUsedUp ? total + 1 : Math.Max(a.Authorized, total + 2);
        }
        await db.SaveChangesAsync(ct);
    }
}
