using Trellis.Web.Features.Notes;

namespace Trellis.Tests.Clinical;

[Trait("Category", "Unit")]
public class TextSimilarityTests
{
    private const string Dana = "Dana shared for the first time about her sister's visit and how the argument at dinner left her shaking. She practised paced breathing with the group and said her distress dropped from seven to four. She plans to use the skill before Sunday dinner and bring her log on Wednesday.";

    [Fact]
    public void The_same_text_is_one_and_nothing_in_common_is_zero()
    {
        Assert.Equal(1.0, TextSimilarity.Similarity(Dana, Dana));
        Assert.Equal(0.0, TextSimilarity.Similarity(Dana, "Completely unrelated words about a bicycle repair shop downtown."));
        Assert.Equal(0.0, TextSimilarity.Similarity("", Dana));
        Assert.Equal(0.0, TextSimilarity.Similarity(null, null));
    }

    [Fact]
    public void A_part_copied_to_another_attendee_with_the_name_and_pronouns_changed_is_a_clone()
    {
        var kim = Dana.Replace("Dana", "Kim").Replace(" her ", " his ").Replace("She ", "He ").Replace("her sister's", "his sister's").Replace("left her", "left him");
        var s = TextSimilarity.Similarity(Dana, kim, ["Dana Ruiz", "Kim Oduya"]);
        Assert.Equal(1.0, s);
        Assert.True(TextSimilarity.IsCloned(s));
    }

    [Fact]
    public void Punctuation_case_and_spacing_do_not_hide_a_copy()
    {
        var shouted = Dana.ToUpperInvariant().Replace(".", "!").Replace(" ", "   ");
        Assert.Equal(1.0, TextSimilarity.Similarity(Dana, shouted));
    }

    [Fact]
    public void Rewriting_one_sentence_of_several_still_counts_as_nearly_the_same()
    {
        var edited = Dana.Replace("She plans to use the skill before Sunday dinner and bring her log on Wednesday.", "Next week she will try the skill at work and call her sponsor.");
        var s = TextSimilarity.Similarity(Dana, edited);
        Assert.InRange(s, TextSimilarity.ClonedThreshold, 0.99);
    }

    [Fact]
    public void Parts_written_separately_about_the_same_group_are_far_below_the_threshold()
    {
        const string other = "Marcus arrived late after a bus delay and listened quietly. When asked, he named money worries before rent as this week's stressor. He tried the breathing exercise but found it awkward; he agreed to practise it once at home and report back.";
        var s = TextSimilarity.Similarity(Dana, other, ["Dana", "Marcus"]);
        Assert.True(s < 0.15, $"similarity {s}");
        Assert.False(TextSimilarity.IsCloned(s));
    }

    [Fact]
    public void The_same_boilerplate_line_for_everyone_is_a_clone_however_short()
    {
        Assert.True(TextSimilarity.IsCloned(TextSimilarity.Similarity("Participated actively. Engaged.", "participated actively, engaged")));
        Assert.False(TextSimilarity.IsCloned(TextSimilarity.Similarity("Participated actively.", "Quiet today; left early for work.")));
    }

    [Fact]
    public void Words_normalise_and_shingles_are_three_word_runs()
    {
        var words = TextSimilarity.Words("Dana's plan: “Call HER sister” — today!", TextSimilarity.NameSet(["Dana"]));
        Assert.Equal(["\u2039name\u203a", "plan", "call", "\u2039they\u203a", "sister", "today"], words);
        Assert.Equal(4, TextSimilarity.Shingles(words).Count);
        Assert.Single(TextSimilarity.Shingles(["two", "words"]));
    }
}
