using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.FeeSchedules;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Billing;

/// <summary>
/// Coverage as intake and billing record it, the billing identity and fee schedules (validated, versioned, the
/// schedule chosen by the date of service), and Medicare's interim claims of a stay, against the demo's month of
/// billing, on both databases.
/// </summary>
public class BillingSetupTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task A_coverage_keeps_its_subscriber_refuses_a_wrong_payer_or_an_overlap_and_lifts_the_no_coverage_hold()
    {
        Charge uncovered;
        Payer plan, other, selfPay;
        await using (var s = app.Db())
        {
            uncovered = (await s.Context.Set<Charge>().AsNoTracking().Where(c => c.Status == ChargeStatus.Held).OrderBy(c => c.ServiceDate).ToListAsync())
                .First(c => c.Holds.Any(h => h.Code == HoldReasons.NoCoverage));
            var payers = await s.Context.Set<Payer>().AsNoTracking().OrderBy(p => p.Name).ToListAsync();
            var plans = payers.Where(p => !p.IsSelfPay && !p.TiersByServiceCount).ToList();
            (plan, other) = (plans[0], plans[1]);
            selfPay = payers.First(p => p.IsSelfPay);
        }
        var day = uncovered.ServiceDate.ToString("yyyy-MM-dd");
        var url = $"/api/participants/{uncovered.ParticipantId}/coverages";
        var api = await app.ApiAsync(Roles.IntakeCoordinator);

        var wrongRank = await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { payerId = plan.Id, rank = "self_pay", effectiveFrom = day }), 400);
        Assert.True(wrongRank["errors"]!.AsObject().ContainsKey("payerId"), wrongRank.ToJsonString());
        var selfPayAsPrimary = await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { payerId = selfPay.Id, rank = "primary", memberId = "X1", effectiveFrom = day }), 400);
        Assert.Contains("self-pay", (string)selfPayAsPrimary["errors"]!["payerId"]![0]!);
        var incomplete = await Json.ProblemAsync(await api.PostAsJsonAsync(url, new { payerId = plan.Id, rank = "primary", relationship = "spouse", effectiveFrom = day }), 400);
        foreach (var field in new[] { "memberId", "subscriberFirstName", "subscriberLastName", "subscriberDateOfBirth" })
            Assert.True(incomplete["errors"]!.AsObject().ContainsKey(field), $"{field}: {incomplete.ToJsonString()}");

        var saved = await api.PostAsJsonAsync(url, new
        {
            payerId = plan.Id, rank = "primary", memberId = "QF-20931", groupNumber = "GRP-77", relationship = "spouse", subscriberFirstName = " Rowan ",
            subscriberLastName = "Quillfeather", subscriberDateOfBirth = "1979-03-14", sex = "F", effectiveFrom = day, effectiveTo = day, verifiedOn = day,
        });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var coverage = await Json.ReadAsync(saved);
        Assert.Equal(("spouse", "Rowan", "Quillfeather", "1979-03-14", "GRP-77"), ((string)coverage["relationship"]!, (string)coverage["subscriberFirstName"]!,
            (string)coverage["subscriberLastName"]!, (string)coverage["subscriberDateOfBirth"]!, (string)coverage["groupNumber"]!));
        Assert.False(string.IsNullOrWhiteSpace((string?)coverage["verifiedBy"]), "eligibility verified by whom");
        var listed = (await Json.ReadAsync(await api.GetAsync(url))).AsArray();
        Assert.Contains(listed, c => (string)c!["id"]! == (string)coverage["id"]! && (string)c["memberId"]! == "QF-20931");

        // The day's charge follows in the same save: priced for the plan, no longer held for missing coverage.
        await using (var s = app.Db())
        {
            var day1 = await s.Context.Set<Charge>().AsNoTracking()
                .Where(c => c.ParticipantId == uncovered.ParticipantId && c.ServiceDate == uncovered.ServiceDate && c.Status != ChargeStatus.Void).ToListAsync();
            Assert.NotEmpty(day1);
            Assert.All(day1, c =>
            {
                Assert.DoesNotContain(c.Holds, h => h.Code == HoldReasons.NoCoverage);
                Assert.Equal(plan.Id, c.PayerId);
            });
        }

        var overlap = await Json.ProblemAsync(await api.PostAsJsonAsync(url, new
        {
            payerId = plan.Id, rank = "primary", memberId = "QF-20932", effectiveFrom = uncovered.ServiceDate.AddDays(-3).ToString("yyyy-MM-dd"),
            effectiveTo = uncovered.ServiceDate.AddDays(3).ToString("yyyy-MM-dd"),
        }), 400);
        Assert.Contains("runs from", (string)overlap["errors"]!["effectiveFrom"]![0]!);
        // A secondary coverage may run beside the primary.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync(url, new { payerId = other.Id, rank = "secondary", memberId = "QF-20933", effectiveFrom = day, effectiveTo = day })).StatusCode);
    }

    [Fact]
    public async Task A_new_coverage_without_a_sex_takes_it_from_the_charts_gender_and_a_given_one_is_kept()
    {
        Guid planId;
        await using (var s = app.Db())
            planId = (await s.Context.Set<Payer>().AsNoTracking().OrderBy(p => p.Name).ToListAsync()).First(p => !p.IsSelfPay).Id;
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        async Task<string?> SexOfNewCoverageAsync(AdministrativeGender? gender, string? sex)
        {
            var p = await Trellis.Tests.Clinical.Clinic.FreshParticipantAsync(app);
            await using (var s = app.Db())
            {
                (await s.Context.Participants.SingleAsync(x => x.Id == p.Id)).AdministrativeGender = gender;
                await s.Context.SaveChangesAsync();
            }
            var saved = await api.PostAsJsonAsync($"/api/participants/{p.Id}/coverages", new { payerId = planId, rank = "primary", memberId = "SX-1", sex, effectiveFrom = "2026-01-01" });
            Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
            return (string?)(await Json.ReadAsync(saved))["sex"];
        }
        Assert.Equal("F", await SexOfNewCoverageAsync(AdministrativeGender.Female, null));
        Assert.Equal("M", await SexOfNewCoverageAsync(AdministrativeGender.Male, null));
        Assert.Equal("U", await SexOfNewCoverageAsync(AdministrativeGender.Other, null));
        Assert.Equal("U", await SexOfNewCoverageAsync(null, null));
        // What the card says wins over the chart.
        Assert.Equal("M", await SexOfNewCoverageAsync(AdministrativeGender.Female, "M"));
    }

    [Fact]
    public async Task Medicare_bills_a_stay_in_interim_claims_first_continuing_then_last_at_discharge()
    {
        Guid participantId;
        Claim last;
        await using (var s = app.Db())
        {
            var medicare = await s.Context.Set<Payer>().AsNoTracking().FirstAsync(p => p.TiersByServiceCount);
            var active = await s.Context.Participants.Where(p => p.DischargedOn == null).Select(p => p.Id).ToListAsync();
            var stays = (await s.Context.Set<Claim>().AsNoTracking().Where(c => c.PayerId == medicare.Id && c.ReplacesClaimId == null && c.Status != ClaimStatus.Void).ToListAsync())
                .Where(c => active.Contains(c.ParticipantId)).GroupBy(c => c.ParticipantId).Where(g => g.Count() >= 2).ToList();
            Assert.NotEmpty(stays);
            // While still in the program: the first claim of the stay is 2 (interim, first), the later ones 3 (continuing), patient status 30.
            foreach (var stay in stays)
            {
                var ordered = stay.OrderBy(c => c.From).ToList();
                Assert.Equal("2", ordered[0].Frequency);
                Assert.All(ordered.Skip(1), c => Assert.Equal("3", c.Frequency));
                Assert.All(ordered, c => Assert.Equal("30", c.PatientStatus));
            }
            participantId = stays[0].Key;
            last = stays[0].OrderBy(c => c.From).Last();

            // The participant is discharged the day after the last claim; that day is documented and ready to bill.
            var day = last.To.AddDays(1);
            var participant = await s.Context.Participants.FirstAsync(p => p.Id == participantId);
            participant.DischargedOn = day;
            participant.Status = ParticipantStatus.Discharged;
            var model = await s.Context.Set<Charge>().AsNoTracking().Include(c => c.Lines).FirstAsync(c => c.ClaimId == last.Id);
            var charge = new Charge
            {
                ParticipantId = participantId, ProgramId = model.ProgramId, ServiceDate = day, Key = "day", Kind = model.Kind, Status = ChargeStatus.Ready,
                PayerId = model.PayerId, CoverageId = model.CoverageId, FeeScheduleId = model.FeeScheduleId, Amount = model.Amount, Expected = model.Expected,
                QualifyingServices = model.QualifyingServices, AuthorizationNumber = model.AuthorizationNumber,
            };
            charge.Lines = model.Lines.Select(l => new ChargeLine
            {
                ChargeId = charge.Id, Number = l.Number, Code = l.Code, Modifier = l.Modifier, RevenueCode = l.RevenueCode, Units = l.Units, Amount = l.Amount,
                PlaceOfService = l.PlaceOfService, ServiceType = l.ServiceType, Minutes = l.Minutes, RenderingStaffId = l.RenderingStaffId,
            }).ToList();
            s.Context.Set<Charge>().Add(charge);
            await s.Context.SaveChangesAsync();
        }
        var billing = await app.ApiAsync(Roles.Billing);
        var built = await billing.PostAsJsonAsync("/api/claims/build", new { from = last.To.AddDays(1), to = last.To.AddDays(1) });
        Assert.True(built.IsSuccessStatusCode, await built.Content.ReadAsStringAsync());
        await using var check = app.Db();
        var final = await check.Context.Set<Claim>().AsNoTracking().SingleAsync(c => c.ParticipantId == participantId && c.From == last.To.AddDays(1));
        Assert.Equal(("4", "01"), (final.Frequency, final.PatientStatus));
    }

    [Fact]
    public async Task The_billing_identity_is_validated_field_by_field_and_changed_only_with_its_version()
    {
        var api = await app.ApiAsync(Roles.Billing);
        var got = await api.GetAsync("/api/billing/identity");
        var etag = got.Headers.ETag!.Tag;
        var identity = (await Json.ReadAsync(got)).AsObject();
        var bad = identity.DeepClone().AsObject();
        bad["npi"] = "123";
        bad["postalCode"] = "97201";
        bad["facilityTypeCode"] = "85";
        bad["telehealthPlaceOfService"] = "11";
        bad["taxonomy"] = "261QM0801";
        var problem = await Json.ProblemAsync(await api.PutJsonAsync("/api/billing/identity", bad, etag), 400);
        foreach (var field in new[] { "npi", "postalCode", "facilityTypeCode", "telehealthPlaceOfService", "taxonomy" })
            Assert.True(problem["errors"]!.AsObject().ContainsKey(field), $"{field}: {problem.ToJsonString()}");
        Assert.Equal(etag, (await api.GetAsync("/api/billing/identity")).Headers.ETag!.Tag);

        var cmhc = identity.DeepClone().AsObject();
        cmhc["facilityTypeCode"] = "76";
        await Json.ProblemAsync(await api.PutJsonAsync("/api/billing/identity", cmhc, null), 428);
        var saved = await api.PutJsonAsync("/api/billing/identity", cmhc, etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotEqual(etag, saved.Headers.ETag!.Tag);
        Assert.Equal("76", (string)(await Json.ReadAsync(await api.GetAsync("/api/billing/identity")))["facilityTypeCode"]!);
        await Json.ProblemAsync(await api.PutJsonAsync("/api/billing/identity", identity, etag), 412);
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync("/api/billing/identity", identity, saved.Headers.ETag!.Tag)).StatusCode);
        var director = await app.ApiAsync(Roles.ProgramDirector);
        Assert.Equal(HttpStatusCode.Forbidden, (await director.PutJsonAsync("/api/billing/identity", identity, saved.Headers.ETag!.Tag)).StatusCode);
    }

    [Fact]
    public async Task A_fee_schedule_is_validated_and_a_day_is_priced_by_the_schedule_in_force_on_it()
    {
        Charge unbilled;
        FeeSchedule schedule;
        await using (var s = app.Db())
        {
            var perDiem = await s.Context.Set<Charge>().AsNoTracking().Include(c => c.Lines)
                .Where(c => c.Kind == ChargeKind.PerDiem && (c.Status == ChargeStatus.Ready || c.Status == ChargeStatus.Held) && c.FeeScheduleId != null)
                .OrderByDescending(c => c.ServiceDate).ToListAsync();
            var schedules = await s.Context.Set<FeeSchedule>().AsNoTracking().Include(f => f.Lines).ToDictionaryAsync(f => f.Id);
            unbilled = perDiem.First(c => schedules[c.FeeScheduleId!.Value].EffectiveFrom < c.ServiceDate && schedules[c.FeeScheduleId!.Value].EffectiveTo == null);
            schedule = schedules[unbilled.FeeScheduleId!.Value];
        }
        var api = await app.ApiAsync(Roles.Billing);
        var url = $"/api/fee-schedules/{schedule.Id}";
        var etag = (await api.GetAsync(url)).Headers.ETag!.Tag;
        object Lines(decimal raise) => schedule.Lines.Select(l => new
        {
            kind = Web.Infrastructure.EnumText.ToApi(l.Kind), serviceType = l.ServiceType is { } t ? Web.Infrastructure.EnumText.ToApi(t) : null, minMinutes = l.MinMinutes,
            code = l.Code, revenueCode = l.RevenueCode, rate = l.Kind == FeeLineKind.PerDiem ? l.Rate + raise : l.Rate, qualifies = l.Qualifies, description = l.Description,
        }).ToList();
        var day = unbilled.ServiceDate;

        // A schedule overlapping the one in force, or a per-diem payer's schedule without its per-diem line, is refused.
        var overlap = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/fee-schedules",
            new { programId = schedule.ProgramId, payerId = schedule.PayerId, effectiveFrom = day, lines = Lines(50m) }), 400);
        Assert.True(overlap["errors"]!.AsObject().ContainsKey("effectiveFrom"), overlap.ToJsonString());
        var noPerDiem = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/fee-schedules", new
        {
            programId = schedule.ProgramId, payerId = schedule.PayerId, effectiveFrom = day.AddYears(5),
            lines = new[] { new { kind = "service", serviceType = "individual_therapy", minMinutes = 16, code = "90832", rate = 100m } },
        }), 400);
        Assert.True(noPerDiem["errors"]!.AsObject().ContainsKey("lines"), noPerDiem.ToJsonString());
        var badLine = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/fee-schedules", new
        {
            programId = schedule.ProgramId, payerId = schedule.PayerId, effectiveFrom = day.AddYears(5), lines = new[] { new { kind = "per_diem", code = "s9480", rate = 0m } },
        }), 400);
        Assert.Contains(badLine["errors"]!.AsObject(), e => e.Key.Contains("code", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(badLine["errors"]!.AsObject(), e => e.Key.Contains("rate", StringComparison.OrdinalIgnoreCase));

        // New rates from the day: the old schedule ends the day before, the new one starts on it.
        await Json.ProblemAsync(await api.PutJsonAsync(url, new { programId = schedule.ProgramId, payerId = schedule.PayerId, effectiveFrom = schedule.EffectiveFrom, effectiveTo = day.AddDays(-1), lines = Lines(0m) }, null), 428);
        var ended = await api.PutJsonAsync(url, new { programId = schedule.ProgramId, payerId = schedule.PayerId, effectiveFrom = schedule.EffectiveFrom, effectiveTo = day.AddDays(-1), lines = Lines(0m) }, etag);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var created = await api.PostAsJsonAsync("/api/fee-schedules", new { programId = schedule.ProgramId, payerId = schedule.PayerId, effectiveFrom = day, lines = Lines(50m) });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var newId = (string)(await Json.ReadAsync(created))["id"]!;
        var recomputed = await api.PostAsJsonAsync("/api/charges/recompute", new { from = day.AddDays(-1), to = day });
        Assert.True(recomputed.IsSuccessStatusCode, await recomputed.Content.ReadAsStringAsync());

        await using var check = app.Db();
        var now = await check.Context.Set<Charge>().AsNoTracking()
            .SingleAsync(c => c.ParticipantId == unbilled.ParticipantId && c.ServiceDate == day && c.Kind == ChargeKind.PerDiem && c.Status != ChargeStatus.Void);
        Assert.Equal(Guid.Parse(newId), now.FeeScheduleId);
        Assert.Equal(unbilled.Amount + 50m, now.Amount);
        var before = await check.Context.Set<Charge>().AsNoTracking()
            .Where(c => c.ServiceDate == day.AddDays(-1) && c.PayerId == schedule.PayerId && c.ProgramId == schedule.ProgramId && c.Kind == ChargeKind.PerDiem && c.Status != ChargeStatus.Void).ToListAsync();
        Assert.All(before, c => Assert.Equal(schedule.Id, c.FeeScheduleId));
    }
}
