using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Web.Features.Admissions.Admission.Actions;

/// <summary>Remove a weekly obligation that no longer applies. Called by the admission tab and DELETE /api/participants/{id}/obligations/{obligationId}.</summary>
public static class RemoveObligation
{
    public static async Task<Result<WeeklyObligation>> RunAsync(TrellisDbContext db, Guid participantId, Guid obligationId, CancellationToken ct = default)
    {
        var obligation = await db.Set<WeeklyObligation>().FirstOrDefaultAsync(x => x.Id == obligationId && x.ParticipantId == participantId, ct);
        if (obligation is null) return Refusal.NotFound("obligation");
        if (!db.Me.May(Permissions.AdmissionRecords)) return AdmissionRules.NotAllowed;
        db.Remove(obligation);
        await db.SaveChangesAsync(ct);
        return obligation;
    }
}
