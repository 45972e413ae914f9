using Trellis.Web.Features.Instruments;
using static Trellis.Tests.Instruments.Answers;

namespace Trellis.Tests.Instruments;

[Trait("Category", "Unit")]
public class Gad7Tests
{
    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "severe")]
    [InlineData(21, "severe")]
    public void Band_changes_exactly_at_each_published_cut_point(int total, string band)
    {
        var result = Score("gad-7", Numbers(Spread(total, 7, 3)));

        Assert.Equal(total, result.Total);
        Assert.Equal(21, result.MaxTotal);
        Assert.Equal(band, result.Band);
        Assert.Empty(result.Flags);
        Assert.Contains($"{total} out of 21", result.Explanation);
        Assert.Contains("not a diagnosis", result.Explanation);
    }

    [Fact]
    public void Result_carries_the_LOINC_codes()
    {
        var result = Score("gad-7", Numbers([1, 1, 1, 1, 1, 1, 1]));

        Assert.Equal("69737-5", result.PanelLoinc);
        Assert.Equal("70274-6", result.TotalLoinc);
        Assert.Contains("further evaluation", result.ClinicianInterpretation);
    }

    [Fact]
    public void Item_2_names_value_2_More_days_than_not_with_its_own_LOINC_answer()
    {
        var items = InstrumentCatalog.Get("gad-7")!.Items;

        Assert.Equal(["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"], items.Select(i => i.Loinc));
        var item2Value2 = items[1].Options.Single(o => o.Points == 2);
        Assert.Equal(("More days than not", "LA18938-3"), (item2Value2.Label, item2Value2.Loinc));
        Assert.All(items.Where(i => i.Number != 2), i => Assert.Equal("LA6570-1", i.Options.Single(o => o.Points == 2).Loinc));
    }
}
