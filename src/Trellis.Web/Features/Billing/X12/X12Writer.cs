using System.Globalization;
using System.Text;

namespace Trellis.Web.Features.Billing.X12;

/// <summary>
/// Writes X12 segments with the usual delimiters (* elements, : components, ^ repetitions, ~ segments) and
/// counts what the trailers must count. Values are cleaned of the delimiters and upper-cased, as the basic
/// character set clearinghouses expect.
/// </summary>
public sealed class X12Writer
{
    public const char Element = '*', Component = ':', Repetition = '^', Terminator = '~';
    private readonly StringBuilder text = new();

    /// <summary>Segments written since the last <see cref="StartCount"/> (ST…SE counts itself).</summary>
    public int Counted { get; private set; }

    public void StartCount() => Counted = 0;

    public X12Writer Segment(string id, params string?[] elements)
    {
        var last = elements.Length;
        while (last > 0 && string.IsNullOrEmpty(elements[last - 1])) last--; // trailing empty elements are dropped
        text.Append(id);
        for (var i = 0; i < last; i++) text.Append(Element).Append(elements[i] ?? "");
        text.Append(Terminator).Append('\n');
        Counted++;
        return this;
    }

    /// <summary>A composite element; trailing empty components are dropped.</summary>
    public static string Composite(params string?[] parts)
    {
        var last = parts.Length;
        while (last > 0 && string.IsNullOrEmpty(parts[last - 1])) last--;
        return string.Join(Component, parts.Take(last).Select(p => p ?? ""));
    }

    public static string Clean(string? value, int max = 60)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        var chars = value.Trim().ToUpperInvariant().Select(c => c is Element or Component or Repetition or Terminator || char.IsControl(c) ? ' ' : c).ToArray();
        var s = string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return s.Length <= max ? s : s[..max];
    }

    public static string Amount(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
    public static string Date(DateOnly d) => d.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
    public static string Dx(string icd10) => icd10.Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>ISA fields are fixed width.</summary>
    public static string Pad(string value, int width) => Clean(value, width).PadRight(width);

    public override string ToString() => text.ToString();
}
