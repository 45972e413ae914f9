using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Fhir.Export;

namespace Trellis.Web.Features.Fhir.Actions;

/// <summary>
/// DELETE on an export's status URL, by its requester only (anyone else: 404): a queued or finished export is removed
/// with its files at once; a running one is marked, and its runner stops at its next batch and removes both.
/// </summary>
public static class DeleteExport
{
    public static async Task<Result<Guid>> RunAsync(TrellisDbContext db, FhirExportRunner runner, Guid id, CancellationToken ct = default)
    {
        var requester = FhirExportApi.RequesterOf(db.Me);
        var jobs = db.Set<FhirExportJob>().Where(j => j.Id == id && j.RequestedBy == requester && !j.CancelRequested);
        if (await jobs.Select(j => (FhirExportStatus?)j.Status).FirstOrDefaultAsync(ct) is not { } status) return Refusal.NotFound("export");
        if (status == FhirExportStatus.Running)
        {
            await jobs.ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true), ct);
            return id;
        }
        await jobs.Where(j => j.Status != FhirExportStatus.Running).ExecuteDeleteAsync(ct);
        runner.DeleteFiles(id);
        return id;
    }
}
