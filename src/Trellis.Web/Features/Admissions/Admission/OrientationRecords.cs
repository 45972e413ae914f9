using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Admissions.Admission;

/// <summary>One line of a participant's checklist: done or not, when, by whom, or which consent satisfies it.</summary>
public sealed record ChecklistLine(OrientationItem Item, bool Done, DateOnly? DoneOn, string? DoneBy, string? Note, long? Version);

/// <summary>The orientation checklist and the consents recorded at admission.</summary>
public static class OrientationRecords
{
    public static async Task<List<ChecklistLine>> ChecklistAsync(TrellisDbContext db, Guid participantId, TreatmentProgram program, CancellationToken ct = default)
    {
        var today = ProgramClock.Today(db.Now, program.TimeZoneId);
        var steps = await db.Set<OrientationStep>().AsNoTracking().Where(s => s.ParticipantId == participantId).ToListAsync(ct);
        var part2 = (await db.Set<DisclosureConsent>().AsNoTracking().Where(c => c.ParticipantId == participantId && c.Kind == ConsentKind.Part2).ToListAsync(ct))
            .Where(c => c.IsActiveOn(today)).OrderByDescending(c => c.SignedOn).FirstOrDefault();
        return Orientation.ItemsFor(program).Select(item =>
        {
            if (item == OrientationItem.Part2Consent)
                return new ChecklistLine(item, part2 is not null, part2?.SignedOn, part2?.SignedBy, part2 is null ? null : $"Consent to disclose to {part2.Recipient}", null);
            var s = steps.FirstOrDefault(x => x.Item == item);
            return new ChecklistLine(item, s?.DoneOn is not null, s?.DoneOn, s?.DoneBy, s?.Note, s?.Version);
        }).ToList();
    }

    /// <summary>Ticks or unticks an item. Part 2 consent cannot be ticked: only a consent record satisfies it. The action saves.</summary>
    public static async Task<Result<OrientationStep>> SetAsync(TrellisDbContext db, Participant participant, OrientationItem item, bool done,
        string? note, CancellationToken ct = default)
    {
        var program = participant.Program!;
        if (!Orientation.ItemsFor(program).Contains(item))
            return Refusal.Invalid("item", $"{Orientation.Label(item)} is not on the checklist of {program.Name}.");
        if (!Orientation.IsTickable(item))
            return Refusal.Invalid("item", "Record the Part 2 consent with its required elements below; the item is ticked by a valid consent.");
        var step = await db.Set<OrientationStep>().FirstOrDefaultAsync(s => s.ParticipantId == participant.Id && s.Item == item, ct);
        if (step is null)
        {
            step = new OrientationStep { ParticipantId = participant.Id, Item = item };
            db.Set<OrientationStep>().Add(step);
        }
        step.DoneOn = done ? participant.Today(db.Now) : null;
        step.DoneBy = done ? db.Me.DisplayName : null;
        step.Note = string.IsNullOrWhiteSpace(note) ? step.Note : note.Trim();
        return step;
    }

    public static DisclosureConsent AddConsent(TrellisDbContext db, Guid participantId, ConsentInput input)
    {
        var consent = new DisclosureConsent
        {
            ParticipantId = participantId, Kind = input.Kind!.Value, PatientName = input.PatientName!.Trim(),
            DisclosingParty = input.DisclosingParty!.Trim(), Information = input.Information!.Trim(), Recipient = input.Recipient!.Trim(),
            Purpose = input.Purpose!.Trim(), ExpiresOn = input.ExpiresOn, ExpiresOnEvent = Pipeline.Clean(input.ExpiresOnEvent),
            RightToRevokeExplained = input.RightToRevokeExplained, RedisclosureNoticeGiven = input.RedisclosureNoticeGiven,
            SignedBy = input.SignedBy!.Trim(), SignerRelationship = Pipeline.Clean(input.SignerRelationship) ?? "self", SignedOn = input.SignedOn!.Value,
        };
        db.Set<DisclosureConsent>().Add(consent);
        return consent;
    }

    /// <summary>A consent form filled with what the program already knows, for intake to check with the participant.</summary>
    public static ConsentInput Draft(ConsentKind kind, string patientName, TreatmentProgram program, string? payer, DateOnly today) => kind == ConsentKind.Part2
        ? new ConsentInput
        {
            Kind = kind, PatientName = patientName, DisclosingParty = program.Name,
            Information = "Dates of service, diagnoses, services provided, attendance and treatment progress needed for payment; no counseling notes.",
            Recipient = payer ?? "My health plan", Purpose = "Payment for my treatment and the program's health care operations.",
            ExpiresOnEvent = "One year after my treatment in this program ends", SignedBy = patientName, SignedOn = today,
        }
        : new ConsentInput
        {
            Kind = kind, PatientName = patientName, DisclosingParty = program.Name, Information = "Attendance and general progress.",
            Purpose = "Coordination of care.", ExpiresOn = today.AddYears(1), SignedBy = patientName, SignedOn = today,
        };
}
