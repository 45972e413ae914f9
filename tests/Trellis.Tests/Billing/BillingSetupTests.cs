using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Billing;

/// <summary>Coverage as intake and billing record it, and Medicare's interim claims of a stay, against the demo's month of billing, on both databases.</summary>
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
}
