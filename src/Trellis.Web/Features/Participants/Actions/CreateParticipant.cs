using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Participants.Actions;

/// <summary>
/// Open a chart: intake, program directors and administrators, in a program of their own care team.
/// The MRN is made up when left empty. Called by the participant page and POST /api/participants.
/// </summary>
public static class CreateParticipant
{
    public static async Task<Result<Participant>> RunAsync(TrellisDbContext db, ParticipantInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.CreateParticipants))
            return Refusal.Forbidden("Only intake coordinators, program directors and administrators add participants.");
        if (await SaveParticipant.CheckAsync(db, input, null, ct) is { } refused) return refused;
        var participant = await SaveParticipant.CreateAsync(db, input, ct);
        await db.SaveChangesAsync(ct);
        return participant;
    }
}
