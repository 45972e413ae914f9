using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Medications;

/// <summary>
/// Reconciling the medication list, shared by the reconciliation action and the discharge: every active
/// medication decided, allergies confirmed, decisions applied to the list; the caller saves.
/// </summary>
public static class Reconcile
{
    public static async Task<Result<MedicationReconciliation>> ApplyAsync(TrellisDbContext db, Participant participant,
        ReconciliationInput input, StaffMember by, DateOnly today, CancellationToken ct = default)
    {
        var errors = Validation.ToDictionary(Validation.Validate(input));
        var on = input.ReconciledOn ?? today;
        if (on > today) errors["reconciledOn"] = ["The reconciliation date is in the future."];
        var meds = await db.Set<Medication>().Where(m => m.ParticipantId == participant.Id && !m.EnteredInError).ToListAsync(ct);
        var active = meds.Where(m => m.IsActiveOn(on)).ToList();
        var allergies = await db.Set<Allergy>().AsNoTracking().Where(a => a.ParticipantId == participant.Id && !a.EnteredInError).ToListAsync(ct);
        for (var i = 0; i < input.Items.Count; i++)
        {
            var item = input.Items[i];
            if (item.MedicationId is { } id && meds.All(m => m.Id != id))
                errors[$"items[{i}].medicationId"] = ["That medication is not on this participant's list."];
            if (item.Decision is ReconciliationDecision.Change or ReconciliationDecision.Hold && string.IsNullOrWhiteSpace(item.Comment))
                errors[$"items[{i}].comment"] = [item.Decision == ReconciliationDecision.Change ? "Say what changes." : "Say why it is held and until when."];
        }
        foreach (var m in active.Where(m => input.Items.All(x => x.MedicationId != m.Id)))
            errors["items"] = [$"Decide on every active medication, including {m.Describe()}."];
        if (!input.AllergiesReviewed) errors["allergiesReviewed"] = ["Review the allergies with the participant and confirm it."];
        if (input.NoKnownAllergies && allergies.Count > 0)
            errors["noKnownAllergies"] = [$"The chart lists allergies ({string.Join(", ", allergies.Select(a => a.Substance))}); mark those entered in error first if they are wrong."];
        if (errors.Count > 0) return Refusal.Invalid(errors);

        var rec = new MedicationReconciliation
        {
            ParticipantId = participant.Id, Kind = input.Kind!.Value, ReconciledOn = on, ReconciledByStaffId = by.Id,
            ReconciledByName = ClinicalStaff.SignatureName(by), Sources = input.Sources!.Trim(), NoKnownAllergies = input.NoKnownAllergies,
            AllergySummary = allergies.Count == 0 ? (input.NoKnownAllergies ? "No known allergies" : "None recorded")
                : string.Join("; ", allergies.Select(a => $"{a.Substance}{(a.Reaction is null ? "" : $" ({a.Reaction})")}, {a.Severity.ToString().ToLowerInvariant()}")),
            Notes = ClinicalText.Clean(input.Notes),
        };
        foreach (var item in input.Items)
        {
            var med = meds.First(m => m.Id == item.MedicationId);
            rec.Items.Add(new ReconciledMedication { MedicationId = med.Id, Description = med.Describe(), Decision = item.Decision!.Value, Comment = ClinicalText.Clean(item.Comment) });
            if (item.Decision == ReconciliationDecision.Stop && med.StoppedOn is null)
            {
                med.StoppedOn = on;
                var reason = $"Stopped at {Infrastructure.EnumText.Label(rec.Kind).ToLowerInvariant()} reconciliation" + (item.Comment is null ? "" : $": {item.Comment.Trim()}");
                med.StopReason = reason.Length <= 300 ? reason : reason[..299] + "…";
            }
        }
        db.Set<MedicationReconciliation>().Add(rec);
        return rec;
    }
}
