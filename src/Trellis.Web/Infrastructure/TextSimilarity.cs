using System.Globalization;
using System.Text;

namespace Trellis.Web.Infrastructure;

/// <summary>
/// How alike two pieces of clinical text are, to catch cloned documentation: the same individual part
/// pasted for several attendees, a participant's earlier note carried forward, a note or a treatment
/// plan copied from one chart to another with the name swapped. Pure text: used by the notes'
/// and the treatment plans' checks alike.
///
/// The measure is the Jaccard similarity of word 3-shingles (every run of three consecutive words),
/// after normalising: lower case, punctuation dropped, the participants' names and third-person
/// pronouns replaced by placeholders (a cloned part usually differs only in those). Two notes
/// written separately share few three-word runs even on the same topic (typically under 0.15);
/// a copy with a name changed scores 1.0, and a copy with one sentence in five rewritten still
/// scores about 0.6.
///
/// <see cref="ClonedThreshold"/> is 0.5: at least half of the distinct three-word runs of the two
/// texts are shared. It is a warning before signing, never a block: the signer confirms the text
/// was written for this person, and that confirmation is kept with the note.
/// </summary>
public static class TextSimilarity
{
    public const double ClonedThreshold = 0.5;
    public const int ShingleSize = 3;

    private const string NameToken = "\u2039name\u203a";
    private const string PronounToken = "\u2039they\u203a";

    private static readonly HashSet<string> Pronouns =
    [
        "he", "she", "they", "him", "her", "them", "his", "hers", "their", "theirs",
        "himself", "herself", "themselves", "themself", "ze", "xe",
    ];

    /// <summary>0 (nothing in common) to 1 (the same words in the same order, names aside).</summary>
    public static double Similarity(string? a, string? b, IEnumerable<string>? names = null)
    {
        var ignore = NameSet(names);
        var left = Shingles(Words(a, ignore));
        var right = Shingles(Words(b, ignore));
        if (left.Count == 0 || right.Count == 0) return 0;
        var shared = left.Count(right.Contains);
        return (double)shared / (left.Count + right.Count - shared);
    }

    public static bool IsCloned(double similarity) => similarity >= ClonedThreshold;

    /// <summary>Lower-case words with names and pronouns replaced; letters, digits and inner apostrophes only.</summary>
    public static List<string> Words(string? text, IReadOnlySet<string>? names = null)
    {
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return words;
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length == 0) return;
            var w = current.ToString().Trim('\'');
            current.Clear();
            if (w.Length == 0) return;
            if (w.EndsWith("'s", StringComparison.Ordinal) && names?.Contains(w[..^2]) == true) w = w[..^2];
            words.Add(names?.Contains(w) == true ? NameToken : Pronouns.Contains(w) ? PronounToken : w);
        }
        foreach (var ch in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(ch)) current.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
            else if ((ch == '\'' || ch == '\u2019') && current.Length > 0) current.Append('\'');
            else Flush();
        }
        Flush();
        return words;
    }

    /// <summary>The distinct runs of <see cref="ShingleSize"/> words; a text shorter than that is one shingle.</summary>
    public static HashSet<string> Shingles(IReadOnlyList<string> words)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (words.Count == 0) return set;
        if (words.Count < ShingleSize) { set.Add(string.Join(' ', words)); return set; }
        for (var i = 0; i + ShingleSize <= words.Count; i++)
            set.Add(string.Join(' ', words.Skip(i).Take(ShingleSize)));
        return set;
    }

    /// <summary>Each name part on its own ("Dana", "Ruiz"), lower-cased, so "Dana" and "Ruiz" both become the placeholder.</summary>
    public static IReadOnlySet<string> NameSet(IEnumerable<string>? names)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names ?? [])
            foreach (var w in Words(name)) if (w.Length > 1) set.Add(w);
        return set;
    }
}
