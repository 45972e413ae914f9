using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Medications.Actions;

/// <summary>
/// Record an allergy or intolerance; the same substance twice is refused. Medications are checked against
/// it by ingredient and by class ("penicillin" rules out amoxicillin). Called by the allergy page and
/// POST /api/participants/{id}/allergies.
/// </summary>
public static class AddAllergy
{
    public static async Task<Result<Allergy>> RunAsync(TrellisDbContext db, Guid participantId, AllergyInput input, CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is null) return Refusal.NotFound("participant");
        if (await AllergyChecks.CheckAsync(db, participantId, input, null, ct) is { } refused) return refused;
        var a = new Allergy { ParticipantId = participantId };
        input.ApplyTo(a);
        db.Set<Allergy>().Add(a);
        await db.SaveChangesAsync(ct);
        return a;
    }
}

/// <summary>The checks adding and changing an allergy share.</summary>
public static class AllergyChecks
{
    internal static async Task<Refusal?> CheckAsync(TrellisDbContext db, Guid participantId, AllergyInput input, Guid? except, CancellationToken ct)
    {
        if (!db.Me.May(Permissions.ManageMedications)) return Refusal.Forbidden("Allergies are recorded by prescribers, clinicians and program directors.");
        if (Validation.Check(input) is { } invalid) return invalid;
        var substance = input.Substance!.Trim().ToLower();
        return !input.EnteredInError && await db.Set<Allergy>().AnyAsync(a => a.ParticipantId == participantId && !a.EnteredInError && a.Substance.ToLower() == substance && a.Id != except, ct)
            ? Refusal.Invalid("substance", $"{input.Substance!.Trim()} is already on the allergy list.")
            : null;
    }
}
