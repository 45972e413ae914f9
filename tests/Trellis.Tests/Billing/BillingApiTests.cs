using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Payers;

namespace Trellis.Tests.Billing;

/// <summary>The contract other tools depend on, against the demo's month of billing, on both databases.</summary>
public class BillingApiTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Claims_list_answers_the_contract_and_refuses_bad_paging()
    {
        var api = await app.ApiAsync(Roles.Billing);
        var page = await Json.ReadAsync(await api.GetAsync("/api/claims?pageSize=5&page=1"));
        var items = page["items"]!.AsArray();
        Assert.InRange(items.Count, 1, 5);
        var first = items[0]!;
        foreach (var field in new[] { "id", "claimNumber", "type", "payerName", "participantId", "from", "to", "status", "total" }) Assert.NotNull(first[field]);
        Assert.Contains((string)first["type"]!, new[] { "institutional", "professional" });
        Assert.True((int)page["total"]! >= items.Count);

        var paid = await Json.ReadAsync(await api.GetAsync("/api/claims?status=paid"));
        Assert.All(paid["items"]!.AsArray(), i => Assert.Equal("paid", (string)i!["status"]!));
        var problem = await Json.ProblemAsync(await api.GetAsync("/api/claims?status=lost"), 400);
        Assert.Contains("partly_paid", (string)problem["detail"]!);
        await Json.ProblemAsync(await api.GetAsync("/api/claims?pageSize=500"), 400);
    }

    [Fact]
    public async Task Charges_carry_their_hold_reasons_and_the_demo_holds_for_each_reason()
    {
        var api = await app.ApiAsync(Roles.Billing);
        var held = await AllChargesAsync(api, "status=held");
        Assert.NotEmpty(held);
        Assert.All(held, c =>
        {
            Assert.Equal("held", (string)c!["status"]!);
            Assert.NotEmpty(c["holdReasons"]!.AsArray());
            Assert.All(c["holdReasons"]!.AsArray(), h => { Assert.False(string.IsNullOrWhiteSpace((string)h!["code"]!)); Assert.False(string.IsNullOrWhiteSpace((string)h["text"]!)); });
        });
        var codes = held.SelectMany(c => c!["holdReasons"]!.AsArray().Select(h => (string)h!["code"]!)).ToHashSet();
        foreach (var reason in new[] { HoldReasons.NoteUnsigned, HoldReasons.NoAuthorization, HoldReasons.AuthorizationUsedUp, HoldReasons.NoCoverage, HoldReasons.Part2NoConsent, HoldReasons.LicenceExpired })
            Assert.Contains(reason, codes);
        var mine = (await Json.ReadAsync(await api.GetAsync($"/api/charges?participantId={held[0]!["participantId"]}")))["items"]!.AsArray();
        Assert.All(mine, c => Assert.Equal((string)held[0]!["participantId"]!, (string)c!["participantId"]!));
        await Json.ProblemAsync(await api.GetAsync("/api/charges?status=maybe"), 400);
    }

    /// <summary>Every charge the filter matches, page by page, checking each page's total and size as it goes.</summary>
    public static async Task<List<System.Text.Json.Nodes.JsonNode>> AllChargesAsync(HttpClient api, string filter)
    {
        var all = new List<System.Text.Json.Nodes.JsonNode>();
        int? total = null;
        for (var page = 1; total is null || all.Count < total; page++)
        {
            var body = await Json.ReadAsync(await api.GetAsync($"/api/charges?{filter}&page={page}&pageSize=200"));
            total ??= (int)body["total"]!;
            Assert.Equal(total, (int)body["total"]!);
            Assert.Equal(page, (int)body["page"]!);
            var items = body["items"]!.AsArray();
            Assert.Equal(Math.Min(200, total.Value - all.Count), items.Count);
            all.AddRange(items.Select(i => i!));
        }
        return all;
    }

    [Fact]
    public async Task Charges_are_paged_with_a_total_past_any_cap_and_bad_paging_is_refused()
    {
        var api = await app.ApiAsync(Roles.Billing);
        await using var s = app.Db();
        var count = await s.Context.Set<Charge>().CountAsync();
        var first = await Json.ReadAsync(await api.GetAsync("/api/charges"));
        Assert.Equal((1, 50, count), ((int)first["page"]!, (int)first["pageSize"]!, (int)first["total"]!));
        Assert.Equal(Math.Min(50, count), first["items"]!.AsArray().Count);
        var all = await AllChargesAsync(api, "");
        Assert.Equal(count, all.Select(c => (string)c["id"]!).Distinct().Count());
        var dates = all.Select(c => DateOnly.Parse((string)c["serviceDate"]!)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        var past = await Json.ReadAsync(await api.GetAsync($"/api/charges?page={count / 50 + 2}"));
        Assert.Empty(past["items"]!.AsArray());
        Assert.Equal(count, (int)past["total"]!);
        foreach (var bad in new[] { "page=0", "page=x", "pageSize=0", "pageSize=201", "pageSize=1000" })
        {
            var problem = await Json.ProblemAsync(await api.GetAsync("/api/charges?" + bad), 400);
            Assert.True(problem["errors"]!.AsObject().ContainsKey(bad.Split('=')[0]), problem.ToJsonString());
        }
    }

    [Fact]
    public async Task Nothing_on_a_claim_is_held_for_a_reason_that_forbids_it()
    {
        await using var s = app.Db();
        var onClaims = await s.Context.Set<ClaimLine>().Select(l => l.ChargeId).Distinct().ToListAsync();
        var charges = await s.Context.Set<Charge>().Where(c => onClaims.Contains(c.Id)).ToListAsync();
        Assert.NotEmpty(charges);
        Assert.All(charges, c => Assert.All(c.Holds, h => Assert.True(HoldReasons.Releasable(h.Code) && c.ReleasedAt is not null, $"{c.Id} on a claim while held: {h.Text}")));

        var api = await app.ApiAsync(Roles.Billing);
        var unsigned = (await Json.ReadAsync(await api.GetAsync("/api/charges?status=held")))["items"]!.AsArray()
            .First(c => c!["holdReasons"]!.AsArray().Any(h => (string)h!["code"]! == HoldReasons.NoteUnsigned))!;
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/charges/{unsigned["id"]}/release") { Content = JsonContent.Create(new { reason = "The clinician says the note is written." }) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{unsigned["version"]}\"");
        var refused = await Json.ProblemAsync(await api.SendAsync(request), 409);
        Assert.Contains("not signed", (string)refused["detail"]!);
    }

    [Fact]
    public async Task A_claims_837_follows_the_guide_by_an_independent_parser_and_control_numbers_grow()
    {
        var api = await app.ApiAsync(Roles.Billing);
        await using var s = app.Db();
        var medicare = await s.Context.Set<Claim>().Where(c => c.Payer!.TiersByServiceCount && c.Status != ClaimStatus.Draft).Select(c => c.Id).FirstAsync();
        var professional = await s.Context.Set<Claim>().Where(c => c.Type == ClaimType.Professional && c.Status != ClaimStatus.Draft).Select(c => c.Id).FirstAsync();

        var first = await api.GetAsync($"/api/claims/{medicare}/x12");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/edi-x12", first.Content.Headers.ContentType!.MediaType);
        var text = await first.Content.ReadAsStringAsync();
        var check = await X12Check.RunAsync(text);
        Assert.True((bool)check["ok"]!, check.ToJsonString());
        var claim = Assert.Single(check["claims"]!.AsArray())!;
        Assert.Equal("13", (string)claim["facility"]!);
        Assert.Contains((string)claim["frequency"]!, new[] { "1", "2", "3", "4" });
        Assert.Contains("92", claim["conditions"]!.AsArray().Select(c => (string)c!));
        Assert.Equal((decimal)claim["total"]!, (decimal)claim["sum"]!);

        var second = await api.GetAsync($"/api/claims/{professional}/x12");
        var pcheck = await X12Check.RunAsync(await second.Content.ReadAsStringAsync());
        Assert.True((bool)pcheck["ok"]!, pcheck.ToJsonString());
        Assert.True((bool)pcheck["claims"]![0]!["pointers"]!);
        Assert.True(ControlNumber(await second.Content.ReadAsStringAsync()) > ControlNumber(text), "each file takes the next interchange control number");
    }

    private static long ControlNumber(string x12) => long.Parse(x12.Split('*')[13]);

    [Fact]
    public async Task A_remittance_that_does_not_parse_names_the_segment_and_element_and_posts_nothing()
    {
        var api = await app.ApiAsync(Roles.Billing);
        await using var s = app.Db();
        var before = await s.Context.Set<Web.Features.Billing.Remittances.Remittance>().CountAsync();
        var paidBefore = await s.Context.Set<Claim>().SumAsync(c => (double)c.Paid);
        const string bad = "ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *261118*1200*^*00501*000000042*0*P*:~" +
            "GS*HP*PAYER*CLINIC*20261118*1200*42*X*005010X221A1~ST*835*0001*005010X221A1~BPR*I*100.00*C*ACH*CCP***********20261118~TRN*1*EFT1*1999~" +
            "N1*PR*SOME PAYER~N1*PE*CLINIC*XX*1234567893~LX*1~CLP*TC00000001*1*abc*100*0*12*X*11*1~SE*8*0001~GE*1*42~IEA*1*000000042~";
        var problem = await Json.ProblemAsync(await Post(api, bad), 400);
        Assert.Equal("CLP", (string)problem["segment"]!);
        Assert.Equal("CLP03", (string)problem["element"]!);
        Assert.Contains("not a number", (string)problem["detail"]!);

        var miscounted = bad.Replace("CLP*TC00000001*1*abc", "CLP*TC00000001*1*100").Replace("SE*8*", "SE*9*");
        var count = await Json.ProblemAsync(await Post(api, miscounted), 400);
        Assert.Equal("SE01", (string)count["element"]!);

        await using var after = app.Db();
        Assert.Equal(before, await after.Context.Set<Web.Features.Billing.Remittances.Remittance>().CountAsync());
        Assert.Equal(paidBefore, await after.Context.Set<Claim>().SumAsync(c => (double)c.Paid));
        var wrongType = await api.PostAsync("/api/remittances", new StringContent("{}", Encoding.UTF8, "application/json"));
        await Json.ProblemAsync(wrongType, 415);
    }

    public static Task<HttpResponseMessage> Post(HttpClient api, string x12) =>
        api.PostAsync("/api/remittances", new StringContent(x12, Encoding.UTF8, "application/edi-x12"));

    [Fact]
    public async Task The_demo_has_a_denial_to_work_a_participant_with_a_balance_and_an_aging_report()
    {
        var api = await app.ApiAsync(Roles.Billing);
        var denials = (await Json.ReadAsync(await api.GetAsync("/api/claims/denials")))["items"]!.AsArray();
        Assert.NotEmpty(denials);
        await using var s = app.Db();
        var owing = await s.Context.Set<Web.Features.Billing.Accounts.AccountEntry>().GroupBy(e => e.ParticipantId)
            .Select(g => new { g.Key, Sum = g.Sum(e => (double)e.Amount) }).Where(g => g.Sum > 0).Select(g => g.Key).FirstAsync();
        var balance = await Json.ReadAsync(await api.GetAsync($"/api/participants/{owing}/balance"));
        Assert.True((decimal)balance["amount"]! > 0);
        Assert.Equal((decimal)balance["amount"]!, balance["entries"]!.AsArray().Sum(e => (decimal)e!["amount"]!));

        var csv = await api.GetAsync("/api/reports/ar-aging?format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Payer,Days0To30,Days31To60,Days61To90,Over90,Total,Claims", lines[0]);
        Assert.True(lines.Length > 1);
        var json = (await Json.ReadAsync(await api.GetAsync("/api/reports/ar-aging"))).AsArray();
        Assert.All(json, r => Assert.Equal((decimal)r!["total"]!, (decimal)r["days0To30"]! + (decimal)r["days31To60"]! + (decimal)r["days61To90"]! + (decimal)r["over90"]!));
        foreach (var report in new[] { "denials", "by-month", "held-charges" })
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/reports/{report}?format=csv")).StatusCode);
        await Json.ProblemAsync(await api.GetAsync("/api/reports/denials?format=pdf"), 400);
    }

    [Fact]
    public async Task Payers_are_validated_and_updates_need_the_version()
    {
        var api = await app.ApiAsync(Roles.Billing);
        var invalid = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/payers", new { name = "", payerId = "!", tiersByServiceCount = true }), 400);
        var errors = invalid["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("name") && errors.ContainsKey("payerId") && errors.ContainsKey("kind"), invalid.ToJsonString());
        var body = new { name = "Riverbend Health Alliance", payerId = "RVBHA", kind = "commercial", claimType = "professional", method = "per_service", filingIndicator = "CI", minimumMinutesForPerDiem = 0 };
        var created = await api.PostAsJsonAsync("/api/payers", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await Json.ReadAsync(created))["id"]!;
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/payers/{id}", body, null), 428);
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/payers/{id}", body, "\"7\""), 412);
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync($"/api/payers/{id}", body with { name = "Riverbend Health" }, created.Headers.ETag!.Tag)).StatusCode);
        var clinician = await app.ApiAsync(Roles.Clinician);
        await Json.ProblemAsync(await clinician.PostAsJsonAsync("/api/payers", body), 403);
    }
}
