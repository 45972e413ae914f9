using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Fhir.Export;

/// <summary>
/// Runs Bulk Data exports in the background (a <see cref="SystemJob"/> on every node, woken by a kick-off). A round
/// fails the jobs of runners that stopped saying they are alive (another node died), removes expired exports and their
/// files, then claims queued jobs one at a time (a conditional UPDATE, so two nodes never run one job) and runs them.
/// At start-up it fails the jobs this node's earlier process left running (a restart mid-export) and removes their
/// partial files, so a job never hangs.
///
/// A job runs as its requester: the principal is rebuilt from the claims kept at kick-off, so the context's scope
/// filters, the roles' permissions and every rule the types apply are the requester's (an export never holds more
/// than they may read), and their session must still be open (checked before each type). Each type is read through
/// its <see cref="IFhirType.ExportAsync"/> in keyset batches and written as NDJSON as each resource is serialised, one
/// file per type under the data directory (fhir-export/{job}/{Type}.ndjson): memory holds one batch, however large the
/// export. Each batch is audited as reads of its records ("FHIR $export {job}") before it is written.
/// </summary>
public sealed class FhirExportRunner(IServiceScopeFactory scopes, IConfiguration config, ILogger<FhirExportRunner> log, TimeProvider clock, IHostEnvironment env)
    : SystemJob(scopes, config, log, clock)
{
    private readonly IServiceScopeFactory scopeFactory = scopes;
    private readonly IConfiguration settings = config;

    /// <summary>A running job whose heartbeat is older than this was left by a runner that died.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override string Name => "fhir-export";
    protected override string Switch => "Fhir:ExportInBackground";
    protected override TimeSpan Every => TimeSpan.FromSeconds(30);

    /// <summary>This process's runner: the node's name and a process id, so a restarted node knows its earlier jobs.</summary>
    public string Id { get; } = $"{Environment.MachineName}:{Guid.NewGuid():N}";

    /// <summary>How long a finished export's files are kept (Fhir:ExportRetentionHours, 24 by default).</summary>
    public TimeSpan Retention => TimeSpan.FromHours(settings.GetValue("Fhir:ExportRetentionHours", 24.0));

    /// <summary>Where export files are written: fhir-export under the data directory.</summary>
    public string Folder => Path.Combine(DatabaseSetup.DataDirectory(settings, env), "fhir-export");

    public string FolderOf(Guid job) => Path.Combine(Folder, job.ToString("N"));

    public string FileOf(Guid job, string type) => Path.Combine(FolderOf(job), type + ".ndjson");

    protected override async Task<string?> StartingAsync(TrellisDbContext db, CancellationToken ct)
    {
        var node = Environment.MachineName + ":";
        var failed = await FailAsync(db, j => j.Runner != null && j.Runner.StartsWith(node) && j.Runner != Id,
            "The server restarted while this export ran; its partial files were removed. Start the export again.", ct);
        return failed > 0 ? $"{failed} export(s) interrupted by a restart marked failed" : null;
    }

    protected override async Task<string?> RunOnceAsync(TrellisDbContext db, CancellationToken ct)
    {
        var stale = db.Now - Lease;
        var failed = await FailAsync(db, j => j.HeartbeatAt < stale,
            "The node running this export stopped; its partial files were removed. Start the export again.", ct);
        var removed = await RemoveExpiredAsync(db, ct);
        var ran = 0;
        while (!ct.IsCancellationRequested && await ClaimAsync(db, ct) is { } job)
        {
            await RunAsync(job, ct);
            ran++;
        }
        return failed + removed + ran > 0 ? $"{ran} export(s) run, {failed} failed as abandoned, {removed} expired removed" : null;
    }

    /// <summary>Marks running jobs failed with the reason and removes their files; the number failed.</summary>
    private async Task<int> FailAsync(TrellisDbContext db, System.Linq.Expressions.Expression<Func<FhirExportJob, bool>> which, string reason, CancellationToken ct)
    {
        var jobs = await db.Set<FhirExportJob>().Where(j => j.Status == FhirExportStatus.Running).Where(which).Select(j => j.Id).ToListAsync(ct);
        var failed = 0;
        foreach (var id in jobs)
        {
            failed += await db.Set<FhirExportJob>().Where(j => j.Id == id && j.Status == FhirExportStatus.Running).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, FhirExportStatus.Failed).SetProperty(j => j.Error, reason).SetProperty(j => j.Progress, (string?)null)
                .SetProperty(j => j.Output, (string?)null).SetProperty(j => j.FinishedAt, db.Now).SetProperty(j => j.ExpiresAt, db.Now + Retention), ct);
            DeleteFiles(id);
        }
        return failed;
    }

    private async Task<int> RemoveExpiredAsync(TrellisDbContext db, CancellationToken ct)
    {
        var now = db.Now;
        var expired = await db.Set<FhirExportJob>().Where(j => j.ExpiresAt < now || (j.CancelRequested && j.Status != FhirExportStatus.Running)).Select(j => j.Id).ToListAsync(ct);
        foreach (var id in expired)
        {
            DeleteFiles(id);
            await db.Set<FhirExportJob>().Where(j => j.Id == id).ExecuteDeleteAsync(ct);
        }
        return expired.Count;
    }

    public void DeleteFiles(Guid job)
    {
        try { if (Directory.Exists(FolderOf(job))) Directory.Delete(FolderOf(job), recursive: true); }
        catch (IOException e) { log.LogWarning(e, "Could not remove the files of export {Job}; the next round tries again", job); }
    }

    private async Task<Guid?> ClaimAsync(TrellisDbContext db, CancellationToken ct)
    {
        while (true)
        {
            var next = await db.Set<FhirExportJob>().Where(j => j.Status == FhirExportStatus.Queued && !j.CancelRequested)
                .OrderBy(j => j.CreatedAt).ThenBy(j => j.Id).Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);
            if (next is not { } id) return null;
            var now = db.Now;
            var claimed = await db.Set<FhirExportJob>().Where(j => j.Id == id && j.Status == FhirExportStatus.Queued).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, FhirExportStatus.Running).SetProperty(j => j.Runner, Id).SetProperty(j => j.HeartbeatAt, now)
                .SetProperty(j => j.StartedAt, now).SetProperty(j => j.TransactionTime, now).SetProperty(j => j.Progress, "Starting"), ct);
            if (claimed == 1) return id;
        }
    }

    /// <summary>Runs one claimed job to its end: completed, failed with a reason, or removed when its requester deleted it.</summary>
    private async Task RunAsync(Guid id, CancellationToken stopping)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrellisDbContext>();
        var jobs = db.Set<FhirExportJob>();
        var job = await jobs.AsNoTracking().FirstAsync(j => j.Id == id, stopping);
        var types = scope.ServiceProvider.GetRequiredService<FhirTypes>();
        string? failure;
        try
        {
            failure = await ExportAsync(db, job, types, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            failure = "The server stopped while this export ran; its partial files were removed. Start the export again.";
        }
        catch (Exception e)
        {
            log.LogError(e, "Export {Job} failed", id);
            failure = "The export failed on the server (the error is in its log); its partial files were removed. Start the export again.";
        }
        var now = db.Now;
        if (failure == Cancelled)
        {
            DeleteFiles(id);
            await jobs.Where(j => j.Id == id).ExecuteDeleteAsync(CancellationToken.None);
        }
        else if (failure is not null)
        {
            DeleteFiles(id);
            await jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, FhirExportStatus.Failed).SetProperty(j => j.Error, failure)
                .SetProperty(j => j.Progress, (string?)null).SetProperty(j => j.Output, (string?)null).SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.ExpiresAt, now + Retention), CancellationToken.None);
        }
    }

    private const string Cancelled = "cancelled";

    /// <summary>Writes the files; null when it completed, <see cref="Cancelled"/> when its requester deleted it, or why it failed.</summary>
    private async Task<string?> ExportAsync(TrellisDbContext db, FhirExportJob job, FhirTypes types, CancellationToken ct)
    {
        var requester = await RebuildAsync(db, job, ct);
        db.ActAs(requester);
        var fx = new FhirContext(db, job.BaseUrl);
        var names = job.Types.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var patients = job.Level == FhirExportLevel.Group ? Resources.GroupType.MembersOf(db, job.GroupId!.Value) : null;
        var selection = new FhirExportSelection(job.Since, job.TransactionTime!.Value, job.Level != FhirExportLevel.System, patients);
        Directory.CreateDirectory(FolderOf(job.Id));
        var written = new List<(string Type, long Count, bool Part2)>();
        long total = 0;
        for (var i = 0; i < names.Length; i++)
        {
            if (requester.SessionId is { } session && !await db.UserSessions.AnyAsync(s => s.Id == session && s.RevokedAt == null && s.ExpiresAt > db.Now, ct))
                return "The requester's session ended (signed out, revoked or expired) before the export finished; its partial files were removed.";
            if (types.Find(names[i]) is not { } type || !FhirApi.Permits(db, type, 's')) continue;
            var path = FileOf(job.Id, type.Name);
            long count = 0;
            var disclosed = false;
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
            {
                await foreach (var batch in type.ExportAsync(fx, selection, ct))
                {
                    await FhirApi.AuditAsync(db, batch, $"FHIR $export {job.Id}", ct);
                    disclosed |= batch.Any(e => e.Resource.Meta?.Extension.Any(x => x.Url == FhirSecurity.NoticeExtension) == true);
                    foreach (var entry in batch)
                    {
                        JsonSerializer.Serialize(file, entry.Resource, entry.Resource.GetType(), FhirJson.Options);
                        file.WriteByte((byte)'\n');
                    }
                    count += batch.Count;
                    db.ChangeTracker.Clear();
                    var progress = string.Create(CultureInfo.InvariantCulture, $"{type.Name}: {count:N0} written ({i + 1} of {names.Length} types, {total + count:N0} resources in all)");
                    if (await BeatAsync(db, job.Id, progress, total + count, ct) == 0) return Cancelled;
                }
            }
            if (count == 0) File.Delete(path);
            else written.Add((type.Name, count, disclosed));
            total += count;
            if (await BeatAsync(db, job.Id, $"{type.Name} done ({i + 1} of {names.Length} types)", total, ct) == 0) return Cancelled;
        }
        var now = db.Now;
        var output = string.Join(',', written.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Type}:{w.Count}{(w.Part2 ? ":part2" : "")}")));
        var done = await db.Set<FhirExportJob>().Where(j => j.Id == job.Id && !j.CancelRequested).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, FhirExportStatus.Completed).SetProperty(j => j.Output, output).SetProperty(j => j.Exported, total)
            .SetProperty(j => j.Progress, (string?)null).SetProperty(j => j.FinishedAt, now).SetProperty(j => j.ExpiresAt, now + Retention), CancellationToken.None);
        return done == 1 ? null : Cancelled;
    }

    /// <summary>Says the runner is alive and where it is; 0 when the job was deleted meanwhile (it stops).</summary>
    private static Task<int> BeatAsync(TrellisDbContext db, Guid id, string progress, long exported, CancellationToken ct)
    {
        var now = db.Now;
        return db.Set<FhirExportJob>().Where(j => j.Id == id && !j.CancelRequested && j.Status == FhirExportStatus.Running).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Progress, progress).SetProperty(j => j.Exported, exported).SetProperty(j => j.HeartbeatAt, now), ct);
    }

    /// <summary>
    /// The requester as they were at kick-off: their claims, under their authentication type. An outside recipient's (a SMART
    /// backend service's) programs and Part 2 consents are read again now, as its next request would: a consent revoked or
    /// expired since the kick-off discloses nothing, and a client no longer registered reads nothing.
    /// </summary>
    private static async Task<CurrentUser> RebuildAsync(TrellisDbContext db, FhirExportJob job, CancellationToken ct)
    {
        var saved = JsonSerializer.Deserialize<SavedPrincipal>(job.Principal)!;
        var claims = saved.Claims.Select(c => new Claim(c[0], c[1])).ToList();
        if (claims.Any(c => c.Type == TrellisClaims.Recipient))
        {
            claims.RemoveAll(c => Disclosures.Part2Disclosures.ClaimTypes.Contains(c.Type));
            var clientId = claims.FirstOrDefault(c => c.Type == Smart.SmartScope.ClientClaim)?.Value;
            db.ActAs(CurrentUser.System("fhir-export"));
            if (await db.Set<Smart.SmartClient>().AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId && c.IsActive, ct) is { } client)
                await Disclosures.Part2Disclosures.AddClaimsAsync(db, client, claims, ct);
            else claims.Add(new(TrellisClaims.Recipient, ""));
        }
        var identity = new ClaimsIdentity(claims, saved.AuthenticationType, saved.NameType, saved.RoleType);
        return CurrentUser.From(new ClaimsPrincipal(identity), job.ClientAddress);
    }

    public static string Save(ClaimsPrincipal principal)
    {
        var identity = principal.Identities.First(i => i.IsAuthenticated);
        return JsonSerializer.Serialize(new SavedPrincipal(identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType,
            [.. principal.Claims.Select(c => new[] { c.Type, c.Value })]));
    }

    private sealed record SavedPrincipal(string? AuthenticationType, string NameType, string RoleType, List<string[]> Claims);
}
