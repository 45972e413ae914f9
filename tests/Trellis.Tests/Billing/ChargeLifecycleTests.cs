using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Billing;

/// <summary>Charges follow attendance in the same save; a late correction voids and replaces, and a sent claim is replaced, never billed twice.</summary>
public class ChargeLifecycleTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task A_corrected_attendance_voids_the_billed_charge_and_a_replacement_claim_leaves_no_double_billing()
    {
        await using var s = app.Db();
        // A sent claim's group-session day: correct one attendance on it to an excused absence.
        var lines = await s.Context.Set<ClaimLine>().Where(l => s.Context.Set<Claim>().Any(c => c.Id == l.ClaimId && c.Status != ClaimStatus.Draft && c.Status != ClaimStatus.Ready
                && c.ReplacedByClaimId == null && c.Status != ClaimStatus.Void))
            .Select(l => new { l.ClaimId, l.ChargeId }).ToListAsync();
        var onClaims = lines.Select(l => l.ChargeId).Distinct().ToList();
        var charges = await s.Context.Set<Charge>().Where(c => onClaims.Contains(c.Id)).ToListAsync();
        // A day charge made of several groups (a per diem or Medicare IOP day): one absence changes it, so it is replaced.
        var grouped = charges.First(c => c.Sources.Count(x => x.GroupSessionId != null) >= 2);
        // The charge's own (primary) claim: a secondary claim repeats its lines (coordination of benefits).
        var line = lines.First(l => l.ChargeId == grouped.Id && l.ClaimId == grouped.ClaimId);
        var source = grouped.Sources.First(x => x.GroupSessionId != null);
        var record = await s.Context.Attendance.FirstAsync(a => a.Id == source.AttendanceRecordId);
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var roster = await director.GetAsync($"/api/sessions/{source.GroupSessionId}/attendance");
        var body = new { records = new[] { new { participantId = record.ParticipantId, status = "absent_excused", minutesLate = (int?)null, minutesLeftEarly = (int?)null, note = "Called in sick." } }, reason = "Marked present by mistake." };
        var saved = await director.PutJsonAsync($"/api/sessions/{source.GroupSessionId}/attendance", body, roster.Headers.ETag!.Tag);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());

        await using var after = app.Db();
        var old = await after.Context.Set<Charge>().FirstAsync(c => c.Id == line.ChargeId);
        Assert.Equal(ChargeStatus.Void, old.Status);
        Assert.Contains("changed", old.VoidReason);
        var claim = await after.Context.Set<Claim>().FirstAsync(c => c.Id == line.ClaimId);
        Assert.True(claim.CorrectionNeeded);

        var billing = await app.ApiAsync(Roles.Billing);
        var built = await billing.PostAsJsonAsync("/api/claims/build", new { from = claim.From, to = claim.To });
        Assert.True(built.IsSuccessStatusCode, await built.Content.ReadAsStringAsync());

        await using var check = app.Db();
        var original = await check.Context.Set<Claim>().FirstAsync(c => c.Id == line.ClaimId);
        Assert.NotNull(original.ReplacedByClaimId);
        var replacement = await check.Context.Set<Claim>().Include(c => c.Lines).FirstAsync(c => c.Id == original.ReplacedByClaimId);
        Assert.Contains(replacement.Frequency, new[] { "7", "8" });
        Assert.Equal(original.Id, replacement.ReplacesClaimId);
        if (replacement.Frequency == "7") Assert.DoesNotContain(replacement.Lines, l => l.ChargeId == line.ChargeId);

        // No double billing: each charge is on at most one live primary claim, a live secondary claim (coordination of
        // benefits) bills exactly its live primary's lines, and live claims bill only live charges.
        var live = await check.Context.Set<Claim>().Include(c => c.Lines).Where(c => c.ReplacedByClaimId == null && c.Status != ClaimStatus.Void && c.Frequency != "8").ToListAsync();
        var billed = live.Where(c => c.PrimaryClaimId == null).SelectMany(c => c.Lines.Select(l => l.ChargeLineId)).ToList();
        var twice = live.Where(c => c.PrimaryClaimId == null).SelectMany(c => c.Lines.Select(l => (l.ChargeLineId, Claim: c)))
            .GroupBy(x => x.ChargeLineId).Where(g => g.Count() > 1)
            .Select(g => string.Join(" and ", g.Select(x => $"{x.Claim.Number} ({x.Claim.Status}, freq {x.Claim.Frequency}, {x.Claim.From}–{x.Claim.To}, replaces {x.Claim.ReplacesClaimId})"))).ToList();
        Assert.True(twice.Count == 0, $"charge lines on two live primary claims (corrected {claim.Number}): {string.Join("; ", twice)}");
        Assert.All(live.Where(c => c.PrimaryClaimId != null), secondary =>
        {
            var primary = Assert.Single(live, c => c.Id == secondary.PrimaryClaimId);
            Assert.Equal(primary.Lines.Select(l => l.ChargeLineId).Order(), secondary.Lines.Select(l => l.ChargeLineId).Order());
        });
        var chargeIds = live.SelectMany(c => c.Lines.Select(l => l.ChargeId)).Distinct().ToList();
        Assert.DoesNotContain(await check.Context.Set<Charge>().Where(c => chargeIds.Contains(c.Id)).Select(c => c.Status).ToListAsync(), st => st == ChargeStatus.Void);
        Assert.Equal(live.Sum(c => c.Total), live.Sum(c => c.Lines.Sum(l => l.Amount)));
    }

    [Fact]
    public async Task Recording_attendance_makes_the_days_charge_in_the_same_save()
    {
        await using var s = app.Db();
        var today = await ProgramClock.ClinicTodayAsync(s.Context);
        // A past session of the demo whose roster has someone not yet charged for it: take them off and put them back.
        var record = await s.Context.Attendance.Where(a => a.GroupSessionId != null && a.MinutesAttended > 0 && a.GroupSession!.LocalDate < today && a.GroupSession.LocalDate >= today.AddDays(-6))
            .OrderBy(a => a.Id).FirstAsync();
        var director = await app.ApiAsync(Roles.ProgramDirector);
        async Task SetAsync(string status)
        {
            var roster = await director.GetAsync($"/api/sessions/{record.GroupSessionId}/attendance");
            var body = new { records = new[] { new { participantId = record.ParticipantId, status, minutesLate = (int?)null, minutesLeftEarly = (int?)null, note = (string?)null } }, reason = "Correction." };
            var r = await director.PutJsonAsync($"/api/sessions/{record.GroupSessionId}/attendance", body, roster.Headers.ETag!.Tag);
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        }
        await SetAsync("absent_excused");
        async Task<List<Charge>> LiveAsync()
        {
            await using var db = app.Db();
            return (await db.Context.Set<Charge>().Include(c => c.Lines).Where(c => c.ParticipantId == record.ParticipantId && c.Status != ChargeStatus.Void).ToListAsync())
                .Where(c => c.Sources.Any(x => x.AttendanceRecordId == record.Id)).ToList();
        }
        Assert.Empty(await LiveAsync());
        await SetAsync("telehealth");
        var charge = Assert.Single(await LiveAsync());
        var source = charge.Sources.Single(x => x.AttendanceRecordId == record.Id);
        Assert.True(source.Video);
        Assert.Equal(record.GroupSessionId, source.GroupSessionId);
        // By video now: a per-service or Medicare line carries it; a per diem day only when every service was by video.
        if (charge.Kind is ChargeKind.Service or ChargeKind.IopDay)
        {
            var line = charge.Lines.Single(l => l.AttendanceRecordId == record.Id);
            Assert.Equal("95", line.Modifier);
            Assert.Equal("10", line.PlaceOfService);
        }
    }

    [Fact]
    public async Task Moving_a_session_after_its_attendance_was_charged_moves_the_charge_to_the_new_day()
    {
        // Charges and the outcome summaries take the days a save touches from one place (Scheduling's AttendanceTouches);
        // charges used to miss a moved session and kept billing the old day.
        await using var s = app.Db();
        var today = await ProgramClock.ClinicTodayAsync(s.Context);
        var charges = await s.Context.Set<Charge>().AsNoTracking()
            .Where(c => c.Status != ChargeStatus.Void && c.ClaimId == null && c.ServiceDate < today.AddDays(-1) && c.ServiceDate >= today.AddDays(-6)).ToListAsync();
        var (charge, source) = charges.OrderBy(c => c.Id).SelectMany(c => c.Sources.Where(x => x.GroupSessionId != null).Select(x => (c, x))).First();
        var session = await s.Context.GroupSessions.FirstAsync(g => g.Id == source.GroupSessionId);
        var was = session.LocalDate;
        session.LocalDate = was.AddDays(1);
        session.StartsAt = session.StartsAt.AddDays(1);
        session.EndsAt = session.EndsAt.AddDays(1);
        await s.Context.SaveChangesAsync();

        await using var after = app.Db();
        var live = (await after.Context.Set<Charge>().AsNoTracking().Where(c => c.ParticipantId == charge.ParticipantId && c.Status != ChargeStatus.Void).ToListAsync())
            .Where(c => c.Sources.Any(x => x.AttendanceRecordId == source.AttendanceRecordId)).ToList();
        Assert.Equal(was.AddDays(1), Assert.Single(live).ServiceDate);
    }
}
