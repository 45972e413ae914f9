using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Smart;

namespace Trellis.Web.Features.Disclosures;

/// <summary>
/// 42 CFR Part 2 consent-based disclosure to outside recipients, in one place.
/// <list type="bullet">
/// <item><b>Who is an outside recipient</b>: a SMART backend service (another organization's system). A participant's own app
/// is the patient; staff of the program (sessions, their apps) are the program itself (internal communications, § 2.12(c)(3)):
/// neither is a recipient, both read through the care-team scope as before.</item>
/// <item><b>What it may read</b> (<see cref="AddClaimsAsync"/>): its registered programs that are not under Part 2 as a staff
/// member assigned to them; of its Part 2 programs, the facts (program, tracks) and only the charts of participants whose
/// active Part 2 consent names the client's linked recipient and purpose. These go into the principal, so the context's
/// query filters apply them to every read, search, include, count and export; built on every request, so a revocation or
/// an expiry counts from the next one.</item>
/// <item><b>What is recorded</b> (<see cref="RecordAsync"/>): each disclosure, before the records leave.</item>
/// </list>
/// </summary>
public static class Part2Disclosures
{
    /// <summary>The claims of a backend service's principal that say what it reads (programs, recipient, consented charts).</summary>
    public static readonly string[] ClaimTypes =
        [TrellisClaims.Program, TrellisClaims.DisclosureProgram, TrellisClaims.DisclosureConsent, TrellisClaims.Recipient, TrellisClaims.RecipientPurpose];

    public static async Task AddClaimsAsync(TrellisDbContext db, SmartClient client, List<Claim> claims, CancellationToken ct = default)
    {
        var registered = client.ProgramIds.ToArray();
        // The principal is what the scope is built from, so these reads cannot go through the scope filters themselves.
        var programs = await db.Programs.IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).Where(p => registered.Contains(p.Id))
            .Select(p => new { p.Id, p.IsPart2, p.TimeZoneId }).ToListAsync(ct);
        claims.AddRange(programs.Where(p => !p.IsPart2).Select(p => new Claim(TrellisClaims.Program, p.Id.ToString())));
        claims.AddRange(programs.Where(p => p.IsPart2).Select(p => new Claim(TrellisClaims.DisclosureProgram, p.Id.ToString())));
        claims.Add(new(TrellisClaims.Recipient, client.Recipient ?? ""));
        claims.Add(new(TrellisClaims.RecipientPurpose, client.Purpose ?? ""));
        var part2 = programs.Where(p => p.IsPart2).ToDictionary(p => p.Id, p => p.TimeZoneId);
        if (part2.Count == 0 || Normal(client.Recipient) is not { Length: > 0 } recipient || Normal(client.Purpose) is not { Length: > 0 } purpose) return;
        var ids = part2.Keys.ToArray();
        var consents = await db.Set<DisclosureConsent>().IgnoreQueryFilters([TrellisDbContext.ScopeFilter]).AsNoTracking()
            .Where(c => c.Kind == ConsentKind.Part2 && c.RevokedOn == null && ids.Contains(c.Participant!.ProgramId))
            .Select(c => new { Consent = c, c.Participant!.ProgramId }).ToListAsync(ct);
        var now = db.Now;
        foreach (var found in consents.Where(c => Normal(c.Consent.Recipient) == recipient && Normal(c.Consent.Purpose) == purpose
                     && c.Consent.IsActiveOn(ProgramClock.Today(now, part2[c.ProgramId])))
                     .GroupBy(c => c.Consent.ParticipantId))
        {
            var latest = found.OrderByDescending(c => c.Consent.SignedOn).ThenByDescending(c => c.Consent.Id).First().Consent;
            claims.Add(new(TrellisClaims.DisclosureConsent, $"{latest.ParticipantId} {latest.Id}"));
        }
    }

    /// <summary>A recipient or purpose as consents and registrations are compared: case, spacing and a final full stop do not matter.</summary>
    public static string Normal(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.').ToLowerInvariant();

    /// <summary>
    /// Records the disclosure of these records (each a participant's Part 2 resource: its chart and type) to the calling outside
    /// recipient: one row per participant, under the consent its principal carries, saved before the caller returns them.
    /// </summary>
    public static async Task RecordAsync(TrellisDbContext db, IEnumerable<(Guid ParticipantId, string Type)> records, string interaction, CancellationToken ct)
    {
        var me = db.Me;
        if (!me.IsOutsideRecipient) return;
        var client = SmartScope.ClientOf(me.Principal) ?? me.UserName ?? "";
        var any = false;
        foreach (var chart in records.GroupBy(r => r.ParticipantId))
        {
            var byType = chart.GroupBy(r => r.Type).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count().ToString(CultureInfo.InvariantCulture)}");
            db.Add(new Part2Disclosure
            {
                ParticipantId = chart.Key, ConsentId = me.ConsentFor(chart.Key), DisclosedAt = db.Now,
                Recipient = Trim(me.Recipient, 300), Purpose = Trim(me.RecipientPurpose, 500), ClientId = Trim(client, 100), ClientName = Trim(me.DisplayName, 120),
                Interaction = Trim(interaction, 200), Resources = Trim(string.Join(", ", byType), 2000), Count = chart.Count(),
            });
            any = true;
        }
        if (any) await db.SaveChangesAsync(ct);
    }

    private static string Trim(string? text, int max) => (text ?? "") is var t && t.Length > max ? t[..max] : text ?? "";
}
