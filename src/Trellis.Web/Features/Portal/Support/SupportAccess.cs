using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Portal.Support;

/// <summary>What a consent lets a support person see of one participant: nothing clinical, ever.</summary>
public sealed record SupportedView(Guid ParticipantId, string FirstName, string TimeZoneId, string ProgramName, string? ProgramDescription, string? ClinicPhone,
    bool SeesFamilySessions, bool SeesProgramInformation, List<FamilySession> FamilySessions);

/// <summary>A family session as a support person sees it: when and where, never why or what was said.</summary>
public sealed record FamilySession(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Room, bool Telehealth);

/// <summary>
/// The one place a support person's access is decided. A support person's scope reaches no chart (the query filters
/// give them nothing, and no permission but <see cref="Permissions.SupportPortal"/> admits their role), so every other
/// page and API answers 403 or 404. What they see is read here, only for the participants whose active links the session
/// check put into the principal on this request (<see cref="SupportClaims"/>: link not revoked, consent signed, not
/// revoked, not expired), and only what that consent names. Revoking the link or the consent ends it at the next request.
/// </summary>
public static class SupportAccess
{
    /// <summary>The links that give access now: for the session check, which cannot use the scope filters (it builds the scope).</summary>
    public static async Task<List<SupportPerson>> ActiveLinksAsync(TrellisDbContext db, string userId, CancellationToken ct = default)
    {
        var links = await db.Set<SupportPerson>().IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking()
            .Include(s => s.Consent).Include(s => s.Participant!).ThenInclude(p => p.Program)
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.Consent!.RevokedOn == null).ToListAsync(ct);
        return links.Where(s => s.Consent!.IsActiveOn(s.Participant!.Today(db.Now))).ToList();
    }

    /// <summary>What the caller may see of each participant they support, now.</summary>
    public static async Task<List<SupportedView>> ViewsAsync(TrellisDbContext db, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.SupportPortal) || db.Me.UserId is not { } userId || db.Me.SupportedParticipantIds.Length == 0) return [];
        var views = new List<SupportedView>();
        var phone = await db.Clinic.AsNoTracking().Select(o => o.Phone).FirstOrDefaultAsync(ct);
        // The principal says which participants (this request's session check); the links are read again for what each consent names.
        foreach (var link in (await ActiveLinksAsync(db, userId, ct)).Where(l => db.Me.SupportedParticipantIds.Contains(l.ParticipantId)))
        {
            var p = link.Participant!;
            var sessions = new List<FamilySession>();
            if (link.SeesFamilySessions)
            {
                var from = db.Now.AddHours(-1);
                sessions = await db.Set<Appointment>().IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking()
                    .Where(a => a.ParticipantId == p.Id && a.ServiceType == ServiceType.FamilyTherapy && a.Status == AppointmentStatus.Scheduled && a.StartsAt >= from)
                    .OrderBy(a => a.StartsAt).Take(20)
                    .Select(a => new FamilySession(a.StartsAt, a.EndsAt, a.Room != null ? a.Room.Name : null, a.TelehealthUrl != null)).ToListAsync(ct);
            }
            views.Add(new SupportedView(p.Id, p.FirstName, p.Program!.TimeZoneId, p.Program.Name, link.SeesProgramInformation ? p.Program.Description : null,
                link.SeesProgramInformation ? phone : null, link.SeesFamilySessions, link.SeesProgramInformation, sessions));
            db.Audit(Audit.AuditActions.Read, nameof(SupportPerson), link.Id, p.Id, detail: "support person view");
        }
        await db.SaveChangesAsync(ct);
        return views;
    }
}

/// <summary>
/// Puts the participants a support person may follow now into the principal the session check builds. Links and consents
/// are <see cref="PrincipalSource"/>s (revoking either reaches the next request on every node); a consent's dates are
/// days in the participant's program, so the principal is built again at the next local midnight.
/// </summary>
internal sealed class SupportClaims : IPrincipalClaims
{
    public async Task<DateTimeOffset?> AddAsync(TrellisDbContext db, TrellisUser user, List<Claim> claims)
    {
        if (user.ParticipantId is not null || user.StaffMemberId is not null) return null;
        var links = await SupportAccess.ActiveLinksAsync(db, user.Id);
        foreach (var link in links)
            claims.Add(new(Data.TrellisClaims.Supports, link.ParticipantId.ToString()));
        if (links.Count == 0) return db.Now.AddHours(1);
        return links.Min(l =>
        {
            var zone = ProgramClock.Zone(l.Participant!.Program!.TimeZoneId);
            return ProgramClock.ToInstant(l.Participant.Today(db.Now).AddDays(1), TimeOnly.MinValue, zone);
        });
    }
}
