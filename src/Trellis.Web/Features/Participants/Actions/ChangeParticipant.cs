using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Participants.Actions;

/// <summary>
/// Change a participant's details, diagnoses and enrollment (a program or track change closes the open
/// enrollment and opens the next, so the history stays whole), from the version the person last saw.
/// Called by the participant page and PUT /api/participants/{id}.
/// </summary>
public static class ChangeParticipant
{
    public static async Task<Result<Participant>> RunAsync(TrellisDbContext db, Guid id, ParticipantInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await SaveParticipant.LoadForEditAsync(db, id, ct) is not { } participant) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.EditParticipants)) return Refusal.Forbidden("Your role does not change participants' details.");
        if (expected.Check(participant.Version) is { } stale) return stale;
        if (await SaveParticipant.CheckAsync(db, input, id, ct) is { } refused) return refused;
        SaveParticipant.Apply(db, participant, input);
        if (!await Concurrency.SaveIfUnchangedAsync(db, participant, expected.Version, ct: ct)) return Refusal.Stale(expected.Version!.Value + 1);
        return participant;
    }
}
