using Hl7.Fhir.Model;
using Trellis.Web.Features.Fhir.Resources;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Participants.Actions;

namespace Trellis.Web.Features.Fhir.Actions;

/// <summary>
/// PUT /fhir/Patient/{id}: the participant's details as the Patient states them (<see cref="PatientFields"/>), changed
/// through <see cref="ChangeParticipant"/> like the participant page and PUT /api/participants/{id}: a chart outside the
/// caller's care team is 404, roles that do not edit participants 403, If-Match required (428) and checked (412). The
/// program is not changed here (a move is a clinical decision, made in the chart): a Patient naming another one is refused.
/// </summary>
public static class UpdatePatient
{
    public static async Task<Result<Participant>> RunAsync(TrellisDbContext db, Guid id, Patient patient, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await SaveParticipant.LoadForEditAsync(db, id, ct) is not { } participant) return Refusal.NotFound("participant");
        var input = ParticipantInput.From(participant);
        if (PatientFields.Read(patient, input) is { } unreadable) return unreadable;
        if (PatientFields.ProgramOf(patient) is { } program && program != participant.ProgramId)
            return Refusal.Invalid($"Patient.extension('{PatientFields.ProgramExtension}')",
                $"{participant.DisplayName} is in {participant.Program!.Name}; a move to another program is made in the chart, not by an update of the Patient.");
        return await ChangeParticipant.RunAsync(db, id, input, expected, ct);
    }
}
