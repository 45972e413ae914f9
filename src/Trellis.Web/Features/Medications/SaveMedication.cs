using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Medications;

public static class SaveMedication
{
    public static async Task<Dictionary<string, string[]>> CheckAsync(TrellisDbContext db, Participant participant, MedicationInput input, DateOnly today, CancellationToken ct = default)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (input.PrescriberStaffId is { } sid)
        {
            var prescribers = await SaveParticipant.CareTeamChoicesAsync(db, participant.ProgramId, Auth.Roles.Prescriber, ct);
            if (prescribers.All(p => p.Id != sid))
                errors["prescriberStaffId"] = [$"Choose a prescriber of {participant.Program?.Name}, or name an outside prescriber."];
        }
        if (input.StartedOn is { } s && s > today.AddDays(1)) errors["startedOn"] = ["The start date is in the future; add the medication when it starts."];
        return errors;
    }

    public static async Task ApplyAsync(TrellisDbContext db, Medication m, MedicationInput input, CancellationToken ct = default)
    {
        m.Name = input.Name!.Trim();
        m.Dose = input.Dose!.Trim();
        m.Route = input.Route!.Value;
        m.Frequency = input.Frequency!.Trim();
        m.Reason = ClinicalText.Clean(input.Reason);
        m.PrescriberStaffId = input.PrescriberStaffId;
        m.PrescriberName = input.PrescriberStaffId is { } sid
            ? (await ClinicalStaff.NamesAsync(db, [sid], ct)).GetValueOrDefault(sid)
            : ClinicalText.Clean(input.PrescriberName);
        m.StartedOn = input.StartedOn;
        m.StoppedOn = input.StoppedOn;
        m.StopReason = input.StoppedOn is null ? null : ClinicalText.Clean(input.StopReason);
        m.Notes = ClinicalText.Clean(input.Notes);
        m.EnteredInError = input.EnteredInError;
        m.ErrorReason = input.EnteredInError ? ClinicalText.Clean(input.ErrorReason) : null;
    }
}
