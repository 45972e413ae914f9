using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Admissions.Authorizations;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Scheduling.Placement;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Admissions.Admission;

/// <summary>A track of the program and whether it fits the participant's week.</summary>
public sealed record TrackFitRow(Track Track, TrackFit Fit, string? RoomName);

/// <summary>An admission that passed its checks: the chart's details as they will be, and what to read first.</summary>
public sealed record AdmissionPlan(ParticipantInput Details, IReadOnlyList<string> Warnings);

/// <summary>
/// Admission: the participant's weekly obligations, which tracks fit around them (the placement
/// solver's per-track answer), and enrolling them in a program and track with their care team.
/// </summary>
public static class Admitting
{
    /// <summary>The participant with their program (for "today" and the checklist), or null when absent or outside the caller's programs.</summary>
    public static Task<Participant?> FindChartAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default) =>
        db.Participants.AsNoTracking().Include(p => p.Program).FirstOrDefaultAsync(p => p.Id == participantId, ct);

    public static Task<List<WeeklyObligation>> ObligationsAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default) =>
        db.Set<WeeklyObligation>().Where(o => o.ParticipantId == participantId).OrderBy(o => o.StartTime).ToListAsync(ct);

    public static WeeklyObligation AddObligation(TrellisDbContext db, Guid participantId, ObligationInput input)
    {
        var o = new WeeklyObligation
        {
            ParticipantId = participantId, Kind = input.Kind!.Value, Label = input.Label!.Trim(), Weekdays = input.Weekdays,
            StartTime = input.StartTime!.Value, EndTime = input.EndTime!.Value, TravelMinutes = input.TravelMinutes,
        };
        db.Set<WeeklyObligation>().Add(o);
        return o;
    }

    /// <summary>The solver works one day at a time: a Mon–Fri shift is five obligations.</summary>
    public static IEnumerable<Obligation> ForPlacement(IEnumerable<WeeklyObligation> obligations) =>
        obligations.SelectMany(o => o.Weekdays.Days().Select(d => new Obligation(d, o.StartTime, o.EndTime, o.Label, o.TravelMinutes, o.TravelMinutes)));

    /// <summary>Every active track of the participant's program, in start-time order, with whether it fits and why not.</summary>
    public static async Task<List<TrackFitRow>> TrackFitAsync(TrellisDbContext db, Participant participant, CancellationToken ct = default)
    {
        var program = participant.Program ?? await db.Programs.AsNoTracking().FirstAsync(p => p.Id == participant.ProgramId, ct);
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.ProgramId == participant.ProgramId && t.IsActive)
            .OrderBy(t => t.StartTime).ThenBy(t => t.Name).ToListAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        var census = await TrackCensus.EnrolledAsync(db, ct);
        var obligations = await ObligationsAsync(db, participant.Id, ct);
        var options = tracks.Select(t =>
        {
            var enrolled = census.GetValueOrDefault(t.Id);
            // Their own seat is not in their way.
            if (participant.TrackId == t.Id && TrackCensus.Occupying.Contains(participant.Status)) enrolled--;
            var video = t.DefaultRoomId is { } r && rooms.TryGetValue(r, out var room) && room.IsTelehealth;
            return TrackOption.From(t, enrolled, isTelehealth: video);
        }).ToList();
        var request = new PlacementRequest([.. ForPlacement(obligations)], options, [], program.MinimumWeeklyHours);
        var fits = PlacementSolver.TracksThatFit(request);
        return tracks.Select((t, i) => new TrackFitRow(t, fits[i], t.DefaultRoomId is { } r && rooms.TryGetValue(r, out var room) ? room.Name : null)).ToList();
    }

    /// <summary>
    /// What the admission would write (the chart's details as they will be) and the warnings worth
    /// reading first, or the refusal that stops it. Errors are keyed like the admission's JSON body.
    /// </summary>
    public static async Task<Result<AdmissionPlan>> CheckAsync(TrellisDbContext db, Participant participant, AdmitInput input, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var warnings = new List<string>();
        var today = participant.Today(db.Now);
        if (!AdmissionStages.IsPreAdmission(participant.Status))
            errors["participant"] = [$"{participant.DisplayName} is already {EnumText.Label(participant.Status).ToLowerInvariant()}; move tracks from the chart instead."];
        var fits = await TrackFitAsync(db, participant, ct);
        var row = fits.FirstOrDefault(f => f.Track.Id == input.TrackId);
        if (row is null)
            errors["trackId"] = ["Choose an active track of the participant's program."];
        else if (row.Fit.Track.IsFull)
            errors["trackId"] = [$"The {row.Track.Name} track is full ({row.Fit.Track.Enrolled} of {row.Fit.Track.Capacity}). Choose another track or put them on the waitlist."];
        else
            warnings.AddRange(row.Fit.Problems.Select(p => $"{row.Track.Name}: {p.Text}"));
        if (input.StartOn is { } start && (start < today.AddDays(-14) || start > today.AddDays(120)))
            errors["startOn"] = ["The first day must be within two weeks before today and four months ahead."];
        if (errors.Count > 0) return Refusal.Invalid(errors);

        var loaded = await SaveParticipant.LoadForEditAsync(db, participant.Id, ct);
        var details = ParticipantInput.From(loaded!);
        details.Status = ParticipantStatus.Admitted;
        details.TrackId = input.TrackId;
        details.AdmittedOn = input.StartOn;
        details.DischargedOn = null;
        details.PrimaryClinicianId = input.PrimaryClinicianId;
        details.CaseManagerId = input.CaseManagerId;
        details.PrescriberId = input.PrescriberId;
        if (await SaveParticipant.CheckAsync(db, details, participant.Id, ct) is { } refused) return refused;

        warnings.AddRange(await ReadinessAsync(db, participant, input.StartOn ?? today, ct));
        return new AdmissionPlan(details, warnings);
    }

    /// <summary>
    /// What is missing before admission: a recent level-of-care decision, an authorization covering
    /// the first day. Advice, not a block; the admission tab and the admission's answer say the same.
    /// </summary>
    public static async Task<List<string>> ReadinessAsync(TrellisDbContext db, Participant participant, DateOnly firstDay, CancellationToken ct = default)
    {
        var notes = new List<string>();
        var today = participant.Today(db.Now);
        if (!await db.LevelOfCareChanges.AnyAsync(l => l.ParticipantId == participant.Id && l.EffectiveOn >= today.AddDays(-60), ct))
            notes.Add("No level-of-care decision has been recorded in the last 60 days. A clinician records it on the Level of care tab; intake can ask one for it there.");
        if (!await db.Set<InsuranceAuthorization>().AnyAsync(a => a.ParticipantId == participant.Id && a.Status == AuthorizationStatus.Approved
                && a.StartOn <= firstDay && a.EndOn >= firstDay, ct))
            notes.Add("No approved authorization covers the first day. Record one (Authorizations tab) unless they pay for themselves.");
        return notes;
    }

    /// <summary>Enrolls the checked participant, closes their open lead as admitted, and hands over to the care team.</summary>
    public static async Task AdmitAsync(TrellisDbContext db, Guid participantId, ParticipantInput details, CancellationToken ct = default)
    {
        var participant = (await SaveParticipant.LoadForEditAsync(db, participantId, ct))!;
        SaveParticipant.Apply(db, participant, details);
        var track = await db.Tracks.AsNoTracking().FirstAsync(t => t.Id == details.TrackId, ct);
        var start = details.AdmittedOn!.Value;

        var lead = await db.Set<AdmissionCase>().Include(c => c.Steps)
            .Where(c => c.ParticipantId == participantId && c.ClosedAt == null).OrderByDescending(c => c.ReceivedAt).FirstOrDefaultAsync(ct);
        if (lead is not null)
        {
            lead.Stage = AdmissionStage.Admitted;
            lead.StageEnteredAt = db.Now;
            lead.ClosedAt = db.Now;
            lead.OwnerStaffId ??= db.Me.StaffId;
            lead.Steps.Add(await Pipeline.StepAsync(db, lead, AdmissionStage.Admitted, $"Admitted to the {track.Name} track ({track.Describe()}), first day {start:MMM d, yyyy}.", ct));
        }

        Notifier.Notify(db, [details.PrimaryClinicianId, details.CaseManagerId, details.PrescriberId], "admission",
            $"New on your caseload: {participant.DisplayName}",
            $"Admitted to the {track.Name} track ({track.Describe()}), first day {start:dddd, MMMM d}.",
            $"/participants/{participant.Id}", participant.Id);
        CareTasks.Raise(db, participant.Id, CareTaskKinds.Admission, $"Complete orientation for {participant.DisplayName}", start.AddDays(7),
            details.CaseManagerId ?? details.PrimaryClinicianId ?? db.Me.StaffId, null,
            "Go through the orientation checklist in the first week: program rules, schedule, consents, privacy notice and releases.",
            nameof(OrientationStep), participant.Id);
    }
}
