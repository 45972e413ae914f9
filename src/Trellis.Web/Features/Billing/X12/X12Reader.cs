using System.Globalization;

namespace Trellis.Web.Features.Billing.X12;

/// <summary>A file that does not parse: which segment (by position and id) and which element are wrong, and why.</summary>
public sealed class X12Exception(int position, string segment, string? element, string message)
    : Exception($"Segment {position} ({segment}){(element is null ? "" : $", element {element}")}: {message}")
{
    public int Position { get; } = position;
    public string Segment { get; } = segment;
    public string? ElementName { get; } = element;
    public string Reason { get; } = message;

    /// <summary>The one answer to a file that does not parse (835, 999, 277CA): a 400 naming the segment and element.</summary>
    public Refusal ToRefusal(string title) => new(400, title, Message,
        new Dictionary<string, string[]> { [ElementName ?? Segment] = [Message] },
        new Dictionary<string, object?> { ["segment"] = Segment, ["segmentPosition"] = Position, ["element"] = ElementName });
}

/// <summary>One segment as read: its id, its elements (index 1 is the first after the id) and its position in the file.</summary>
public sealed record X12Segment(int Position, string Id, string[] Elements, char ComponentSeparator)
{
    public string this[int i] => i < Elements.Length ? Elements[i] : "";

    public string Name(int i) => $"{Id}{i:D2}";

    public string Required(int i, string what)
    {
        var v = this[i];
        if (string.IsNullOrEmpty(v)) throw new X12Exception(Position, Id, Name(i), $"{what} is missing.");
        return v;
    }

    public decimal Amount(int i, string what, bool required = true)
    {
        var v = this[i];
        if (string.IsNullOrEmpty(v) && !required) return 0;
        if (string.IsNullOrEmpty(v)) throw new X12Exception(Position, Id, Name(i), $"{what} is missing.");
        if (!decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
            throw new X12Exception(Position, Id, Name(i), $"{what} '{v}' is not a number.");
        return d;
    }

    public DateOnly Date(int i, string what)
    {
        var v = Required(i, what);
        if (!DateOnly.TryParseExact(v, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new X12Exception(Position, Id, Name(i), $"{what} '{v}' is not a date in the form CCYYMMDD.");
        return d;
    }

    public string[] Components(int i) => this[i].Split(ComponentSeparator);
}

/// <summary>
/// Splits an X12 interchange into segments with the delimiters its ISA declares, and checks the envelopes:
/// ISA/IEA, GS/GE and ST/SE pairs, their control numbers and counts. Any fault names the segment and element.
/// </summary>
public static class X12Reader
{
    public static List<X12Segment> Read(string text)
    {
        text = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (text.Length < 106 || !text.StartsWith("ISA", StringComparison.Ordinal))
            throw new X12Exception(1, "ISA", null, "The file does not start with an ISA interchange header of 106 characters.");
        var element = text[3];
        var component = text[104];
        var terminator = text[105];
        if (char.IsLetterOrDigit(element) || char.IsLetterOrDigit(terminator))
            throw new X12Exception(1, "ISA", "ISA16", "The ISA header's delimiters are letters or digits; the header is malformed.");
        var segments = new List<X12Segment>();
        var position = 0;
        foreach (var raw in text.Split(terminator))
        {
            var s = raw.Trim('\r', '\n', ' ', '\t');
            if (s.Length == 0) continue;
            var parts = s.Split(element);
            if (parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsLetterOrDigit))
                throw new X12Exception(position + 1, parts[0].Length > 3 ? parts[0][..3] + "…" : parts[0], null, "This is not a segment id (two or three letters or digits).");
            segments.Add(new X12Segment(++position, parts[0], parts, component));
        }
        CheckEnvelopes(segments);
        return segments;
    }

    private static void CheckEnvelopes(List<X12Segment> segments)
    {
        var isa = segments[0];
        if (isa.Elements.Length != 17) throw new X12Exception(1, "ISA", null, $"The ISA header has {isa.Elements.Length - 1} elements; it must have 16.");
        var last = segments[^1];
        if (last.Id != "IEA") throw new X12Exception(last.Position, last.Id, null, "The file does not end with an IEA interchange trailer.");
        if (last[2] != isa[13]) throw new X12Exception(last.Position, "IEA", "IEA02", $"The control number {last[2]} does not match ISA13 ({isa[13]}).");
        int groups = 0, i = 1;
        while (i < segments.Count - 1)
        {
            var gs = segments[i];
            if (gs.Id != "GS") throw new X12Exception(gs.Position, gs.Id, null, "Expected a GS functional group header here.");
            groups++;
            int sets = 0;
            i++;
            while (i < segments.Count - 1 && segments[i].Id == "ST")
            {
                var st = segments[i];
                var start = i;
                while (i < segments.Count - 1 && segments[i].Id != "SE") i++;
                var se = segments[i];
                if (se.Id != "SE") throw new X12Exception(st.Position, "ST", null, "This transaction set has no SE trailer.");
                var count = i - start + 1;
                if (se.Amount(1, "The segment count") != count)
                    throw new X12Exception(se.Position, "SE", "SE01", $"The segment count is {se[1]} but the transaction set has {count} segments.");
                if (se[2] != st[2]) throw new X12Exception(se.Position, "SE", "SE02", $"The control number {se[2]} does not match ST02 ({st[2]}).");
                sets++;
                i++;
            }
            var ge = segments[i];
            if (ge.Id != "GE") throw new X12Exception(ge.Position, ge.Id, null, "Expected a GE functional group trailer or an ST header here.");
            if (ge.Amount(1, "The transaction set count") != sets)
                throw new X12Exception(ge.Position, "GE", "GE01", $"The group claims {ge[1]} transaction sets but has {sets}.");
            if (ge[2] != gs[6]) throw new X12Exception(ge.Position, "GE", "GE02", $"The control number {ge[2]} does not match GS06 ({gs[6]}).");
            i++;
        }
        if (last.Amount(1, "The group count") != groups)
            throw new X12Exception(last.Position, "IEA", "IEA01", $"The interchange claims {last[1]} functional groups but has {groups}.");
    }
}
