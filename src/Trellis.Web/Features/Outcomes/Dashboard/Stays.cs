namespace Trellis.Web.Features.Outcomes;

/// <summary>An enrollment reduced to what the figures need.</summary>
public sealed record EnrollmentSpan(Guid ParticipantId, Guid ProgramId, Guid? TrackId, DateOnly StartedOn, DateOnly? EndedOn);

/// <summary>
/// One stay in a program: enrollments of one participant in one program joined where one starts by the day after
/// the last ends (a track move is not a new stay). <see cref="EndedOn"/> is the day they left (discharge or a move to
/// another program); <see cref="LastTrackId"/> the track they left from.
/// </summary>
public sealed record Stay(Guid ParticipantId, Guid ProgramId, DateOnly StartedOn, DateOnly? EndedOn, Guid? LastTrackId, IReadOnlyList<Guid?> TrackIds)
{
    /// <summary>In care on a day: started on or before it, not yet left (the discharge day counts as in care).</summary>
    public bool InCareOn(DateOnly day) => StartedOn <= day && (EndedOn is null || EndedOn >= day);
    /// <summary>Length of stay in days, admission and discharge days both counted.</summary>
    public int? LengthDays => EndedOn is { } e ? e.DayNumber - StartedOn.DayNumber + 1 : null;
}

/// <summary>The one definition of a stay (census, admissions, length of stay, discharges, readmissions all count stays). Pure.</summary>
public static class Stays
{
    public static List<Stay> From(IEnumerable<EnrollmentSpan> enrollments)
    {
        var stays = new List<Stay>();
        foreach (var g in enrollments.GroupBy(e => (e.ParticipantId, e.ProgramId)))
        {
            Stay? open = null;
            foreach (var e in g.OrderBy(e => e.StartedOn))
            {
                if (open is not null && open.EndedOn is { } end && e.StartedOn <= end.AddDays(1))
                {
                    open = open with { EndedOn = e.EndedOn is null || e.EndedOn > end ? e.EndedOn : end, LastTrackId = e.TrackId, TrackIds = [.. open.TrackIds, e.TrackId] };
                    continue;
                }
                if (open is not null && open.EndedOn is null) continue; // an overlapping row inside an open stay
                if (open is not null) stays.Add(open);
                open = new Stay(e.ParticipantId, e.ProgramId, e.StartedOn, e.EndedOn, e.TrackId, [e.TrackId]);
            }
            if (open is not null) stays.Add(open);
        }
        return stays;
    }
}
