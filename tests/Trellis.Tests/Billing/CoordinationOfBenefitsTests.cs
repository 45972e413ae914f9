using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Accounts;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Remittances;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Tests.Billing;

/// <summary>
/// Coordination of benefits on both databases: a primary 835 with a patient share bills it on to the secondary
/// coverage active on the claim's dates (no account entry yet); the secondary's 837 repeats the primary's answer
/// in 2320/2330A/2330B/2430 and passes the independent checker, COB balancing included; the secondary's 835
/// puts what is left on the account. Without a secondary, or with one not active on the dates, the share goes
/// to the account as before.
/// </summary>
public class CoordinationOfBenefitsTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    /// <summary>Claims awaiting an answer, one per participant, of participants with no secondary coverage.</summary>
    private static async Task<(List<Claim> Claims, BillingIdentity Clinic)> AwaitingAsync(TrellisFactory app, int count)
    {
        await using var s = app.Db();
        var dual = await s.Context.Set<PayerCoverage>().Where(c => c.Rank == CoverageRank.Secondary).Select(c => c.ParticipantId).ToListAsync();
        var claims = (await s.Context.Set<Claim>().AsNoTracking().Include(c => c.Lines).Include(c => c.Participant).Include(c => c.Payer)
            .Where(c => c.Status == ClaimStatus.Sent && c.ReplacedByClaimId == null && c.PrimaryClaimId == null && !dual.Contains(c.ParticipantId))
            .OrderBy(c => c.Number).ToListAsync()).DistinctBy(c => c.ParticipantId).ToList();
        Assert.True(claims.Count >= count, $"the demo leaves {claims.Count} participants' claims awaiting an answer; {count} needed");
        return (claims.Take(count).ToList(), await s.Context.Set<BillingIdentity>().AsNoTracking().FirstAsync());
    }

    private static ClaimAnswer Paid(Claim c, decimal share, string icn) => new(c, "1", c.Participant!.LegalLastName, c.Participant.LegalFirstName, "M1", icn,
        c.Lines.OrderBy(l => l.Number).Select(l => new LineAnswer(l, l.Amount - 10m - share, [new Adjustment("CO", "45", 10m), new Adjustment("PR", "2", share)])).ToList());

    private async Task<Payer> OtherPayerAsync(Claim claim)
    {
        await using var s = app.Db();
        return await s.Context.Set<Payer>().AsNoTracking().Where(p => p.Id != claim.PayerId && p.Kind == PayerKind.Commercial).OrderBy(p => p.Name).FirstAsync();
    }

    private static async Task AddSecondaryAsync(HttpClient api, Claim claim, Payer payer, DateOnly from, DateOnly? to = null)
    {
        var response = await api.PostAsJsonAsync($"/api/participants/{claim.ParticipantId}/coverages",
            new { payerId = payer.Id, rank = "secondary", memberId = "SEC" + claim.Number[^6..], effectiveFrom = from, effectiveTo = to, verifiedOn = from });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_primary_835_bills_the_share_to_the_secondary_whose_837_repeats_the_primary_answer_and_whose_835_books_the_rest()
    {
        var (claims, clinic) = await AwaitingAsync(app, 1);
        var primary = claims[0];
        var secondaryPayer = await OtherPayerAsync(primary);
        var api = await app.ApiAsync(Roles.Billing);
        await AddSecondaryAsync(api, primary, secondaryPayer, primary.From.AddDays(-60));
        var n = primary.Lines.Count;

        // The primary pays, less 10 contractual and 5 coinsurance a line: the 5s become the secondary claim, not an account entry.
        var era = Era835Writer.Write(primary.Payer!.Name, "999999999", clinic.Name, clinic.Npi, "EFT-COB-P1", new DateOnly(2026, 12, 5), [Paid(primary, 5m, "ICN-P-" + primary.Number)], 881001);
        var posted = await Json.ReadAsync(await BillingApiTests.Post(api, era));
        Assert.Equal(1, (int)posted["posted"]!);
        Assert.Equal(1, (int)posted["secondary"]!);
        Guid secondaryId;
        await using (var s = app.Db())
        {
            var p = await s.Context.Set<Claim>().AsNoTracking().FirstAsync(c => c.Id == primary.Id);
            Assert.Equal(ClaimStatus.Paid, p.Status);
            Assert.Equal(0m, p.Balance);
            secondaryId = p.SecondaryClaimId ?? throw new Xunit.Sdk.XunitException("no secondary claim was made");
            var sec = await s.Context.Set<Claim>().AsNoTracking().Include(c => c.Lines).FirstAsync(c => c.Id == secondaryId);
            Assert.Equal((primary.Id, secondaryPayer.Id, ClaimStatus.Ready), (sec.PrimaryClaimId!.Value, sec.PayerId, sec.Status));
            Assert.Equal(primary.Lines.OrderBy(l => l.Number).Select(l => (l.Number, l.Code, l.Amount, l.ServiceDate)), sec.Lines.OrderBy(l => l.Number).Select(l => (l.Number, l.Code, l.Amount, l.ServiceDate)));
            Assert.Equal(primary.Total, sec.Total);
            Assert.Equal(5m * n, sec.Balance);
            Assert.Empty(await s.Context.Set<AccountEntry>().Where(e => e.ClaimId == primary.Id || e.ClaimId == secondaryId).ToListAsync());
        }
        var detail = await Json.ReadAsync(await api.GetAsync($"/api/claims/{secondaryId}"));
        Assert.Equal("secondary", (string)detail["claim"]!["sequence"]!);
        Assert.Equal(primary.Id.ToString(), (string)detail["claim"]!["primaryClaimId"]!);
        Assert.Equal(5m * n, (decimal)detail["claim"]!["balance"]!);
        var primaryDetail = await Json.ReadAsync(await api.GetAsync($"/api/claims/{primary.Id}"));
        Assert.Equal(secondaryId.ToString(), (string)primaryDetail["claim"]!["secondaryClaimId"]!);
        var page = await (await app.PagesAsync(Roles.Billing)).Http.GetStringAsync($"/billing/claims/{secondaryId}");
        Assert.Contains("Secondary claim (coordination of benefits)", page);
        Assert.Contains($"/billing/claims/{primary.Id}", page);

        // Sent: the 837 names the secondary payer (SBR01 S) and repeats the primary's answer, by the independent checker.
        var sent = await api.PostAsJsonAsync("/api/claims/send", new { claimIds = new[] { secondaryId } });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var x12 = await (await api.GetAsync($"/api/claims/{secondaryId}/x12")).Content.ReadAsStringAsync();
        var check = await X12Check.RunAsync(x12);
        Assert.True((bool)check["ok"]!, check.ToJsonString());
        var parsed = Assert.Single(check["claims"]!.AsArray())!;
        Assert.Equal("S", (string)parsed["sequence"]!);
        var other = Assert.Single(parsed["otherPayers"]!.AsArray())!;
        Assert.Equal(("P", primary.Payer.FilingIndicator, primary.Payer.PayerId), ((string)other["sequence"]!, (string)other["filing"]!, (string)other["payerId"]!));
        Assert.Equal(primary.Total - 15m * n, (decimal)other["paid"]!);
        Assert.Equal(15m * n, (decimal)other["lineAdjustments"]!);
        Assert.Equal(n, (int)other["lines"]!);
        Assert.Equal("20261205", (string)other["adjudicated"]!);

        // The secondary pays 3 of each 5 and leaves 2 to the participant: only now does the account owe.
        await using (var s = app.Db())
        {
            var sec = await s.Context.Set<Claim>().AsNoTracking().Include(c => c.Lines).Include(c => c.Participant).Include(c => c.Payer).FirstAsync(c => c.Id == secondaryId);
            var answer = new ClaimAnswer(sec, "2", sec.Participant!.LegalLastName, sec.Participant.LegalFirstName, "SEC1", "ICN-S-" + sec.Number,
                sec.Lines.OrderBy(l => l.Number).Select(l => new LineAnswer(l, 3m, [new Adjustment("OA", "23", l.Amount - 5m), new Adjustment("PR", "3", 2m)])).ToList());
            var secondEra = Era835Writer.Write(secondaryPayer.Name, "888888888", clinic.Name, clinic.Npi, "EFT-COB-S1", new DateOnly(2026, 12, 12), [answer], 881002);
            var second = await Json.ReadAsync(await BillingApiTests.Post(api, secondEra));
            Assert.Equal((1, 0, 0), ((int)second["posted"]!, (int)second["denied"]!, (int)second["secondary"]!));
        }
        await using (var s = app.Db())
        {
            var sec = await s.Context.Set<Claim>().AsNoTracking().FirstAsync(c => c.Id == secondaryId);
            Assert.Equal((ClaimStatus.Paid, 3m * n, 2m * n, 0m, 0m), (sec.Status, sec.Paid, sec.PatientResponsibility, sec.Adjusted, sec.Balance));
            var entries = await s.Context.Set<AccountEntry>().Where(e => e.ClaimId == primary.Id || e.ClaimId == secondaryId).ToListAsync();
            var entry = Assert.Single(entries);
            Assert.Equal((secondaryId, 2m * n), (entry.ClaimId!.Value, entry.Amount));
        }
        var balance = await Json.ReadAsync(await api.GetAsync($"/api/participants/{primary.ParticipantId}/balance"));
        Assert.Contains(balance["entries"]!.AsArray(), e => (decimal)e!["amount"]! == 2m * n);
        // The prior payer's impact (OA-23) is no denial.
        var denials = (await Json.ReadAsync(await api.GetAsync("/api/reports/denials"))).AsArray();
        Assert.DoesNotContain(denials, d => (string)d!["reason"]! == "OA-23");
    }

    [Fact]
    public async Task Without_a_secondary_active_on_every_date_of_the_claim_the_share_goes_to_the_account()
    {
        var (claims, clinic) = await AwaitingAsync(app, 3);
        var (notYet, lapsed, none) = (claims[0], claims[1], claims[2]);
        var api = await app.ApiAsync(Roles.Billing);
        await AddSecondaryAsync(api, notYet, await OtherPayerAsync(notYet), notYet.To.AddDays(1));
        await AddSecondaryAsync(api, lapsed, await OtherPayerAsync(lapsed), lapsed.From.AddDays(-90), lapsed.From.AddDays(-1));
        var answers = new[] { notYet, lapsed, none }.Select(c => Paid(c, 4m, "ICN-N-" + c.Number)).ToList();
        var posted = 0;
        foreach (var (answer, i) in answers.Select((a, i) => (a, i)))
        {
            var era = Era835Writer.Write(answer.Claim.Payer!.Name, "999999999", clinic.Name, clinic.Npi, $"EFT-COB-N{i}", new DateOnly(2026, 12, 6), [answer], 881010 + i);
            var result = await Json.ReadAsync(await BillingApiTests.Post(api, era));
            Assert.Equal(0, (int)result["secondary"]!);
            posted += (int)result["posted"]!;
        }
        Assert.Equal(3, posted);
        await using var s = app.Db();
        foreach (var c in new[] { notYet, lapsed, none })
        {
            var after = await s.Context.Set<Claim>().AsNoTracking().FirstAsync(x => x.Id == c.Id);
            Assert.Null(after.SecondaryClaimId);
            Assert.False(await s.Context.Set<Claim>().AnyAsync(x => x.PrimaryClaimId == c.Id));
            Assert.Equal(4m * c.Lines.Count, Assert.Single(await s.Context.Set<AccountEntry>().Where(e => e.ClaimId == c.Id).ToListAsync()).Amount);
        }
    }

    [Fact]
    public async Task The_demo_billed_a_dual_eligibles_medicare_coinsurance_to_medicaid_and_its_837_passes_the_checker()
    {
        await using var s = app.Db();
        // The demo's dual eligibles (the other tests here bill commercial secondaries).
        var secondaries = await s.Context.Set<Claim>().AsNoTracking().Include(c => c.Payer).Where(c => c.PrimaryClaimId != null && c.Payer!.Kind == PayerKind.Medicaid).ToListAsync();
        Assert.NotEmpty(secondaries);
        var primaryIds = secondaries.Select(c => c.PrimaryClaimId!.Value).ToList();
        Assert.All(await s.Context.Set<Claim>().AsNoTracking().Include(c => c.Payer).Where(c => primaryIds.Contains(c.Id)).ToListAsync(), p =>
        {
            Assert.Equal(PayerKind.Medicare, p.Payer!.Kind);
            Assert.Equal(ClaimStatus.Paid, p.Status);
            Assert.True(p.PatientResponsibility > 0);
        });
        Assert.All(secondaries, c => Assert.True(c.Balance > 0 && c.Balance < c.Total, $"{c.Number} owes {c.Balance} of {c.Total}"));
        // The shares went to Medicaid, not to the participants' accounts.
        Assert.False(await s.Context.Set<AccountEntry>().AnyAsync(e => e.ClaimId != null && primaryIds.Contains(e.ClaimId.Value)));
        var sent = secondaries.Where(c => c.FileId != null).ToList();
        Assert.NotEmpty(sent);
        var api = await app.ApiAsync(Roles.Billing);
        foreach (var fileId in sent.Select(c => c.FileId!.Value).Distinct())
        {
            var check = await X12Check.RunAsync(await (await api.GetAsync($"/api/claim-files/{fileId}")).Content.ReadAsStringAsync());
            Assert.True((bool)check["ok"]!, check.ToJsonString());
            var numbers = sent.Select(c => c.Number).ToHashSet();
            var cob = check["claims"]!.AsArray().Where(c => numbers.Contains((string)c!["pcn"]!)).ToList();
            Assert.NotEmpty(cob);
            Assert.All(cob, c => Assert.Equal("MA", (string)Assert.Single(c!["otherPayers"]!.AsArray())!["filing"]!));
        }
    }
}
