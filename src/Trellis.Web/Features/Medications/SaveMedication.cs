using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Medications.Catalog;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Medications;

/// <summary>What adding and changing a medication share: the chart's checks, copying the input, and the warnings to acknowledge.</summary>
public static class SaveMedication
{
    /// <summary>Every rule at once: the input's own, the prescriber among the program's, no start far in the future, a name that matches its catalog code.</summary>
    public static async Task<Refusal?> CheckAsync(TrellisDbContext db, Participant participant, MedicationInput input, DateOnly today, CancellationToken ct = default)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (input.PrescriberStaffId is { } sid)
        {
            var prescribers = await SaveParticipant.CareTeamChoicesAsync(db, participant.ProgramId, Auth.Roles.Prescriber, ct);
            if (prescribers.All(p => p.Id != sid))
                errors["prescriberStaffId"] = [$"Choose a prescriber of {participant.Program?.Name}, or name an outside prescriber."];
        }
        if (input.StartedOn is { } s && s > today.AddDays(1)) errors["startedOn"] = ["The start date is in the future; add the medication when it starts."];
        if (DrugCatalog.Shipped.Get(input.DrugCode) is { } coded && DrugCatalog.Shipped.Resolve(input.Name) is { } named && named.Code != coded.Code)
            errors["name"] = [$"{input.Name!.Trim()} is {named.Name} in the drug catalog, not {coded.Name}: correct the name or the drug."];
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    public static async Task ApplyAsync(TrellisDbContext db, Medication m, MedicationInput input, CancellationToken ct = default)
    {
        m.Name = input.Name!.Trim();
        m.DrugCode = (DrugCatalog.Shipped.Get(input.DrugCode) ?? DrugCatalog.Shipped.Resolve(m.Name))?.Code;
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

    /// <summary>
    /// The warnings the medication, as it would be saved, raises that nobody has acknowledged yet: a 409 listing
    /// them until the input acknowledges them with a reason; then the acknowledgment is kept on the medication.
    /// </summary>
    public static async Task<Refusal?> AcknowledgeAsync(TrellisDbContext db, Participant participant, Medication m, MedicationInput input, DateOnly today,
        CancellationToken ct = default)
    {
        var list = await db.Set<Medication>().AsNoTracking().Where(x => x.ParticipantId == participant.Id && x.Id != m.Id).ToListAsync(ct);
        var allergies = await db.Set<Allergy>().AsNoTracking().Where(a => a.ParticipantId == participant.Id).ToListAsync(ct);
        var open = MedicationChecks.Unacknowledged(MedicationChecks.For(DrugCatalog.Shipped, m, list, allergies, today), list.Append(m));
        if (open.Count == 0) return null;
        if (!input.AcknowledgeWarnings)
            return Refusal.Conflict("Check this medication",
                $"{(open.Count == 1 ? "One warning" : $"{open.Count} warnings")} before {m.Name} is saved for {participant.FirstName}: {string.Join(" ", open.Select(w => w.Message))} " +
                "Nothing was saved. If it is right all the same, confirm with a reason (acknowledgeWarnings and acknowledgmentReason).",
                new Dictionary<string, object?> { ["warnings"] = open });
        if (ClinicalText.Clean(input.AcknowledgmentReason) is not { } reason)
            return Refusal.Invalid("acknowledgmentReason", "Say why the medication is right despite the warnings; the reason is kept with it.")
                with { Extensions = new Dictionary<string, object?> { ["warnings"] = open } };
        var by = await ClinicalStaff.CurrentAsync(db, ct);
        m.Acknowledgments.Add(new MedicationAcknowledgment
        {
            Warnings = open.Select(w => new AcknowledgedWarning { Key = w.Key, Message = w.Message }).ToList(),
            Reason = reason, ByStaffId = by?.Id, ByName = by is null ? db.Me.DisplayName : ClinicalStaff.SignatureName(by), At = db.Now,
        });
        return null;
    }
}
