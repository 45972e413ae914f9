using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Admissions;

/// <summary>
/// Opening a chart for a lead, so screening results, decisions and authorizations have a home:
/// a new participant, or the chart a returning person already has (never a duplicate). Adds the
/// changes to the context; <see cref="Actions.RegisterLead"/> saves.
/// </summary>
public static class Registration
{
    /// <summary>Statuses from which a returning person's chart can be picked up again.</summary>
    private static readonly ParticipantStatus[] Reusable =
        [ParticipantStatus.Inquiry, ParticipantStatus.Screening, ParticipantStatus.Waitlisted, ParticipantStatus.NotAdmitted, ParticipantStatus.Discharged];

    /// <param name="details">
    /// Everything known of the person for a new chart (a referral from another system sends address, contacts, its own
    /// identifier); null when intake registers from the lead, whose contact details the chart then takes. Its name and
    /// date of birth are the ones registered; its status and program are set here.
    /// </param>
    public static async Task<Result<Participant>> RegisterAsync(TrellisDbContext db, AdmissionCase c, RegisterInput input, CancellationToken ct = default,
        ParticipantInput? details = null)
    {
        if (c.ParticipantId is not null) return Refusal.Invalid("lead", "This lead already has a chart.");
        if (!c.IsOpen) return Refusal.Invalid("lead", $"This lead is {AdmissionStages.Label(c.Stage).ToLowerInvariant()}; reopen it before opening a chart.");
        var programId = input.ProgramId!.Value;
        var program = await db.Programs.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programId && p.IsActive, ct);
        if (c.ProgramId is { } asked && asked != programId && !db.Scope.Covers(asked))
            return Refusal.Invalid("programId", "This lead belongs to another program.");
        if (program is null || !db.Scope.Covers(programId)) return Refusal.Invalid("programId", "Choose an active program you work in.");

        Participant participant;
        if (input.ExistingParticipantId is { } existingId)
        {
            var existing = await db.Participants.FirstOrDefaultAsync(p => p.Id == existingId, ct);
            if (existing is null)
                return Refusal.Invalid("existingParticipantId", "No chart with that id exists, or it is outside your programs.");
            if (!Reusable.Contains(existing.Status))
                return Refusal.Invalid("existingParticipantId", $"{existing.DisplayName} is {StatusWords(existing.Status)} now; a lead cannot take over a chart in treatment.");
            if (await db.Set<AdmissionCase>().AnyAsync(o => o.ParticipantId == existingId && o.Id != c.Id && o.ClosedAt == null, ct))
                return Refusal.Invalid("existingParticipantId", "Another open lead is already linked to that chart.");
            participant = existing;
            // A returning person starts a new stay: the last one lives on in the enrollment history.
            participant.ProgramId = programId;
            participant.Status = ParticipantStatus.Screening;
            participant.AdmittedOn = null;
            participant.DischargedOn = null;
            participant.TrackId = null;
        }
        else
        {
            var first = input.LegalFirstName!.Trim();
            var last = input.LegalLastName!.Trim();
            var dob = input.DateOfBirth!.Value;
            var twins = await db.Participants.AsNoTracking()
                .Where(p => p.LegalFirstName.ToLower() == first.ToLower() && p.LegalLastName.ToLower() == last.ToLower() && p.DateOfBirth == dob)
                .Select(p => new { p.Id, p.Mrn, p.Status }).ToListAsync(ct);
            if (twins.Count > 0)
                return Refusal.Invalid("existingParticipantId",
                    $"A chart with this name and date of birth already exists ({string.Join(", ", twins.Select(t => $"MRN {t.Mrn}, {StatusWords(t.Status)}"))}). Use it instead of opening a second one.");
            details ??= new ParticipantInput
            {
                Email = c.Email, Phone = c.Phone,
                AdministrativeGender = input.AdministrativeGender, PreferredLanguage = input.PreferredLanguage, InterpreterNeeded = input.InterpreterNeeded,
            };
            (details.LegalFirstName, details.LegalLastName, details.DateOfBirth) = (first, last, dob);
            (details.Status, details.ProgramId) = (ParticipantStatus.Screening, programId);
            if (await SaveParticipant.CheckAsync(db, details, null, ct) is { } refused) return refused;
            participant = await SaveParticipant.CreateAsync(db, details, ct);
        }

        c.ParticipantId = participant.Id;
        c.ProgramId = programId;
        c.OwnerStaffId ??= db.Me.StaffId;
        var note = $"Chart opened: MRN {participant.Mrn}.";
        if (c.Stage == AdmissionStage.Inquiry)
        {
            c.Stage = AdmissionStage.Screening;
            c.StageEnteredAt = db.Now;
            c.Steps.Add(await Pipeline.StepAsync(db, c, AdmissionStage.Screening, note, ct));
        }
        else
        {
            participant.Status = AdmissionStages.StatusFor(c.Stage);
            c.Steps.Add(await Pipeline.StepAsync(db, c, c.Stage, note, ct));
        }
        return participant;
    }

    private static string StatusWords(ParticipantStatus s) => EnumText.Label(s).ToLowerInvariant();
}
