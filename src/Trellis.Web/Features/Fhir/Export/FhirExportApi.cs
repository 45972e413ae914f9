using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Fhir.Actions;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Export;

/// <summary>
/// Bulk Data Access 2.0 $export: kick-off at system, Patient and Group level (202 with Content-Location), the status
/// URL (202 with X-Progress while it runs, the manifest when done, the job's OperationOutcome when it failed; DELETE
/// removes it), and the NDJSON files, streamed from disk. Only the requester polls, downloads or deletes; anyone else
/// is told there is no such export (404).
/// </summary>
public static class FhirExportApi
{
    public const string NdJson = "application/fhir+ndjson";
    private static readonly string[] Parameters = ["_outputFormat", "_type", "_since"];

    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/$export", (HttpContext http, TrellisDbContext db, FhirTypes types, FhirExportRunner runner, CancellationToken ct) =>
            KickOffAsync(FhirExportLevel.System, null, http, db, types, runner, ct));
        fhir.MapGet("/Patient/$export", (HttpContext http, TrellisDbContext db, FhirTypes types, FhirExportRunner runner, CancellationToken ct) =>
            KickOffAsync(FhirExportLevel.Patient, null, http, db, types, runner, ct));
        fhir.MapGet("/Group/{id}/$export", (string id, HttpContext http, TrellisDbContext db, FhirTypes types, FhirExportRunner runner, CancellationToken ct) =>
            KickOffAsync(FhirExportLevel.Group, id, http, db, types, runner, ct));
        fhir.MapGet("/$export-status/{id}", Status);
        fhir.MapDelete("/$export-status/{id}", Delete);
        fhir.MapGet("/$export-file/{id}/{file}", Download);
    }

    /// <summary>Who an export belongs to: the signed-in account (or, for a caller without one, its name).</summary>
    public static string RequesterOf(CurrentUser me) => me.UserId ?? me.UserName ?? "";

    public static async Task<IResult> KickOffAsync(FhirExportLevel level, string? groupId, HttpContext http, TrellisDbContext db, FhirTypes types, FhirExportRunner runner, CancellationToken ct)
    {
        var prefer = http.Request.Headers["Prefer"].SelectMany(p => (p ?? "").Split(',')).Select(p => p.Trim()).ToList();
        var query = http.Request.Query;
        var input = new ExportKickOff(level, groupId,
            RespondAsync: prefer.Any(p => p.Equals("respond-async", StringComparison.OrdinalIgnoreCase)),
            OutputFormat: query["_outputFormat"].ToString(), Type: string.Join(',', query["_type"].Where(v => v is not null)), Since: query["_since"].ToString(),
            Unsupported: [.. query.Keys.Where(k => !Parameters.Contains(k))],
            Lenient: prefer.Any(p => p.Equals("handling=lenient", StringComparison.OrdinalIgnoreCase)),
            Request: $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{http.Request.Path}{http.Request.QueryString}",
            BaseUrl: FhirContext.BaseUrlOf(http));
        var (job, refused) = await StartExport.RunAsync(db, types, input, ct);
        if (refused is not null)
            return refused.Status == 404
                ? FhirOutcomes.NotFound("Group", groupId ?? "")
                : FhirOutcomes.Error(refused.Status, FhirOutcomes.TypeFor(refused.Status), refused.Detail);
        runner.Wake();
        http.Response.Headers.ContentLocation = $"{input.BaseUrl}/$export-status/{job!.Id}";
        return new FhirResult(Information($"Export {job.Id} is queued; poll {http.Response.Headers.ContentLocation} for its progress and, when done, its files."), StatusCodes.Status202Accepted);
    }

    private static IQueryable<FhirExportJob> Mine(TrellisDbContext db, string id) =>
        Guid.TryParse(id, out var key)
            ? db.Set<FhirExportJob>().AsNoTracking().Where(j => j.Id == key && j.RequestedBy == RequesterOf(db.Me) && !j.CancelRequested)
            : db.Set<FhirExportJob>().Where(_ => false);

    private static FhirResult NoSuchExport(string id) =>
        FhirOutcomes.Error(404, OperationOutcome.IssueType.NotFound, $"There is no export '{id}' of yours: it was deleted, expired, or never existed.");

    public static async Task<IResult> Status(string id, HttpContext http, TrellisDbContext db, CancellationToken ct)
    {
        if (await Mine(db, id).FirstOrDefaultAsync(ct) is not { } job) return NoSuchExport(id);
        switch (job.Status)
        {
            case FhirExportStatus.Queued or FhirExportStatus.Running:
                http.Response.Headers["X-Progress"] = job.Status == FhirExportStatus.Queued ? "Queued" : job.Progress ?? "Running";
                http.Response.Headers.RetryAfter = "2";
                return TypedResults.StatusCode(StatusCodes.Status202Accepted);
            case FhirExportStatus.Failed:
                // The spec answers a failed export with a 4xx or 5xx and its OperationOutcome; the request was sound and
                // the result will never exist, so: 410 Gone, issue "incomplete", and why.
                return FhirOutcomes.Error(410, OperationOutcome.IssueType.Incomplete, job.Error ?? "The export failed.");
        }
        if (job.ExpiresAt is { } expires) http.Response.Headers.Expires = expires.ToString("R", CultureInfo.InvariantCulture);
        return TypedResults.Json(new Manifest(
            Instant(job.TransactionTime!.Value), job.Request, true,
            [.. job.Files().Select(f => new ManifestFile(f.Type, $"{job.BaseUrl}/$export-file/{job.Id}/{f.Type}.ndjson", f.Count, f.Part2 ? Part2Notice : null))],
            []), ManifestJson, "application/json");
    }

    public static async Task<IResult> Delete(string id, TrellisDbContext db, FhirExportRunner runner, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var key)) return NoSuchExport(id);
        var (_, refused) = await DeleteExport.RunAsync(db, runner, key, ct);
        if (refused is not null) return NoSuchExport(id);
        return new FhirResult(Information($"Export {id} is deleted with its files."), StatusCodes.Status202Accepted);
    }

    /// <summary>One type's NDJSON, streamed from disk with the same bearer token; its reading is audited as the export's download.</summary>
    public static async Task<IResult> Download(string id, string file, TrellisDbContext db, FhirExportRunner runner, CancellationToken ct)
    {
        if (await Mine(db, id).FirstOrDefaultAsync(ct) is not { Status: FhirExportStatus.Completed } job) return NoSuchExport(id);
        var type = job.Files().Select(f => f.Type).FirstOrDefault(t => file == t + ".ndjson");
        var path = type is null ? null : runner.FileOf(job.Id, type);
        if (path is null || !File.Exists(path))
            return FhirOutcomes.Error(404, OperationOutcome.IssueType.NotFound, $"Export {id} has no file '{file}'; its manifest lists its files.");
        db.Audit(AuditActions.Export, "FhirExportFile", job.Id, null, detail: $"{type}.ndjson downloaded");
        await db.SaveChangesAsync(ct);
        return TypedResults.PhysicalFile(path, NdJson, enableRangeProcessing: true);
    }

    private static OperationOutcome Information(string message) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Information, Code = OperationOutcome.IssueType.Informational, Diagnostics = message }],
    };

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web);

    /// <summary>The Bulk Data completion manifest.</summary>
    public sealed record Manifest(string TransactionTime, string Request, bool RequiresAccessToken, IReadOnlyList<ManifestFile> Output, IReadOnlyList<ManifestFile> Error);

    /// <summary>
    /// An output file; <c>extension</c> (which Bulk Data allows on an output item) carries the 42 CFR § 2.32 notice when the
    /// file discloses Part 2 records to an outside recipient (each of those records carries it in its meta too).
    /// </summary>
    public sealed record ManifestFile(string Type, string Url, long Count,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Extension = null);

    private static readonly IReadOnlyDictionary<string, string> Part2Notice = new Dictionary<string, string> { [FhirSecurity.NoticeExtension] = Disclosures.RedisclosureNotice.Text };
}
