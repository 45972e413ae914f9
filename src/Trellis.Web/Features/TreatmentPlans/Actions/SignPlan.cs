using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.TreatmentPlans.Actions;

/// <summary>Body of POST /api/participants/{id}/treatment-plan/signatures, and of the signing forms.</summary>
public sealed class PlanSignatureInput : IValidatableObject
{
    /// <summary>The version being signed: only the latest can be signed, so nobody signs a plan they have not seen.</summary>
    [Required(ErrorMessage = "Say which version you are signing (its number).")]
    public int? Number { get; set; }

    [Required(ErrorMessage = "Say who is signing: clinician, supervisor or participant.")]
    public PlanSigner? As { get; set; }

    /// <summary>For the participant's signature: their name as they type it (the name they go by, or their legal name). Kept as typed.</summary>
    [MaxLength(200)]
    public string? TypedName { get; set; }

    /// <summary>Staff record that the participant would not sign; the reason is required.</summary>
    public bool Declined { get; set; }

    /// <summary>Why the participant declined to sign, in their words where possible. Sending a reason records a refusal.</summary>
    [MaxLength(1000)]
    public string? DeclinedReason { get; set; }

    /// <summary>For the clinician's signature: confirms the plan was written for this participant although it resembles one for another (see <see cref="ClonedPlanCheck"/>).</summary>
    public bool AcknowledgeSimilarText { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (Declined && string.IsNullOrWhiteSpace(DeclinedReason))
            yield return new("Say why the participant declined to sign.", [nameof(DeclinedReason)]);
    }
}

/// <summary>
/// Sign the latest version of a treatment plan: as its clinician, as the supervisor of a supervised
/// clinician (or a program director), or as the participant (typing their name, on the portal or in
/// person), or record that the participant declined. A participant signs only their own plan, and only as
/// the participant. A version signed by everyone takes effect and closes the "plan due" task. Called by the
/// chart's plan page, the participant's portal page and POST /api/participants/{id}/treatment-plan/signatures.
/// </summary>
public static class SignPlan
{
    public static async Task<Result<TreatmentPlan>> RunAsync(TrellisDbContext db, Guid participantId, PlanSignatureInput input, CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.SignTreatmentPlans)) return Refusal.Forbidden("Treatment plans are signed by the participant's clinicians and the participant.");
        if (Validation.Check(input) is { } invalid) return invalid;
        // The filters let a participant reach no chart but their own.
        var isParticipant = db.Me.ParticipantId == participantId;
        if (isParticipant && input.As != PlanSigner.Participant) return Refusal.Forbidden("You can sign your own plan as the participant.");
        var signer = isParticipant ? null : await ClinicalStaff.CurrentAsync(db, ct);
        if (!isParticipant && signer is null) return Refusal.Forbidden("Only staff and the participant sign treatment plans.");
        if (await db.Set<TreatmentPlan>().FirstOrDefaultAsync(p => p.ParticipantId == participantId && p.Number == input.Number, ct) is not { } plan)
            return Refusal.NotFound("plan version");
        var latest = (await TreatmentPlanQueries.LatestAsync(db, participantId, ct))!;
        if (plan.Number != latest.Number)
            return Refusal.Conflict("Not the latest version",
                $"Version {plan.Number} was replaced by version {latest.Number}. Read and sign the latest version.",
                new Dictionary<string, object?> { ["latest"] = latest.Number });
        if (input.As == PlanSigner.Clinician && !plan.ClinicianSigned
            && await ClonedPlanCheck.WarnAsync(db, plan, signer!, input.AcknowledgeSimilarText, ct) is { } cloned) return cloned;
        if (Sign(db, participant, plan, input, signer, isParticipant) is { } refused) return refused;
        if (plan.IsComplete)
            await CareTasks.CompleteOpenAsync(db, participant.Id, CareTaskKinds.TreatmentPlanDue, $"Treatment plan version {plan.Number} signed by everyone.", ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Conflict("Someone signed this version at the same moment; load it again.");
        }
        return plan;
    }

    private static Refusal? Sign(TrellisDbContext db, Participant participant, TreatmentPlan plan, PlanSignatureInput input, StaffMember? signer, bool byParticipant)
    {
        var now = db.Now;
        switch (input.As)
        {
            case PlanSigner.Clinician:
                if (plan.ClinicianSigned) return AlreadySigned($"the clinician, {plan.ClinicianName}", plan.ClinicianSignedAt);
                plan.ClinicianStaffId = signer!.Id;
                plan.ClinicianName = ClinicalStaff.SignatureName(signer);
                plan.ClinicianSignedAt = now;
                plan.SupervisorRequired = signer.RequiresSupervision;
                plan.SupervisorStaffId = signer.RequiresSupervision ? signer.SupervisorId : null;
                return null;
            case PlanSigner.Supervisor:
                if (!plan.SupervisorRequired)
                    return Refusal.Conflict("No co-signature needed", plan.ClinicianSigned
                        ? $"{plan.ClinicianName} practises without supervision: this version needs no co-signature."
                        : "The clinician has not signed this version yet; a supervisor co-signs after.");
                if (plan.SupervisorSigned) return AlreadySigned($"the supervisor, {plan.SupervisorName}", plan.SupervisorSignedAt);
                if (plan.ClinicianStaffId == signer!.Id) return Refusal.Forbidden("A clinician cannot co-sign their own plan.");
                if (plan.SupervisorStaffId != signer.Id && !db.Me.IsInRole(Auth.Roles.ProgramDirector))
                    return Refusal.Forbidden("Only the clinician's supervisor or a program director can co-sign this plan.");
                plan.SupervisorName = ClinicalStaff.SignatureName(signer);
                plan.SupervisorStaffId = signer.Id;
                plan.SupervisorSignedAt = now;
                return null;
            default:
                if (plan.ParticipantSigned)
                    return AlreadySigned(plan.ParticipantDeclinedReason is null ? participant.FirstName : "the clinician (participant declined)", plan.ParticipantSignedAt);
                if (input.Declined || !string.IsNullOrWhiteSpace(input.DeclinedReason))
                {
                    if (byParticipant) return Refusal.Invalid("declinedReason", "Staff record a declined signature; to sign, type your name.");
                    plan.ParticipantDeclinedReason = input.DeclinedReason!.Trim();
                    plan.ParticipantSignatureMethod = "declined";
                    plan.ParticipantSignature = null;
                }
                else
                {
                    if (!PlanSigning.MatchesName(input.TypedName, participant))
                        return Refusal.Invalid("typedName", byParticipant
                            ? $"Type your name to sign: {participant.DisplayName}, or your legal name."
                            : $"{participant.FirstName} types their name to sign: {participant.DisplayName}, or their legal name as on the chart.");
                    plan.ParticipantSignature = input.TypedName!.Trim();
                    plan.ParticipantSignatureMethod = byParticipant ? "portal" : "in_person";
                }
                plan.ParticipantSignedAt = now;
                return null;
        }
    }

    private static Refusal AlreadySigned(string who, DateTimeOffset? at) =>
        Refusal.Conflict("Already signed", $"This version was already signed by {who} on {at:MMM d, yyyy}. A change to the plan is a new version, which is signed anew.");
}
