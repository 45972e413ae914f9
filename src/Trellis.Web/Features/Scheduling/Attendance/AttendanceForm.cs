namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// The attendance pages' form: one line per participant on the roster, posted together. Lines left
/// unmarked are not sent (or sent as present with <see cref="AllPresent"/>), so the action's
/// "records[k]" is not always the form's line k: <see cref="FieldOf"/> maps one to the other.
/// </summary>
public sealed class AttendanceForm
{
    public List<AttendanceLineInput> Lines { get; set; } = [];
    public string? Reason { get; set; }
    /// <summary>The roster version the person was shown.</summary>
    public long? Version { get; set; }
    /// <summary>The "everyone else is here" button: lines left unmarked are saved as present.</summary>
    public bool AllPresent { get; set; }

    private List<int> sent = [];

    public AttendanceInput ToInput()
    {
        sent = Lines.Select((l, i) => (l, i)).Where(x => x.l.Status is not null || AllPresent).Select(x => x.i).ToList();
        return new AttendanceInput
        {
            Reason = Reason,
            Records = sent.Select(i => Lines[i]).Select(l => new AttendanceLineInput
            {
                ParticipantId = l.ParticipantId, Status = l.Status ?? AttendanceStatus.Present, MinutesLate = l.MinutesLate,
                MinutesLeftEarly = l.MinutesLeftEarly, Note = l.Note,
            }).ToList(),
        };
    }

    /// <summary>"records[1].minutesLate" of the input sent is "lines[2].minutesLate" of this form when line 1 was left unmarked.</summary>
    public string FieldOf(string inputPath)
    {
        var m = System.Text.RegularExpressions.Regex.Match(inputPath, @"^records\[(\d+)\](.*)$");
        if (!m.Success) return inputPath;
        var k = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return k < sent.Count ? $"lines[{sent[k]}]{m.Groups[2].Value}" : inputPath;
    }
}
