using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Billing;

/// <summary>
/// The diagnosis pointer rule (837P SV107, CMS-1500 24E), pure: a line points at the claim's diagnoses on the chart
/// by its date of service, principal first, at most four; a line before any of them points at the principal.
/// The demo's 837P files are checked against the chart by the independent parser in RemittancePostingTests.
/// </summary>
public class DiagnosisPointerTests
{
    private static Diagnosis Dx(string code, string? on, bool primary = false) =>
        new() { Code = code, IsPrimary = primary, DiagnosedOn = on is null ? null : DateOnly.Parse(on) };

    [Fact]
    public void A_line_points_at_the_diagnoses_on_the_chart_by_its_date_principal_first()
    {
        var chart = new[] { Dx("F41.1", "2026-11-02"), Dx("F33.1", "2026-11-02", primary: true), Dx("F10.20", "2026-11-16"), Dx("Z63.0", null) };
        var claim = Claim.DiagnosesFrom(chart);
        Assert.Equal(new[] { "F33.1", "Z63.0", "F41.1", "F10.20" }, claim);
        // Before the alcohol use disorder was diagnosed, its code is not a reason for the line.
        Assert.Equal(new[] { 1, 2, 3 }, Claim.PointersFor(claim, chart, new DateOnly(2026, 11, 10)));
        Assert.Equal(new[] { 1, 2, 3, 4 }, Claim.PointersFor(claim, chart, new DateOnly(2026, 11, 16)));
    }

    [Fact]
    public void At_most_four_pointers_and_a_line_before_every_diagnosis_points_at_the_principal()
    {
        var chart = Enumerable.Range(0, 6).Select(i => Dx($"F4{i}.0", "2026-11-01", primary: i == 5)).ToList();
        var claim = Claim.DiagnosesFrom(chart);
        Assert.Equal("F45.0", claim[0]);
        Assert.Equal(new[] { 1, 2, 3, 4 }, Claim.PointersFor(claim, chart, new DateOnly(2026, 11, 3)));
        Assert.Equal(new[] { 1 }, Claim.PointersFor(claim, chart, new DateOnly(2026, 10, 30)));
        Assert.Empty(Claim.PointersFor([], [], new DateOnly(2026, 11, 3)));
    }

    [Fact]
    public void The_form_prints_the_pointers_as_letters_and_an_older_line_falls_back_to_the_first_four()
    {
        var claim = new Claim { Diagnoses = ["F33.1", "Z63.0", "F41.1", "F10.20", "F43.10"] };
        Assert.Equal("AC", new ClaimLine { DiagnosisPointers = [1, 3] }.PointerLetters(claim));
        Assert.Equal("ABCD", new ClaimLine().PointerLetters(claim));
    }
}
