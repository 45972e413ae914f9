using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Medications;

/// <summary>What recording and correcting a drug test share: the checks, the expected-or-not reading of each result, and the follow-up of an unexpected one.</summary>
public static class SaveDrugTest
{
    /// <summary>Kind of the follow-up task an unexpected result raises for the primary clinician.</summary>
    public const string FollowUpTaskKind = "drug_test_follow_up";

    public static Refusal? Check(TrellisDbContext db, DrugTestInput input, DateOnly today)
    {
        if (!db.Me.May(Auth.Permissions.RecordDrugTests)) return Refusal.Forbidden("Recording drug tests is for clinical staff.");
        var errors = Validation.ToDictionary(Validation.Validate(input));
        if (input.CollectedOn is { } on && on > today) errors["collectedOn"] = ["The collection date is in the future."];
        return errors.Count > 0 ? Refusal.Invalid(errors) : null;
    }

    /// <summary>Copies the input, working out which results a prescription explains, and returns whether an unexpected result is new.</summary>
    public static async Task<bool> ApplyAsync(TrellisDbContext db, DrugTest test, DrugTestInput input, CancellationToken ct = default)
    {
        var day = input.CollectedOn!.Value;
        var wasUnexpected = test.Results.Where(r => r.IsUnexpected).Select(r => r.Substance).ToHashSet();
        var meds = (await db.Set<Medication>().AsNoTracking().Where(m => m.ParticipantId == test.ParticipantId && !m.EnteredInError).ToListAsync(ct))
            .Where(m => m.IsActiveOn(day)).Select(m => m.Name).ToList();
        test.CollectedOn = day;
        test.CollectedAt = input.CollectedAt;
        test.Specimen = input.Specimen!.Value;
        test.Panel = input.Panel!.Trim();
        test.Observed = input.Observed;
        test.LabConfirmed = input.LabConfirmed;
        test.Notes = ClinicalText.Clean(input.Notes);
        test.EnteredInError = input.EnteredInError;
        test.ErrorReason = input.EnteredInError ? ClinicalText.Clean(input.ErrorReason) : null;
        test.Results = input.Results.Select(r =>
        {
            var code = DrugPanels.Substance(r.Substance)!.Code;
            var prescribedAs = DrugPanels.PrescribedAs(code, meds);
            var prescribed = r.Prescribed ?? prescribedAs is not null;
            return new SubstanceResult
            {
                Substance = code, Result = r.Result!.Value, Prescribed = prescribed,
                PrescribedAs = prescribed ? prescribedAs ?? "marked prescribed by staff" : null,
            };
        }).ToList();
        return !test.EnteredInError && test.Results.Any(r => r.IsUnexpected && !wasUnexpected.Contains(r.Substance));
    }

    /// <summary>An unexpected result reaches the primary clinician and prescriber, with a task to discuss it with the participant.</summary>
    public static async Task RaiseFollowUpAsync(TrellisDbContext db, Participant participant, DrugTest test, CancellationToken ct = default)
    {
        var what = string.Join(", ", test.Unexpected.Select(r => r.Result == DrugResult.Positive
            ? $"positive for {DrugPanels.NameOf(r.Substance)}" : $"negative for prescribed {DrugPanels.NameOf(r.Substance).ToLowerInvariant()}"));
        var title = $"Unexpected drug test result: {what}";
        if ((await CareTasks.OpenAsync(db, participant.Id, FollowUpTaskKind, ct)).All(t => t.SourceId != test.Id))
            CareTasks.Raise(db, participant.Id, FollowUpTaskKind, Short(title), ProgramClock.Today(db.Now, participant.Program?.TimeZoneId).AddDays(2),
                assignedToStaffId: participant.PrimaryClinicianId, assignedRole: participant.PrimaryClinicianId is null ? Auth.Roles.Clinician : null,
                detail: $"Collected {test.CollectedOn:MMM d, yyyy} ({test.Panel}). Discuss it with {participant.FirstName} without judgement and review the treatment plan.",
                sourceType: nameof(DrugTest), sourceId: test.Id);
        Notifier.Notify(db, [participant.PrimaryClinicianId, participant.PrescriberId], "drug_test", Short(title),
            $"{participant.DisplayName}, collected {test.CollectedOn:MMM d}.", $"/participants/{participant.Id}/drug-tests", participant.Id);
    }

    private static string Short(string s) => s.Length <= 200 ? s : s[..199] + "…";

    public static DrugTest New(Participant participant, StaffMember by) => new()
    {
        ParticipantId = participant.Id, CollectedByStaffId = by.Id, CollectedByName = ClinicalStaff.SignatureName(by),
    };
}
