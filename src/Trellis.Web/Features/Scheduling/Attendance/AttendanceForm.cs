namespace Trellis.Web.Features.Scheduling;

/// <summary>The attendance page's form: one line per participant on the roster, posted together.</summary>
public sealed class AttendanceForm
{
    public List<AttendanceFormLine> Lines { get; set; } = [];
    /// <summary>Why records already taken are being changed; kept in their history.</summary>
    public string? Reason { get; set; }
    /// <summary>The roster version the person was shown.</summary>
    public long? Version { get; set; }
    /// <summary>The "everyone else is here" button: lines left unmarked are saved as present.</summary>
    public bool AllPresent { get; set; }

    /// <summary>Lines with a status, as entries; unmarked lines are left out (or present with <see cref="AllPresent"/>).</summary>
    public List<AttendanceEntry> Entries() => Lines
        .Where(l => l.Status is not null || AllPresent)
        .Select(l => new AttendanceEntry(l.ParticipantId, l.Status ?? AttendanceStatus.Present, l.MinutesLate, l.MinutesLeftEarly, l.Note))
        .ToList();
}

public sealed class AttendanceFormLine
{
    public Guid ParticipantId { get; set; }
    public AttendanceStatus? Status { get; set; }
    public int? MinutesLate { get; set; }
    public int? MinutesLeftEarly { get; set; }
    public string? Note { get; set; }
}
