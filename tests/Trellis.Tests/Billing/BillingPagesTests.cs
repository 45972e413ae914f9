using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Accounts;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.FeeSchedules;
using Trellis.Web.Features.Billing.Remittances;

namespace Trellis.Tests.Billing;

/// <summary>The billing pages' forms go through the same actions as the API: refusals beside the field, nothing saved; success saved and said once.</summary>
public class BillingPagesTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task The_charges_page_pages_through_every_charge_with_the_total_and_filters_by_hold_reason_before_paging()
    {
        await using var s = app.Db();
        var charges = await s.Context.Set<Charge>().AsNoTracking().ToListAsync();
        var uncovered = charges.Count(c => c.Status == ChargeStatus.Held && c.Holds.Any(h => h.Code == HoldReasons.NoCoverage));
        Assert.True(charges.Count > 100, $"the demo has {charges.Count} charges; the test needs more than a page");
        using var pages = await app.PagesAsync(Roles.Billing);

        var (_, first) = await pages.GetAsync("/billing/charges");
        Assert.Contains($"{charges.Count} charges", first.QuerySelector("main p.muted")!.TextContent);
        Assert.Equal(100, first.QuerySelectorAll("main table tbody tr").Length);
        Assert.Contains(first.QuerySelectorAll("nav.pager a"), a => a.TextContent == "Next" && a.GetAttribute("href")!.EndsWith("page=2"));
        var last = (charges.Count + 99) / 100;
        var (_, end) = await pages.GetAsync($"/billing/charges?page={last}");
        Assert.Equal(charges.Count - (last - 1) * 100, end.QuerySelectorAll("main table tbody tr").Length);
        Assert.DoesNotContain(end.QuerySelectorAll("nav.pager a"), a => a.TextContent == "Next");

        var (_, held) = await pages.GetAsync($"/billing/charges?reason={HoldReasons.NoCoverage}");
        Assert.Contains($"{uncovered} charge", held.QuerySelector("main p.muted")!.TextContent);
        var rows = held.QuerySelectorAll("main table tbody tr");
        Assert.Equal(Math.Min(100, uncovered), rows.Length);
        Assert.All(rows, r => Assert.Contains("No coverage was active", r.TextContent));
    }

    [Fact]
    public async Task A_held_charge_is_released_on_its_page_only_with_a_reason()
    {
        await using var s = app.Db();
        var charge = (await s.Context.Set<Charge>().Where(c => c.Status == ChargeStatus.Held).ToListAsync())
            .First(c => c.Holds.Count > 0 && c.Holds.All(h => HoldReasons.Releasable(h.Code)));
        using var pages = await app.PagesAsync(Roles.Billing);
        var url = $"/billing/charges/{charge.Id}";

        var (refused, doc) = await pages.SubmitAsync(url, "release", new Dictionary<string, string?> { ["Release.Reason"] = "ok" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("at least 10 characters", doc.QuerySelector(".validation-message")!.TextContent);
        await using (var unchanged = app.Db())
            Assert.Equal(ChargeStatus.Held, (await unchanged.Context.Set<Charge>().FirstAsync(c => c.Id == charge.Id)).Status);

        var (released, _) = await pages.SubmitAsync(url, "release", new Dictionary<string, string?> { ["Release.Reason"] = "Plan's reviewer approved the day by phone, reference 4471." });
        Assert.Equal(HttpStatusCode.Redirect, released.StatusCode);
        var (_, shown) = await pages.GetAsync(released.Headers.Location!.OriginalString);
        Assert.Contains("ready to bill", shown.Body!.TextContent);
        await using var after = app.Db();
        var ready = await after.Context.Set<Charge>().FirstAsync(c => c.Id == charge.Id);
        Assert.Equal(ChargeStatus.Ready, ready.Status);
        Assert.Equal("Plan's reviewer approved the day by phone, reference 4471.", ready.ReleaseReason);
    }

    [Fact]
    public async Task A_payment_is_recorded_on_the_account_page_and_a_bad_amount_is_refused_beside_the_field()
    {
        await using var s = app.Db();
        var someone = await s.Context.Set<AccountEntry>().Select(e => e.ParticipantId).FirstAsync();
        var before = await s.Context.Set<AccountEntry>().CountAsync(e => e.ParticipantId == someone);
        using var pages = await app.PagesAsync(Roles.Billing);
        var url = $"/billing/accounts/{someone}";

        var (refused, doc) = await pages.SubmitAsync(url, "payment", new Dictionary<string, string?> { ["Payment.Amount"] = "-5", ["Payment.PaidOn"] = "2026-12-01", ["Payment.Method"] = "card" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("between $0.01 and $100,000", doc.QuerySelector(".validation-message")!.TextContent);
        await using (var unchanged = app.Db())
            Assert.Equal(before, await unchanged.Context.Set<AccountEntry>().CountAsync(e => e.ParticipantId == someone));

        var (paid, _) = await pages.SubmitAsync(url, "payment", new Dictionary<string, string?> { ["Payment.Amount"] = "25.50", ["Payment.PaidOn"] = "2026-12-01", ["Payment.Method"] = "check", ["Payment.Reference"] = "CHK 1182" });
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        await using var after = app.Db();
        var entry = await after.Context.Set<AccountEntry>().Where(e => e.ParticipantId == someone && e.Reference == "CHK 1182").SingleAsync();
        Assert.Equal(-25.50m, entry.Amount);
        var (_, statement) = await pages.GetAsync($"/billing/accounts/{someone}/statement");
        Assert.Contains("Payment by check", statement.Body!.TextContent);
    }

    [Fact]
    public async Task A_pasted_835_that_does_not_parse_is_refused_on_the_page_naming_the_segment_and_nothing_is_posted()
    {
        await using var s = app.Db();
        var before = await s.Context.Set<Remittance>().CountAsync();
        using var pages = await app.PagesAsync(Roles.Billing);
        var bad = "ISA*00*          *00*          *ZZ*PAYER          *ZZ*CLINIC         *261118*1200*^*00501*000000042*0*P*:~" +
            "GS*HP*PAYER*CLINIC*20261118*1200*42*X*005010X221A1~ST*835*0001*005010X221A1~BPR*I*100.00*C*ACH*CCP***********2026111~TRN*1*EFT1*1999~" +
            "N1*PR*SOME PAYER~N1*PE*CLINIC*XX*1234567893~LX*1~CLP*TC00000001*1*100*100*0*12*X*11*1~SE*8*0001~GE*1*42~IEA*1*000000042~";
        var (response, doc) = await pages.SubmitAsync("/billing/remittances", "import-835", new Dictionary<string, string?> { ["Input.Content"] = bad });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("BPR16", doc.QuerySelector(".validation-message")!.TextContent);
        Assert.Contains("Nothing was posted", doc.QuerySelector(".alert-error")!.TextContent);
        Assert.Equal(bad, doc.QuerySelector("textarea#content")!.TextContent);
        await using var after = app.Db();
        Assert.Equal(before, await after.Context.Set<Remittance>().CountAsync());
    }

    [Fact]
    public async Task The_claims_table_stacks_on_a_phone_with_a_label_on_every_cell()
    {
        using var pages = await app.PagesAsync(Roles.Billing);
        var (response, doc) = await pages.GetAsync("/billing/claims");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var table = doc.QuerySelector("table")!;
        Assert.Contains("stack-on-phone", table.ClassName);
        var cells = table.QuerySelectorAll("tbody td").ToList();
        Assert.NotEmpty(cells);
        var headers = table.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.All(cells, td => Assert.Contains(td.GetAttribute("data-label") ?? "", headers));
    }

    [Fact]
    public async Task The_claim_view_lays_an_institutional_claim_out_as_a_UB04_and_a_professional_one_as_a_CMS1500()
    {
        await using var s = app.Db();
        var institutional = await s.Context.Set<Claim>().Where(c => c.Type == Web.Features.Billing.Payers.ClaimType.Institutional).Select(c => new { c.Id, c.Number }).FirstAsync();
        var professional = await s.Context.Set<Claim>().Where(c => c.Type == Web.Features.Billing.Payers.ClaimType.Professional).Select(c => new { c.Id, c.Number }).FirstAsync();
        using var pages = await app.PagesAsync(Roles.Billing);
        var (r1, ub) = await pages.GetAsync($"/billing/claims/{institutional.Id}");
        Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
        Assert.Contains("UB-04", ub.Body!.TextContent);
        Assert.Contains("FL 4 Type of bill", ub.Body.TextContent);
        Assert.Contains(institutional.Number, ub.Body.TextContent);
        var (r2, cms) = await pages.GetAsync($"/billing/claims/{professional.Id}");
        Assert.Equal(HttpStatusCode.OK, r2.StatusCode);
        Assert.Contains("CMS-1500", cms.Body!.TextContent);
        // 24E: each line's own diagnosis pointers, as letters into box 21.
        var claim = await s.Context.Set<Claim>().AsNoTracking().Include(c => c.Lines).FirstAsync(c => c.Id == professional.Id);
        Assert.All(claim.Lines, l => Assert.NotEmpty(l.DiagnosisPointers));
        Assert.Equal(claim.Lines.OrderBy(l => l.Number).Select(l => l.PointerLetters(claim)),
            cms.QuerySelectorAll("table tbody tr").Select(tr => tr.Children[3].TextContent.Trim()));
    }

    [Fact]
    public async Task Anyone_can_open_the_good_faith_estimate_and_household_and_income_apply_the_sliding_fee()
    {
        using var visitor = await app.PagesAsync(null);
        var (full, doc) = await visitor.GetAsync("/iop/cost");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Contains("good-faith estimate", doc.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        var (scaled, less) = await visitor.GetAsync("/iop/cost?household=4&income=20000");
        Assert.Equal(HttpStatusCode.OK, scaled.StatusCode);
        Assert.Contains("With our sliding-fee scale, a household of 4", less.Body!.TextContent);
        Assert.DoesNotContain("With our sliding-fee scale, a household", doc.Body.TextContent);
        var (junk, _) = await visitor.GetAsync("/iop/cost?household=many&income=-x&program=nope");
        Assert.Equal(HttpStatusCode.OK, junk.StatusCode);
    }

    [Fact]
    public async Task A_fee_schedule_is_changed_on_its_page_a_bad_rate_is_refused_beside_its_line_and_a_spare_row_adds_a_line()
    {
        await using var s = app.Db();
        var schedule = await s.Context.Set<FeeSchedule>().AsNoTracking().Include(f => f.Lines).OrderBy(f => f.EffectiveFrom).FirstAsync(f => f.Lines.Any(l => l.Kind == FeeLineKind.Service));
        using var pages = await app.PagesAsync(Roles.Billing);
        var url = $"/billing/fee-schedules/{schedule.Id}";
        var (_, page) = await pages.GetAsync(url);
        var count = schedule.Lines.Count;
        Assert.Equal(count + 1, page.QuerySelectorAll("fieldset.line").Length); // every line and one spare row

        var (refused, doc) = await pages.SubmitAsync(url, "fee-schedule", new Dictionary<string, string?> { ["Action"] = "save", ["Input.Lines[0].Rate"] = "-3" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("between $0.01 and $100,000", doc.QuerySelector("fieldset.line .validation-message")!.TextContent);
        await using (var unchanged = app.Db())
        {
            var same = await unchanged.Context.Set<FeeSchedule>().AsNoTracking().Include(f => f.Lines).FirstAsync(f => f.Id == schedule.Id);
            Assert.Equal(schedule.Version, same.Version);
            Assert.Equal(schedule.Lines.Select(l => l.Rate).Order(), same.Lines.Select(l => l.Rate).Order());
        }

        // Removing a line changes the form only; the schedule changes when it is saved.
        var (removing, without) = await pages.SubmitAsync(url, "fee-schedule", new Dictionary<string, string?> { ["Action"] = "remove-line:0" });
        Assert.Equal(HttpStatusCode.OK, removing.StatusCode);
        Assert.Equal(count, without.QuerySelectorAll("fieldset.line").Length);
        await using (var unchanged = app.Db())
            Assert.Equal(count, await unchanged.Context.Set<FeeLine>().CountAsync(l => l.FeeScheduleId == schedule.Id));

        var (saved, _) = await pages.SubmitAsync(url, "fee-schedule", new Dictionary<string, string?>
        {
            ["Action"] = "save",
            [$"Input.Lines[{count}].Kind"] = nameof(FeeLineKind.Service), [$"Input.Lines[{count}].ServiceType"] = "CaseManagement",
            [$"Input.Lines[{count}].MinMinutes"] = "15", [$"Input.Lines[{count}].Code"] = "H0006", [$"Input.Lines[{count}].Rate"] = "41.25",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, shown) = await pages.GetAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("Fee schedule saved", shown.Body!.TextContent);
        await using var after = app.Db();
        var changed = await after.Context.Set<FeeSchedule>().AsNoTracking().Include(f => f.Lines).FirstAsync(f => f.Id == schedule.Id);
        Assert.Equal(count + 1, changed.Lines.Count);
        Assert.Contains(changed.Lines, l => l.Code == "H0006" && l.Rate == 41.25m && l.MinMinutes == 15);
        Assert.NotEqual(schedule.Version, changed.Version);
    }

    [Fact]
    public async Task A_programs_sliding_fee_scale_is_set_on_its_page_and_a_share_over_100_percent_is_refused_beside_the_band()
    {
        await using var s = app.Db();
        var scale = await s.Context.Set<SlidingFeeScale>().AsNoTracking().FirstAsync();
        using var pages = await app.PagesAsync(Roles.Billing);
        var url = $"/billing/programs/{scale.ProgramId}/sliding-fee-scale";

        var (refused, doc) = await pages.SubmitAsync(url, "sliding-fee-scale", new Dictionary<string, string?> { ["Action"] = "save", ["Input.Bands[0].PatientPaysPercent"] = "150" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("0 to 100 %", doc.QuerySelector("table .validation-message")!.TextContent);
        await using (var unchanged = app.Db())
            Assert.Equal(scale.Version, (await unchanged.Context.Set<SlidingFeeScale>().AsNoTracking().FirstAsync(x => x.Id == scale.Id)).Version);

        var spare = scale.Bands.Count;
        var (saved, _) = await pages.SubmitAsync(url, "sliding-fee-scale", new Dictionary<string, string?>
        {
            ["Action"] = "save", [$"Input.Bands[{spare}].UpToPercentOfPoverty"] = "400", [$"Input.Bands[{spare}].PatientPaysPercent"] = "90", ["Input.TypicalWeeks"] = "10",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var after = app.Db();
        var changed = await after.Context.Set<SlidingFeeScale>().AsNoTracking().FirstAsync(x => x.Id == scale.Id);
        Assert.Equal(spare + 1, changed.Bands.Count);
        Assert.Contains(changed.Bands, b => b.UpToPercentOfPoverty == 400 && b.PatientPaysPercent == 90);
        Assert.Equal(10, changed.TypicalWeeks);
    }
}
