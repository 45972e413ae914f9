using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Accounts;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Remittances;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Tests.Billing;

/// <summary>
/// 835 posting against the demo's primary claims still awaiting an answer (secondary claims: CoordinationOfBenefitsTests): payments and the patient's share land on
/// the claims and accounts, a second import of the same payment is refused, a denial goes to the work queue
/// and is worked off it; and every 837 file the demo sent passes the independent parser.
/// </summary>
public class RemittancePostingTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static async Task<(List<Claim> Claims, BillingIdentity Clinic)> AwaitingAsync(TrellisFactory app, int count)
    {
        await using var s = app.Db();
        var claims = await s.Context.Set<Claim>().AsNoTracking().Include(c => c.Lines).Include(c => c.Participant).Include(c => c.Payer)
            .Where(c => c.Status == ClaimStatus.Sent && c.ReplacedByClaimId == null && c.PrimaryClaimId == null).OrderBy(c => c.Number).ToListAsync();
        Assert.True(claims.Count >= count, $"the demo leaves {claims.Count} claims awaiting an answer; {count} needed");
        return (claims, await s.Context.Set<BillingIdentity>().AsNoTracking().FirstAsync());
    }

    private static ClaimAnswer Paid(Claim c, decimal share) => new(c, "1", c.Participant!.LegalLastName, c.Participant.LegalFirstName, "M1", "ICN-" + c.Number,
        c.Lines.OrderBy(l => l.Number).Select(l => new LineAnswer(l, l.Amount - 10m - share, [new Adjustment("CO", "45", 10m), new Adjustment("PR", "2", share)])).ToList());

    [Fact]
    public async Task Posting_an_835_pays_the_lines_puts_the_patients_share_on_their_account_and_is_never_posted_twice()
    {
        var (claims, clinic) = await AwaitingAsync(app, 2);
        var answers = new List<ClaimAnswer> { Paid(claims[0], 5m), Paid(claims[1], 0m) };
        var era = Era835Writer.Write("Medicare", "999999999", clinic.Name, clinic.Npi, "EFT-POST-1", new DateOnly(2026, 12, 1), answers, 880001);
        var api = await app.ApiAsync(Roles.Billing);
        var posted = await Json.ReadAsync(await BillingApiTests.Post(api, era));
        Assert.Equal(2, (int)posted["posted"]!);
        Assert.Equal(0, (int)posted["denied"]!);
        Assert.Equal(0, (int)posted["unmatched"]!);

        await using var s = app.Db();
        var first = await s.Context.Set<Claim>().Include(c => c.Lines).FirstAsync(c => c.Id == claims[0].Id);
        Assert.Equal(ClaimStatus.Paid, first.Status);
        Assert.Equal(answers[0].Paid, first.Paid);
        Assert.Equal(5m * first.Lines.Count, first.PatientResponsibility);
        Assert.Equal(0m, first.Balance);
        Assert.All(first.Lines, l => Assert.Equal(l.Amount - 15m, l.Paid));
        var share = await s.Context.Set<AccountEntry>().Where(e => e.ClaimId == first.Id).ToListAsync();
        Assert.Equal(5m * first.Lines.Count, Assert.Single(share).Amount);
        var balance = await Json.ReadAsync(await api.GetAsync($"/api/participants/{first.ParticipantId}/balance"));
        Assert.Contains(balance["entries"]!.AsArray(), e => (decimal)e!["amount"]! == 5m * first.Lines.Count);

        var again = await Json.ProblemAsync(await BillingApiTests.Post(api, era), 409);
        Assert.Contains("already imported", (string)again["detail"]!);
        await using var after = app.Db();
        Assert.Equal(answers[0].Paid, (await after.Context.Set<Claim>().FirstAsync(c => c.Id == claims[0].Id)).Paid);
        Assert.Single(await after.Context.Set<AccountEntry>().Where(e => e.ClaimId == first.Id).ToListAsync());
    }

    [Fact]
    public async Task A_claim_the_clinic_never_sent_is_reported_unmatched_and_the_rest_posts()
    {
        var (claims, clinic) = await AwaitingAsync(app, 4);
        var answer = Paid(claims[3], 0m);
        var era = Era835Writer.Write("Medicare", "999999999", clinic.Name, clinic.Npi, "EFT-UNMATCHED-1", new DateOnly(2026, 12, 2), [answer], 880002);
        var unknown = era.Replace("CLP*" + claims[3].Number + "*", "CLP*NOSUCHCLAIM*");
        var api = await app.ApiAsync(Roles.Billing);
        var posted = await Json.ReadAsync(await BillingApiTests.Post(api, unknown));
        Assert.Equal(0, (int)posted["posted"]!);
        Assert.Equal(1, (int)posted["unmatched"]!);
        var detail = await Json.ReadAsync(await api.GetAsync($"/api/remittances/{posted["id"]}"));
        Assert.Equal("NOSUCHCLAIM", (string)detail["unmatchedClaims"]![0]!["patientControlNumber"]!);
        await using var s = app.Db();
        Assert.Equal(ClaimStatus.Sent, (await s.Context.Set<Claim>().FirstAsync(c => c.Id == claims[3].Id)).Status);
    }

    [Fact]
    public async Task A_denial_lands_in_the_work_queue_with_its_reason_in_words_and_is_worked_off_it()
    {
        var (claims, clinic) = await AwaitingAsync(app, 3);
        var c = claims[2];
        var denial = new ClaimAnswer(c, "4", c.Participant!.LegalLastName, c.Participant.LegalFirstName, "M1", "ICN-D-" + c.Number,
            c.Lines.Select(l => new LineAnswer(l, 0m, [new Adjustment("CO", "197", l.Amount)])).ToList());
        var era = Era835Writer.Write(c.Payer!.Name, "999999999", clinic.Name, clinic.Npi, "EFT-DENY-1", new DateOnly(2026, 12, 3), [denial], 880003);
        var api = await app.ApiAsync(Roles.Billing);
        var posted = await Json.ReadAsync(await BillingApiTests.Post(api, era));
        Assert.Equal(1, (int)posted["denied"]!);
        var detail = await Json.ReadAsync(await api.GetAsync($"/api/remittances/{posted["id"]}"));
        var adjustment = detail["claims"]![0]!["adjustments"]!.AsArray().First()!;
        Assert.Equal("197", (string)adjustment["reason"]!);
        Assert.Contains("authorization", ((string)adjustment["reasonText"]!).ToLowerInvariant());

        var queue = (await Json.ReadAsync(await api.GetAsync("/api/claims/denials")))["items"]!.AsArray();
        var item = queue.First(i => (string)i!["id"]! == c.Id.ToString())!;
        var claim = await api.GetAsync($"/api/claims/{c.Id}");
        var etag = claim.Headers.ETag!.Tag;
        Task<HttpResponseMessage> Work(object body, string? ifMatch)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/claims/{c.Id}/work") { Content = JsonContent.Create(body) };
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return api.SendAsync(request);
        }
        await Json.ProblemAsync(await Work(new { action = "write_off", note = "Too late to appeal." }, null), 428);
        var invalid = await Json.ProblemAsync(await Work(new { action = "shred", note = "" }, etag), 400);
        Assert.True(invalid["errors"]!.AsObject().ContainsKey("action") && invalid["errors"]!.AsObject().ContainsKey("note"), invalid.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await Work(new { action = "write_off", note = "Authorization was never requested; past the appeal window." }, etag)).StatusCode);
        var after = (await Json.ReadAsync(await api.GetAsync("/api/claims/denials")))["items"]!.AsArray();
        Assert.DoesNotContain(after, i => (string)i!["id"]! == c.Id.ToString());
        Assert.NotNull(item);
        await Json.ProblemAsync(await Work(new { action = "write_off", note = "Again." }, etag), 409);
    }

    private static ClaimAnswer Denied(Claim c, string icn) => new(c, "4", c.Participant!.LegalLastName, c.Participant.LegalFirstName, "M1", icn,
        c.Lines.Select(l => new LineAnswer(l, 0m, [new Adjustment("CO", "197", l.Amount)])).ToList());

    private static async Task<decimal> AgingOfAsync(HttpClient api, string payer)
    {
        var rows = (await Json.ReadAsync(await api.GetAsync("/api/reports/ar-aging"))).AsArray();
        return rows.Where(r => (string)r!["payer"]! == payer).Sum(r => (decimal)r!["total"]!);
    }

    private static Task<HttpResponseMessage> WorkAsync(HttpClient api, Guid claimId, object body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/claims/{claimId}/work") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return api.SendAsync(request);
    }

    private static async Task<bool> QueuedAsync(HttpClient api, Guid claimId) =>
        (await Json.ReadAsync(await api.GetAsync("/api/claims/denials")))["items"]!.AsArray().Any(i => (string)i!["id"]! == claimId.ToString());

    [Fact]
    public async Task A_denied_claim_stays_in_aging_until_it_is_written_off_or_moved_to_the_participant_and_an_appeal_keeps_it_owed()
    {
        // The last two claims: the other tests here take theirs from the front, in whatever order they run.
        var (all, clinic) = await AwaitingAsync(app, 2);
        var (appealed, moved) = (all[^2], all[^1]);
        var api = await app.ApiAsync(Roles.Billing);
        var before = new Dictionary<string, decimal>();
        foreach (var payer in new[] { appealed, moved }.Select(c => c.Payer!.Name).Distinct()) before[payer] = await AgingOfAsync(api, payer);

        // A denial is not money written down: the payer still owes the whole claim, in aging and in the queue.
        var era = Era835Writer.Write(appealed.Payer!.Name, "999999999", clinic.Name, clinic.Npi, "EFT-DENY-AR-1", new DateOnly(2026, 12, 4),
            [Denied(appealed, "ICN-A-" + appealed.Number)], 880004);
        Assert.Equal(1, (int)(await Json.ReadAsync(await BillingApiTests.Post(api, era)))["denied"]!);
        era = Era835Writer.Write(moved.Payer!.Name, "999999999", clinic.Name, clinic.Npi, "EFT-DENY-AR-2", new DateOnly(2026, 12, 4),
            [Denied(moved, "ICN-M-" + moved.Number)], 880005);
        Assert.Equal(1, (int)(await Json.ReadAsync(await BillingApiTests.Post(api, era)))["denied"]!);
        foreach (var (payer, aging) in before) Assert.Equal(aging, await AgingOfAsync(api, payer));
        var claim = await Json.ReadAsync(await api.GetAsync($"/api/claims/{appealed.Id}"));
        Assert.Equal(appealed.Total, (decimal)claim["claim"]!["balance"]!);
        Assert.True(await QueuedAsync(api, appealed.Id));
        Assert.True(await QueuedAsync(api, moved.Id));

        // Appealed: off the queue, still owed by the payer.
        var etag = (await api.GetAsync($"/api/claims/{appealed.Id}")).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await WorkAsync(api, appealed.Id, new { action = "appeal", note = "Authorization was approved by phone on the day; letter attached." }, etag)).StatusCode);
        Assert.False(await QueuedAsync(api, appealed.Id));
        foreach (var (payer, aging) in before) Assert.Equal(aging, await AgingOfAsync(api, payer));

        // The appeal is denied again: back in the queue, and then written off with its reason.
        era = Era835Writer.Write(appealed.Payer!.Name, "999999999", clinic.Name, clinic.Npi, "EFT-DENY-AR-3", new DateOnly(2026, 12, 18),
            [Denied(appealed, "ICN-A-" + appealed.Number)], 880006);
        Assert.Equal(1, (int)(await Json.ReadAsync(await BillingApiTests.Post(api, era)))["denied"]!);
        Assert.True(await QueuedAsync(api, appealed.Id));
        etag = (await api.GetAsync($"/api/claims/{appealed.Id}")).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await WorkAsync(api, appealed.Id, new { action = "write_off", note = "Appeal denied; past the second-level window." }, etag)).StatusCode);
        Assert.Equal(before[appealed.Payer.Name] - appealed.Total, await AgingOfAsync(api, appealed.Payer.Name));
        claim = await Json.ReadAsync(await api.GetAsync($"/api/claims/{appealed.Id}"));
        Assert.Equal(0m, (decimal)claim["claim"]!["balance"]!);
        Assert.Contains("Appeal denied", (string)claim["workedNote"]!);

        // Moved to the participant: their account owes it, the payer no longer does.
        etag = (await api.GetAsync($"/api/claims/{moved.Id}")).Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await WorkAsync(api, moved.Id, new { action = "patient", note = "Not a covered benefit; the participant agreed to pay." }, etag)).StatusCode);
        Assert.False(await QueuedAsync(api, moved.Id));
        var expected = before[moved.Payer!.Name] - moved.Total - (moved.Payer.Name == appealed.Payer.Name ? appealed.Total : 0m);
        Assert.Equal(expected, await AgingOfAsync(api, moved.Payer.Name));
        var balance = await Json.ReadAsync(await api.GetAsync($"/api/participants/{moved.ParticipantId}/balance"));
        Assert.Contains(balance["entries"]!.AsArray(), e => (decimal)e!["amount"]! == moved.Total && ((string)e["description"]!).Contains(moved.Number));
        await using var s = app.Db();
        var after = await s.Context.Set<Claim>().FirstAsync(c => c.Id == moved.Id);
        Assert.Equal((0m, 0m, moved.Total), (after.Balance, after.Adjusted, after.PatientResponsibility));
    }

    [Fact]
    public async Task Every_837_file_the_demo_sent_follows_the_guide_by_the_independent_parser()
    {
        await using var s = app.Db();
        var files = await s.Context.Set<ClaimFile>().AsNoTracking().OrderBy(f => f.ControlNumber).ToListAsync();
        var medicare = (await s.Context.Set<Claim>().Where(c => c.Payer!.TiersByServiceCount).Select(c => c.Number).ToListAsync()).ToHashSet();
        Assert.NotEmpty(medicare);
        Assert.Contains(files, f => f.Type == Web.Features.Billing.Payers.ClaimType.Institutional);
        Assert.Contains(files, f => f.Type == Web.Features.Billing.Payers.ClaimType.Professional);
        var api = await app.ApiAsync(Roles.Billing);
        var medicareChecked = 0;
        foreach (var file in files)
        {
            var text = await (await api.GetAsync($"/api/claim-files/{file.Id}")).Content.ReadAsStringAsync();
            var check = await X12Check.RunAsync(text);
            Assert.True((bool)check["ok"]!, $"file {file.ControlNumber}: {check.ToJsonString()}");
            var parsed = check["claims"]!.AsArray();
            Assert.Equal(file.ClaimCount, parsed.Count);
            Assert.All(parsed, c => Assert.Equal((decimal)c!["total"]!, (decimal)c["sum"]!));
            if (file.Type == Web.Features.Billing.Payers.ClaimType.Professional)
            {
                Assert.All(parsed, c => Assert.True((bool)c!["pointers"]!, "every 837P line points at a diagnosis"));
                // Each line's SV107 names the claim's diagnoses on the chart by the line's date, principal first, at most 4.
                foreach (var c in parsed)
                {
                    var number = (string)c!["pcn"]!;
                    var claim = await s.Context.Set<Claim>().AsNoTracking().Include(x => x.Lines).FirstAsync(x => x.Number == number);
                    var chart = await s.Context.Set<Web.Features.Participants.Diagnosis>().AsNoTracking().Where(d => d.ParticipantId == claim.ParticipantId).ToListAsync();
                    var expected = claim.Lines.OrderBy(l => l.Number).Select(l =>
                    {
                        var on = chart.Where(d => d.DiagnosedOn == null || d.DiagnosedOn <= l.ServiceDate).OrderByDescending(d => d.IsPrimary).ThenBy(d => d.DiagnosedOn)
                            .ThenBy(d => d.Code).Select(d => claim.Diagnoses.IndexOf(d.Code) + 1).Where(i => i > 0).Distinct().Take(4).ToList();
                        return string.Join(",", on.Count > 0 ? on : [1]);
                    });
                    Assert.Equal(expected, c["linePointers"]!.AsArray().Select(p => string.Join(",", p!.AsArray().Select(x => (int)x!))));
                }
            }
            else
                // Medicare's IOP claims: hospital outpatient type of bill with condition code 92.
                medicareChecked += parsed.Count(c => medicare.Contains((string)c!["pcn"]!));
                Assert.All(parsed.Where(c => medicare.Contains((string)c!["pcn"]!)), c =>
                {
                    Assert.Equal("13", (string)c!["facility"]!);
                    Assert.Contains("92", c["conditions"]!.AsArray().Select(x => (string)x!));
                });
        }
        Assert.True(medicareChecked > 0, "no Medicare claim was in the files");
    }
}
