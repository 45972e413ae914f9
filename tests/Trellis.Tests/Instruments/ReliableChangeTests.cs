using System.Net.Http.Json;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Instruments;

namespace Trellis.Tests.Instruments;

/// <summary>Issue 13, point 7: only a reliable change is called an improvement or a deterioration; the threshold is defined once, per instrument, with its source.</summary>
[Trait("Category", "Unit")]
public class ReliableChangeTests
{
    [Theory]
    [InlineData("phq-9", 6)]
    [InlineData("gad-7", 4)]
    [InlineData("pcl-5", 10)]
    public void The_threshold_and_its_source_live_on_the_instrument(string code, int points)
    {
        var definition = InstrumentCatalog.Get(code)!;
        Assert.Equal(points, definition.ReliableChange!.Points);
        Assert.False(string.IsNullOrWhiteSpace(definition.ReliableChange.Source));
        Assert.Equal(points, ReliableChangeThresholds.Published.For(code));
    }

    [Theory]
    [InlineData("audit-c")]
    [InlineData("dast-10")]
    [InlineData("c-ssrs-screener")]
    public void Instruments_without_a_published_threshold_have_none(string code) => Assert.Null(InstrumentCatalog.Get(code)!.ReliableChange);

    [Theory]
    [InlineData("phq-9", 12, 11, ChangeVerdict.NoReliableChange, "No reliable change")]
    [InlineData("phq-9", 12, 7, ChangeVerdict.NoReliableChange, "No reliable change")]
    [InlineData("phq-9", 12, 6, ChangeVerdict.ReliableImprovement, "Reliable improvement")]
    [InlineData("phq-9", 8, 14, ChangeVerdict.ReliableDeterioration, "Reliable deterioration")]
    [InlineData("gad-7", 10, 13, ChangeVerdict.NoReliableChange, "No reliable change")]
    [InlineData("gad-7", 10, 14, ChangeVerdict.ReliableDeterioration, "Reliable deterioration")]
    [InlineData("pcl-5", 50, 41, ChangeVerdict.NoReliableChange, "No reliable change")]
    [InlineData("pcl-5", 50, 40, ChangeVerdict.ReliableImprovement, "Reliable improvement")]
    [InlineData("audit-c", 8, 2, ChangeVerdict.NoReliableChange, "No reliable change")]
    [InlineData("phq-9", 9, 9, ChangeVerdict.NoReliableChange, "No reliable change")]
    public void Only_a_change_at_or_beyond_the_threshold_is_an_improvement_or_a_deterioration(string code, int from, int to, ChangeVerdict verdict, string label)
    {
        var change = ReliableChanges.Compare(code, from, to, ReliableChangeThresholds.Published)!;
        Assert.Equal((verdict, label), (change.Verdict, change.Label));
        Assert.DoesNotContain("Improved", change.Words);
    }

    [Fact]
    public void The_words_say_how_far_it_moved_and_what_counts_as_reliable()
    {
        Assert.Equal("1 point lower: no reliable change (on PHQ-9 a reliable change is 6 points or more)", ReliableChanges.Compare("phq-9", 12, 11, ReliableChangeThresholds.Published)!.Words);
        Assert.Equal("6 points lower: no reliable change (AUDIT-C has no published reliable-change threshold)", ReliableChanges.Compare("audit-c", 8, 2, ReliableChangeThresholds.Published)!.Words);
    }
}

/// <summary>The Measures tab reads changes through the one definition.</summary>
public class ReliableChangeOnTheMeasuresTabTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task A_one_point_phq9_drop_reads_no_reliable_change_and_is_never_called_improved()
    {
        var p = await Clinical.Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        var url = $"/api/participants/{p.Id}/instruments";
        Assert.True((await api.PostAsJsonAsync(url, new { instrument = "phq-9", answers = new[] { 2, 2, 2, 2, 1, 1, 1, 1, 0 }, administeredAt = DateTimeOffset.UtcNow.AddDays(-14) })).IsSuccessStatusCode);
        Assert.True((await api.PostAsJsonAsync(url, new { instrument = "phq-9", answers = new[] { 2, 2, 2, 1, 1, 1, 1, 1, 0 } })).IsSuccessStatusCode);
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (_, measures) = await pages.GetAsync($"/participants/{p.Id}/measures");
        var card = measures.QuerySelector("#m-phq-9")!.ParentElement!.TextContent;
        Assert.Contains("12 → 11, 1 point lower: no reliable change (on PHQ-9 a reliable change is 6 points or more)", card);
        Assert.DoesNotContain("Improved", card);
    }
}
