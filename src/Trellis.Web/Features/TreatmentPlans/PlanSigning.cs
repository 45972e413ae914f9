using System.ComponentModel.DataAnnotations;
using Trellis.Web.Data;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.TreatmentPlans;

public enum PlanSigner { Clinician, Supervisor, Participant }

/// <summary>Body of POST /api/participants/{id}/treatment-plan/signatures.</summary>
public sealed class PlanSignatureInput
{
    /// <summary>The version being signed: only the latest can be signed, so nobody signs a plan they have not seen.</summary>
    [Required(ErrorMessage = "Say which version you are signing (its number).")]
    public int? Number { get; set; }

    [Required(ErrorMessage = "Say who is signing: clinician, supervisor or participant.")]
    public PlanSigner? As { get; set; }

    /// <summary>For the participant's signature: their name as they type it.</summary>
    [MaxLength(200)]
    public string? TypedName { get; set; }

    /// <summary>Instead of a signature, staff may record that the participant declined to sign, and why.</summary>
    [MaxLength(1000)]
    public string? DeclinedReason { get; set; }

    /// <summary>For the clinician's signature: confirms the plan was written for this participant although it resembles one for another (see <see cref="ClonedPlanCheck"/>).</summary>
    public bool AcknowledgeSimilarText { get; set; }
}

/// <summary>Signing plan versions: clinician, supervisor (for supervised clinicians) and participant.</summary>
public static class PlanSigning
{
    /// <param name="signer">The staff member signing or recording the participant's signature; null when the participant signs on the portal.</param>
    /// <param name="isProgramDirector">Program directors may co-sign for any supervised clinician of their programs.</param>
    public static async Task<Refusal?> SignAsync(TrellisDbContext db, Participant participant, TreatmentPlan plan, TreatmentPlan latest,
        PlanSignatureInput input, StaffMember? signer, bool isProgramDirector, CancellationToken ct = default)
    {
        if (plan.Number != latest.Number)
            return Refusal.Conflict("Not the latest version",
                $"Version {plan.Number} was replaced by version {latest.Number}. Read and sign the latest version.",
                new Dictionary<string, object?> { ["latest"] = latest.Number });
        var now = db.Now;
        switch (input.As)
        {
            case PlanSigner.Clinician:
                if (signer is null) return Refusal.Forbidden("Only a clinician signs as the clinician.");
                if (plan.ClinicianSigned) return AlreadySigned($"the clinician, {plan.ClinicianName}", plan.ClinicianSignedAt);
                if (await ClonedPlanCheck.WarnAsync(db, plan, signer, input.AcknowledgeSimilarText, ct) is { } cloned) return cloned;
                plan.ClinicianStaffId = signer.Id;
                plan.ClinicianName = ClinicalStaff.SignatureName(signer);
                plan.ClinicianSignedAt = now;
                plan.SupervisorRequired = signer.RequiresSupervision;
                plan.SupervisorStaffId = signer.RequiresSupervision ? signer.SupervisorId : null;
                break;
            case PlanSigner.Supervisor:
                if (signer is null) return Refusal.Forbidden("Only a supervisor co-signs.");
                if (!plan.SupervisorRequired)
                    return Refusal.Conflict("No co-signature needed", plan.ClinicianSigned
                        ? $"{plan.ClinicianName} practises without supervision: this version needs no co-signature."
                        : "The clinician has not signed this version yet; a supervisor co-signs after.");
                if (plan.SupervisorSigned) return AlreadySigned($"the supervisor, {plan.SupervisorName}", plan.SupervisorSignedAt);
                if (plan.ClinicianStaffId == signer.Id) return Refusal.Forbidden("A clinician cannot co-sign their own plan.");
                if (plan.SupervisorStaffId != signer.Id && !isProgramDirector)
                    return Refusal.Forbidden("Only the clinician's supervisor or a program director can co-sign this plan.");
                plan.SupervisorName = ClinicalStaff.SignatureName(signer);
                plan.SupervisorStaffId = signer.Id;
                plan.SupervisorSignedAt = now;
                break;
            case PlanSigner.Participant:
                if (plan.ParticipantSigned)
                    return AlreadySigned(plan.ParticipantDeclinedReason is null ? $"{participant.FirstName}" : "the clinician (participant declined)", plan.ParticipantSignedAt);
                if (!string.IsNullOrWhiteSpace(input.DeclinedReason))
                {
                    if (signer is null) return Refusal.Invalid("declinedReason", "Staff record a declined signature; to sign, type your name.");
                    plan.ParticipantDeclinedReason = input.DeclinedReason.Trim();
                    plan.ParticipantSignatureMethod = "declined";
                    plan.ParticipantSignature = null;
                }
                else
                {
                    if (!MatchesName(input.TypedName, participant))
                        return Refusal.Invalid("typedName", $"Type the participant's name as the signature: {participant.LegalName}" +
                            (participant.PreferredName is null ? "." : $" or {participant.DisplayName}."));
                    plan.ParticipantSignature = input.TypedName!.Trim();
                    plan.ParticipantSignatureMethod = signer is null ? "portal" : "in_person";
                }
                plan.ParticipantSignedAt = now;
                break;
            default:
                return Refusal.Invalid("as", "Say who is signing: clinician, supervisor or participant.");
        }
        if (plan.IsComplete)
            await CareTasks.CompleteOpenAsync(db, participant.Id, CareTaskKinds.TreatmentPlanDue,
                $"Treatment plan version {plan.Number} signed by everyone.", ct);
        return null;
    }

    /// <summary>A typed signature must be the participant's legal or preferred name (case and spacing aside).</summary>
    public static bool MatchesName(string? typed, Participant p)
    {
        static string Norm(string s) => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(typed)) return false;
        var t = Norm(typed);
        return t == Norm(p.LegalName) || t == Norm(p.DisplayName);
    }

    private static Refusal AlreadySigned(string who, DateTimeOffset? at) =>
        Refusal.Conflict("Already signed", $"This version was already signed by {who} on {at:MMM d, yyyy}. A change to the plan is a new version, which is signed anew.");

    /// <param name="inEffectNumber">The latest complete version: it stays in effect while a newer one waits for signatures.</param>
    public static string StatusText(TreatmentPlan plan, int latestNumber, int? inEffectNumber = null)
    {
        if (plan.Number == inEffectNumber) return "In effect";
        if (plan.Number != latestNumber) return "Replaced";
        if (plan.IsComplete) return "In effect";
        if (!plan.ClinicianSigned && !plan.ParticipantSigned) return "Draft";
        return "Awaiting signatures";
    }

    /// <summary>The signatures a version still needs, in words.</summary>
    public static List<string> Missing(TreatmentPlan plan)
    {
        var list = new List<string>();
        if (!plan.ClinicianSigned) list.Add("clinician");
        if (plan.SupervisorRequired && !plan.SupervisorSigned) list.Add("supervisor");
        if (!plan.ParticipantSigned) list.Add("participant");
        return list;
    }
}
