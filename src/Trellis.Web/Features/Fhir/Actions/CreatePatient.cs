using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Admissions.Actions;
using Trellis.Web.Features.Fhir.Resources;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Fhir.Actions;

/// <summary>
/// POST /fhir/Patient: a referral from another system. The Patient is read onto the participant's input
/// (<see cref="PatientFields"/>) and received as intake receives a referral (<see cref="ReceiveReferral"/>): a lead at
/// Screening with a new chart in the program, intake told, or nothing saved. The program is the one the Patient names in
/// <see cref="PatientFields.ProgramExtension"/>, or, when it names none, the one program the caller works in (a backend
/// service registered for one program); a caller of several programs must say which.
/// </summary>
public static class CreatePatient
{
    public static async Task<Result<Participant>> RunAsync(TrellisDbContext db, Patient patient, CancellationToken ct = default)
    {
        var input = new ParticipantInput();
        if (PatientFields.Read(patient, input) is { } unreadable) return unreadable;
        var field = $"Patient.extension('{PatientFields.ProgramExtension}')";
        var named = PatientFields.ProgramOf(patient);
        if (named == Guid.Empty)
            return Refusal.Invalid(field, $"The extension {PatientFields.ProgramExtension} takes one valueReference, HealthcareService/{{program id}} (GET /fhir/HealthcareService lists the programs).");
        if (named is null)
        {
            // Through the scope filter: the programs the caller works in (all, for an administrator).
            var mine = await db.Programs.Where(p => p.IsActive).Select(p => p.Id).Take(2).ToListAsync(ct);
            if (mine.Count != 1)
                return Refusal.Invalid(field, $"Say which program the person is referred to: add the extension {PatientFields.ProgramExtension} with valueReference HealthcareService/{{program id}} (GET /fhir/HealthcareService lists the programs).");
            named = mine[0];
        }
        input.ProgramId = named;
        return await ReceiveReferral.RunAsync(db, input, await ReferrerAsync(db, ct), ct);
    }

    /// <summary>Who the lead says referred them: the SMART client's registered name (a hospital's system); null for a person's own token.</summary>
    private static async Task<string?> ReferrerAsync(TrellisDbContext db, CancellationToken ct) =>
        Smart.SmartScope.ClientOf(db.Me.Principal) is { } client
            ? await db.Set<Smart.SmartClient>().Where(c => c.ClientId == client).Select(c => c.Name).FirstOrDefaultAsync(ct)
            : null;
}
