using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Instruments;

namespace Trellis.Tests.Portal;

/// <summary>The demo participant (the portal's account) and the arrangements portal tests share.</summary>
public static class PortalArrange
{
    public static async Task<Guid> DemoParticipantIdAsync(TrellisFactory app)
    {
        await using var s = app.Db();
        return await s.Context.Users.Where(u => u.Email == Trellis.Web.Features.Demo.DemoSeeder.EmailFor(Roles.Participant)).Select(u => u.ParticipantId!.Value).SingleAsync();
    }

    /// <summary>
    /// The demo gives PHQ-9 on each due date, so on most days nothing is due for the demo participant. Removing the
    /// PHQ-9s of the last 20 days leaves the current occasion of the 14-day schedule ungiven: due or overdue.
    /// </summary>
    public static async Task MakePhq9DueAsync(TrellisFactory app, Guid participantId)
    {
        await using var s = app.Db();
        var since = s.Context.Now.AddDays(-20);
        s.Context.InstrumentAdministrations.RemoveRange(await s.Context.InstrumentAdministrations
            .Where(a => a.ParticipantId == participantId && a.InstrumentCode == Phq9.Code && a.AdministeredAt >= since).ToListAsync());
        await s.Context.SaveChangesAsync();
    }
}
