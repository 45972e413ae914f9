using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Claims;

namespace Trellis.Tests.Billing;

/// <summary>
/// 999 and 277CA files, written here by hand (no code shared with the app's reader) and checked by node-x12's
/// strict envelope parser: a 277CA marks claims accepted (the list, aging and pages show it) or rejected into the
/// work queue with the STC reason in words; a 999 rejecting an 837 rejects its claims with the segment and
/// element errors in words; a malformed file is refused naming the segment and element, nothing applied.
/// </summary>
public class AcknowledgmentTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static string Isa(string control, string gs01, string version, string body, int segments) =>
        $"ISA*00*          *00*          *ZZ*CLEARDEMO      *ZZ*CEDARGROVE     *261207*1200*^*00501*{control}*0*T*:~\n" +
        $"GS*{gs01}*CLEARDEMO*CEDARGROVE*20261207*1200*{long.Parse(control)}*X*{version}~\n" + body +
        $"SE*{segments + 2}*0001~\nGE*1*{long.Parse(control)}~\nIEA*1*{control}~\n";

    /// <summary>A 277CA: one HL*PT per claim with TRN*2 (its number), STC and REF*1K.</summary>
    public static string Write277(string control, IEnumerable<(string Number, string Last, string First, string Status, decimal Amount)> claims)
    {
        var lines = new List<string>
        {
            "ST*277*0001*005010X214", "BHT*0085*08*B" + control + "*20261207*1200*TH", "HL*1**20*1", "NM1*PR*2*DEMO PAYER*****PI*DEMOPAYER", "TRN*1*B" + control,
            "DTP*050*D8*20261207", "DTP*009*D8*20261207", "HL*2*1*21*1", "NM1*41*2*CEDAR GROVE BEHAVIORAL HEALTH*****46*CEDARGROVE", "TRN*2*B" + control,
            "STC*A1:19:PR*20261207*WQ*0", "HL*3*2*19*1", "NM1*85*2*CEDAR GROVE BEHAVIORAL HEALTH*****XX*1234567893", "TRN*1*0", "STC*A1:19:85*20261207*WQ*0",
        };
        var hl = 3;
        foreach (var c in claims)
        {
            lines.Add($"HL*{++hl}*3*PT");
            lines.Add($"NM1*QC*1*{c.Last}*{c.First}****MI*M1");
            lines.Add($"TRN*2*{c.Number}");
            lines.Add($"STC*{c.Status}*20261207*{(c.Status.StartsWith("A2") ? "WQ" : "U")}*{c.Amount:0.00}");
            lines.Add($"REF*1K*ICN{c.Number}");
        }
        return Isa(control, "HN", "005010X214", string.Join("", lines.Select(l => l + "~\n")), lines.Count - 1);
    }

    /// <summary>A 999 answering our 837 group <paramref name="group"/>: accepted, or rejected with one segment and element error.</summary>
    public static string Write999(string control, long group, bool accepted, string ak9 = "")
    {
        var lines = new List<string> { "ST*999*0001*005010X231A1", $"AK1*HC*{group}*005010X222A1", "AK2*837*0001*005010X222A1" };
        if (!accepted) { lines.Add("IK3*NM1*12*2010BA*8"); lines.Add("IK4*9*67*1"); }
        lines.Add(accepted ? "IK5*A" : "IK5*R*5");
        lines.Add(ak9.Length > 0 ? ak9 : accepted ? "AK9*A*1*1*1" : "AK9*R*1*1*0");
        return Isa(control, "FA", "005010X231A1", string.Join("", lines.Select(l => l + "~\n")), lines.Count - 1);
    }

    private static Task<HttpResponseMessage> Post(HttpClient api, string x12) =>
        api.PostAsync("/api/claims/acknowledgments", new StringContent(x12, Encoding.UTF8, "application/edi-x12"));

    private async Task<List<Claim>> AwaitingAsync(int count)
    {
        await using var s = app.Db();
        var claims = await s.Context.Set<Claim>().AsNoTracking().Include(c => c.Participant).Include(c => c.Payer)
            .Where(c => c.Status == ClaimStatus.Sent && c.ReplacedByClaimId == null && c.PrimaryClaimId == null).OrderBy(c => c.Number).ToListAsync();
        Assert.True(claims.Count >= count, $"the demo leaves {claims.Count} claims awaiting an answer; {count} needed");
        return claims;
    }

    private static async Task<decimal> AgingTotalAsync(HttpClient api) =>
        (await Json.ReadAsync(await api.GetAsync("/api/reports/ar-aging"))).AsArray().Sum(r => (decimal)r!["total"]!);

    [Fact]
    public async Task A_277CA_accepts_claims_into_adjudication_and_rejects_others_into_the_work_queue_with_the_reason_in_words()
    {
        var all = await AwaitingAsync(4);
        var (accepted, rejected) = (all[0], all[1]);
        var api = await app.ApiAsync(Roles.Billing);
        var agingBefore = await AgingTotalAsync(api);
        var file = Write277("000000501", [
            (accepted.Number, accepted.Participant!.LegalLastName.ToUpperInvariant(), accepted.Participant.LegalFirstName.ToUpperInvariant(), "A2:20", accepted.Total),
            (rejected.Number, rejected.Participant!.LegalLastName.ToUpperInvariant(), rejected.Participant.LegalFirstName.ToUpperInvariant(), "A7:164:IL", rejected.Total),
            ("NOSUCHCLAIM", "NOBODY", "NONE", "A2:20", 10m)]);
        var envelope = await X12Check.RunAsync(file, envelopeOnly: true);
        Assert.True((bool)envelope["ok"]!, envelope.ToJsonString());
        Assert.Equal("277/005010X214", (string)envelope["types"]![0]!);

        var result = await Json.ReadAsync(await Post(api, file));
        Assert.Equal(("277CA", 1, 1, 1), ((string)result["kind"]!, (int)result["accepted"]!, (int)result["rejected"]!, (int)result["unmatched"]!));

        // Accepted: the list filters on it, the claim page shows it, and it is still owed (aging unchanged).
        var acceptedList = (await Json.ReadAsync(await api.GetAsync("/api/claims?status=accepted&pageSize=200")))["items"]!.AsArray();
        Assert.Contains(acceptedList, i => (string)i!["id"]! == accepted.Id.ToString());
        Assert.Equal(agingBefore, await AgingTotalAsync(api));
        var pages = await app.PagesAsync(Roles.Billing);
        Assert.Contains("<span class=\"badge\">Accepted</span>", await pages.Http.GetStringAsync($"/billing/claims/{accepted.Id}"));
        await using (var s = app.Db())
            Assert.Equal("ICN" + accepted.Number, (await s.Context.Set<Claim>().AsNoTracking().FirstAsync(c => c.Id == accepted.Id)).PayerClaimNumber);

        // Rejected: in the work queue with the reason in words, on the API and the denials page.
        var queue = (await Json.ReadAsync(await api.GetAsync("/api/claims/denials")))["items"]!.AsArray();
        var item = queue.Single(i => (string)i!["id"]! == rejected.Id.ToString())!;
        Assert.Equal("rejected", (string)item["status"]!);
        var reason = (string)item["rejection"]!;
        Assert.Contains("Rejected for invalid information", reason);
        Assert.Contains("member number", reason);
        Assert.Contains("subscriber", reason);
        Assert.Contains("Rejected for invalid information", await pages.Http.GetStringAsync("/billing/denials"));

        // Corrected and sent again: as an original (the payer never had it), not a replacement.
        var etag = (await api.GetAsync($"/api/claims/{rejected.Id}")).Headers.ETag!.Tag;
        var work = new HttpRequestMessage(HttpMethod.Post, $"/api/claims/{rejected.Id}/work")
            { Content = JsonContent.Create(new { action = "resubmit", note = "Member id corrected from the new card." }) };
        work.Headers.TryAddWithoutValidation("If-Match", etag);
        var again = await Json.ReadAsync(await api.SendAsync(work));
        Assert.Equal(rejected.Frequency, (string)again["claim"]!["frequency"]!);
        Assert.DoesNotContain((await Json.ReadAsync(await api.GetAsync("/api/claims/denials")))["items"]!.AsArray(), i => (string)i!["id"]! == rejected.Id.ToString());
        var listed = (await Json.ReadAsync(await api.GetAsync("/api/claims/acknowledgments"))).AsArray();
        Assert.Contains(listed, a => (string)a!["kind"]! == "277CA" && ((string)a["unmatchedClaims"]![0]!) == "NOSUCHCLAIM");
    }

    [Fact]
    public async Task A_999_rejecting_an_837_rejects_its_claims_with_the_errors_in_words_and_a_malformed_file_applies_nothing()
    {
        var all = await AwaitingAsync(4);
        var (refusedClaim, fine) = (all[2], all[3]);
        var api = await app.ApiAsync(Roles.Billing);
        async Task<long> ControlOfAsync(Claim c)
        {
            var x12 = await (await api.GetAsync($"/api/claims/{c.Id}/x12")).Content.ReadAsStringAsync();
            return long.Parse(x12.Split('~')[0].Split('*')[13]);
        }
        var refusedFile = await ControlOfAsync(refusedClaim);
        var fineFile = await ControlOfAsync(fine);

        var bad = Write999("000000601", refusedFile, accepted: false, ak9: "AK9*Z*1*1*0");
        var problem = await Json.ProblemAsync(await Post(api, bad), 400);
        Assert.Equal("AK901", (string)problem["element"]!);
        var bad277 = Write277("000000602", [(refusedClaim.Number, "X", "Y", "ZZ", 1m)]);
        Assert.Equal("STC01", (string)(await Json.ProblemAsync(await Post(api, bad277), 400))["element"]!);
        await Json.ProblemAsync(await api.PostAsJsonAsync("/api/claims/acknowledgments", new { file = "x" }), 415);
        await using (var s = app.Db())
            Assert.Equal(ClaimStatus.Sent, (await s.Context.Set<Claim>().AsNoTracking().FirstAsync(c => c.Id == refusedClaim.Id)).Status);

        var rejectedFile = Write999("000000603", refusedFile, accepted: false);
        var envelope = await X12Check.RunAsync(rejectedFile, envelopeOnly: true);
        Assert.True((bool)envelope["ok"]!, envelope.ToJsonString());
        Assert.Equal("999/005010X231A1", (string)envelope["types"]![0]!);
        var result = await Json.ReadAsync(await Post(api, rejectedFile));
        Assert.Equal(("999", 0, 1), ((string)result["kind"]!, (int)result["accepted"]!, (int)result["rejected"]!));
        var accepted = await Json.ReadAsync(await Post(api, Write999("000000604", fineFile, accepted: true)));
        Assert.Equal((1, 0), ((int)accepted["accepted"]!, (int)accepted["rejected"]!));

        await using var after = app.Db();
        var claim = await after.Context.Set<Claim>().AsNoTracking().FirstAsync(c => c.Id == refusedClaim.Id);
        Assert.Equal(ClaimStatus.Rejected, claim.Status);
        Assert.Contains("segment NM1", claim.Rejection);
        Assert.Contains("required element missing", claim.Rejection);
        // A 999 says only that the file was readable: the claim waits for the payer's 277CA.
        Assert.Equal(ClaimStatus.Sent, (await after.Context.Set<Claim>().AsNoTracking().FirstAsync(c => c.Id == fine.Id)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(await app.ApiAsync(Roles.ProgramDirector), rejectedFile)).StatusCode);
    }
}
