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
/// 835 reversals (CLP02 22) on both databases: a reversal and the corrected payment after it replace the earlier
/// posting on the claim, its lines and the participant's account, keeping every posting as history; a reversal of a
/// payment never posted (or already reversed) is listed unposted with its reason, and so is the correction after
/// it; an unsent secondary claim made from the reversed answer is voided and made again from the correction.
/// </summary>
public class RemittanceReversalTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    /// <summary>
    /// Demo claims the demo left awaiting an answer, one per participant, of participants the demo gave no secondary
    /// coverage, in claim-number order. The list stays the same whatever this class's tests posted before (their
    /// traces start EFT-REV, their secondary coverages' member ids SEC), so each test's claims are its own in any order.
    /// </summary>
    private static async Task<(List<Claim> Claims, BillingIdentity Clinic)> AwaitingAsync(TrellisFactory app, int count)
    {
        await using var s = app.Db();
        var dual = await s.Context.Set<PayerCoverage>().Where(c => c.Rank == CoverageRank.Secondary && (c.MemberId == null || !c.MemberId.StartsWith("SEC"))).Select(c => c.ParticipantId).ToListAsync();
        var ours = await s.Context.Set<Remittance>().Where(r => r.TraceNumber.StartsWith("EFT-REV")).Select(r => r.Id).ToListAsync();
        var answered = await s.Context.Set<RemittanceClaim>().Where(r => !ours.Contains(r.RemittanceId)).Select(r => r.ClaimId).ToListAsync();
        var claims = (await s.Context.Set<Claim>().AsNoTracking().Include(c => c.Lines).Include(c => c.Participant).Include(c => c.Payer)
            .Where(c => (c.Status == ClaimStatus.Sent || c.Status == ClaimStatus.Paid) && c.FileId != null && c.ReplacedByClaimId == null && c.PrimaryClaimId == null
                && !answered.Contains(c.Id) && !dual.Contains(c.ParticipantId))
            .OrderBy(c => c.Number).ToListAsync()).DistinctBy(c => c.ParticipantId).ToList();
        Assert.True(claims.Count >= count, $"the demo leaves {claims.Count} participants' claims awaiting an answer; {count} needed");
        return (claims, await s.Context.Set<BillingIdentity>().AsNoTracking().FirstAsync());
    }

    /// <summary>An answer paying each line less 10 contractual (CO-45) and <paramref name="share"/> coinsurance (PR-2); negated as a reversal.</summary>
    private static ClaimAnswer Answer(Claim c, string status, decimal share, string icn)
    {
        var sign = status == "22" ? -1 : 1;
        return new(c, status, c.Participant!.LegalLastName, c.Participant.LegalFirstName, "M1", icn, c.Lines.OrderBy(l => l.Number)
            .Select(l => new LineAnswer(l, sign * (l.Amount - 10m - share), [new Adjustment("CO", "45", sign * 10m), new Adjustment("PR", "2", sign * share)])).ToList());
    }

    private static string Era(Claim c, BillingIdentity clinic, string trace, DateOnly on, long control, params ClaimAnswer[] answers) =>
        Era835Writer.Write(c.Payer!.Name, "999999999", clinic.Name, clinic.Npi, trace, on, answers, control);

    [Fact]
    public async Task A_reversal_and_the_corrected_payment_replace_the_earlier_posting_and_keep_its_history()
    {
        var (claims, clinic) = await AwaitingAsync(app, 1);
        var c = claims[0];
        var n = c.Lines.Count;
        var api = await app.ApiAsync(Roles.Billing);
        var first = await Json.ReadAsync(await BillingApiTests.Post(api, Era(c, clinic, "EFT-REV-1", new DateOnly(2026, 12, 1), 882001, Answer(c, "1", 5m, "ICN-1-" + c.Number))));
        Assert.Equal(1, (int)first["posted"]!);

        // The payer takes the first answer back and pays again with a 7 coinsurance a line instead of 5.
        var file = Era(c, clinic, "EFT-REV-2", new DateOnly(2026, 12, 15), 882002, Answer(c, "22", 5m, "ICN-1-" + c.Number), Answer(c, "1", 7m, "ICN-2-" + c.Number));
        Assert.Contains($"CLP*{c.Number}*22*-", file);
        var second = await Json.ReadAsync(await BillingApiTests.Post(api, file));
        Assert.Equal((1, 1, 0), ((int)second["reversed"]!, (int)second["posted"]!, (int)second["unmatched"]!));

        await using (var s = app.Db())
        {
            var after = await s.Context.Set<Claim>().AsNoTracking().Include(x => x.Lines).FirstAsync(x => x.Id == c.Id);
            Assert.Equal((ClaimStatus.Paid, c.Total - 17m * n, 10m * n, 7m * n, 0m), (after.Status, after.Paid, after.Adjusted, after.PatientResponsibility, after.Balance));
            Assert.Equal("ICN-2-" + c.Number, after.PayerClaimNumber);
            Assert.All(after.Lines, l => Assert.Equal((l.Amount - 17m, 10m, 7m, false), (l.Paid, l.Adjusted, l.PatientResponsibility, l.Denied)));
            // History: the first posting (marked reversed), the reversal and the correction; the account adds up to the new share.
            var postings = await s.Context.Set<RemittanceClaim>().AsNoTracking().Where(r => r.ClaimId == c.Id).ToListAsync();
            Assert.Equal(3, postings.Count);
            var reversal = Assert.Single(postings, p => p.StatusCode == "22");
            Assert.Equal(reversal.Id, Assert.Single(postings, p => p.PayerClaimNumber == "ICN-1-" + c.Number && p.StatusCode == "1").ReversedById);
            var entries = await s.Context.Set<AccountEntry>().AsNoTracking().Where(e => e.ClaimId == c.Id).OrderBy(e => e.Amount).Select(e => e.Amount).ToListAsync();
            Assert.Equal(new[] { -5m * n, 5m * n, 7m * n }, entries);
        }
        var balance = await Json.ReadAsync(await api.GetAsync($"/api/participants/{c.ParticipantId}/balance"));
        Assert.Contains(balance["entries"]!.AsArray(), e => (decimal)e!["amount"]! == -5m * n && ((string)e["description"]!).Contains("took back"));
        var detail = await Json.ReadAsync(await api.GetAsync($"/api/remittances/{first["id"]}"));
        Assert.True((bool)detail["claims"]![0]!["reversed"]!);
        var page = await (await app.PagesAsync(Roles.Billing)).Http.GetStringAsync($"/billing/remittances/{second["id"]}");
        Assert.Contains("Reversal of previous payment", page);

        // The same payment again is refused whole; a second reversal of the answer already taken back posts nothing.
        await Json.ProblemAsync(await BillingApiTests.Post(api, file), 409);
        var again = await Json.ReadAsync(await BillingApiTests.Post(api, Era(c, clinic, "EFT-REV-3", new DateOnly(2026, 12, 20), 882003, Answer(c, "22", 5m, "ICN-1-" + c.Number))));
        Assert.Equal((0, 1), ((int)again["reversed"]!, (int)again["unmatched"]!));
        var unposted = (await Json.ReadAsync(await api.GetAsync($"/api/remittances/{again["id"]}")))["unmatchedClaims"]![0]!;
        Assert.Contains("already reversed", (string)unposted["reason"]!);
        await using var check = app.Db();
        Assert.Equal(c.Total - 17m * n, (await check.Context.Set<Claim>().AsNoTracking().FirstAsync(x => x.Id == c.Id)).Paid);
    }

    [Fact]
    public async Task A_reversal_of_a_payment_never_posted_is_listed_with_its_reason_and_the_correction_after_it_waits_too()
    {
        var (claims, clinic) = await AwaitingAsync(app, 3);
        var (c, other) = (claims[1], claims[2]);
        var api = await app.ApiAsync(Roles.Billing);
        var file = Era(c, clinic, "EFT-REV-NEVER", new DateOnly(2026, 12, 16), 882010,
            Answer(c, "22", 5m, "ICN-X-" + c.Number), Answer(c, "1", 7m, "ICN-Y-" + c.Number), Answer(other, "1", 0m, "ICN-O-" + other.Number));
        var response = await BillingApiTests.Post(api, file);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posted = await Json.ReadAsync(response);
        Assert.Equal((0, 1, 2), ((int)posted["reversed"]!, (int)posted["posted"]!, (int)posted["unmatched"]!));
        var unposted = (await Json.ReadAsync(await api.GetAsync($"/api/remittances/{posted["id"]}")))["unmatchedClaims"]!.AsArray();
        Assert.Contains("never posted here", (string)unposted[0]!["reason"]!);
        Assert.Contains("follows the reversal", (string)unposted[1]!["reason"]!);
        var page = await (await app.PagesAsync(Roles.Billing)).Http.GetStringAsync($"/billing/remittances/{posted["id"]}");
        Assert.Contains("never posted here", page);

        await using var s = app.Db();
        var after = await s.Context.Set<Claim>().AsNoTracking().FirstAsync(x => x.Id == c.Id);
        Assert.Equal((ClaimStatus.Sent, 0m, 0m, 0m), (after.Status, after.Paid, after.Adjusted, after.PatientResponsibility));
        Assert.False(await s.Context.Set<AccountEntry>().AnyAsync(e => e.ClaimId == c.Id));
        Assert.False(await s.Context.Set<RemittanceClaim>().AnyAsync(r => r.ClaimId == c.Id));
        Assert.Equal(ClaimStatus.Paid, (await s.Context.Set<Claim>().AsNoTracking().FirstAsync(x => x.Id == other.Id)).Status);
    }

    [Fact]
    public async Task Reversing_a_primary_answer_voids_its_unsent_secondary_claim_and_the_correction_makes_it_again()
    {
        var (claims, clinic) = await AwaitingAsync(app, 4);
        var c = claims[3];
        var n = c.Lines.Count;
        var api = await app.ApiAsync(Roles.Billing);
        Payer secondaryPayer;
        await using (var s = app.Db())
            secondaryPayer = await s.Context.Set<Payer>().AsNoTracking().Where(p => p.Id != c.PayerId && p.Kind == PayerKind.Commercial).OrderBy(p => p.Name).FirstAsync();
        var coverage = await api.PostAsJsonAsync($"/api/participants/{c.ParticipantId}/coverages",
            new { payerId = secondaryPayer.Id, rank = "secondary", memberId = "SEC" + c.Number[^6..], effectiveFrom = c.From.AddDays(-60), verifiedOn = c.From.AddDays(-60) });
        Assert.Equal(HttpStatusCode.Created, coverage.StatusCode);

        var first = await Json.ReadAsync(await BillingApiTests.Post(api, Era(c, clinic, "EFT-REV-COB-1", new DateOnly(2026, 12, 2), 882020, Answer(c, "1", 5m, "ICN-C1-" + c.Number))));
        Assert.Equal(1, (int)first["secondary"]!);
        Guid firstSecondary;
        await using (var s = app.Db()) firstSecondary = (await s.Context.Set<Claim>().AsNoTracking().FirstAsync(x => x.Id == c.Id)).SecondaryClaimId!.Value;

        var second = await Json.ReadAsync(await BillingApiTests.Post(api, Era(c, clinic, "EFT-REV-COB-2", new DateOnly(2026, 12, 16), 882021,
            Answer(c, "22", 5m, "ICN-C1-" + c.Number), Answer(c, "1", 8m, "ICN-C2-" + c.Number))));
        Assert.Equal((1, 1, 1), ((int)second["reversed"]!, (int)second["posted"]!, (int)second["secondary"]!));
        await using (var s = app.Db())
        {
            var primary = await s.Context.Set<Claim>().AsNoTracking().FirstAsync(x => x.Id == c.Id);
            Assert.Equal(ClaimStatus.Void, (await s.Context.Set<Claim>().AsNoTracking().FirstAsync(x => x.Id == firstSecondary)).Status);
            Assert.NotEqual(firstSecondary, primary.SecondaryClaimId);
            var made = await s.Context.Set<Claim>().AsNoTracking().FirstAsync(x => x.Id == primary.SecondaryClaimId);
            Assert.Equal((ClaimStatus.Ready, 8m * n), (made.Status, made.Balance));
            Assert.False(await s.Context.Set<AccountEntry>().AnyAsync(e => e.ClaimId == c.Id));
        }
        // Sent, its 837 repeats the corrected answer, not the reversed one, by the independent checker.
        await using (var s = app.Db())
        {
            var madeId = (await s.Context.Set<Claim>().AsNoTracking().FirstAsync(x => x.Id == c.Id)).SecondaryClaimId!.Value;
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync("/api/claims/send", new { claimIds = new[] { madeId } })).StatusCode);
            var check = await X12Check.RunAsync(await (await api.GetAsync($"/api/claims/{madeId}/x12")).Content.ReadAsStringAsync());
            Assert.True((bool)check["ok"]!, check.ToJsonString());
            Assert.Equal(c.Total - 18m * n, (decimal)Assert.Single(Assert.Single(check["claims"]!.AsArray())!["otherPayers"]!.AsArray())!["paid"]!);
        }
    }
}
