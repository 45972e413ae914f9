using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Fhir.Export;

namespace Trellis.Web.Features.Fhir.Actions;

/// <summary>What a $export kick-off asked for, as read from its request (<see cref="FhirExportApi"/>).</summary>
public sealed record ExportKickOff(
    FhirExportLevel Level, string? GroupId, bool RespondAsync, string? OutputFormat, string? Type, string? Since,
    IReadOnlyList<string> Unsupported, bool Lenient, string Request, string BaseUrl);

/// <summary>
/// A Bulk Data $export kick-off (system, Patient or Group level): checks the request as the spec asks (Prefer:
/// respond-async, _outputFormat, _type, _since as an instant; an unsupported parameter is an error unless Prefer:
/// handling=lenient), that the Group is one the caller may read, and that their role may read every type named, and
/// queues the job with the caller's principal, which the runner rebuilds to read as them.
/// </summary>
public static partial class StartExport
{
    public static readonly string[] OutputFormats = ["application/fhir+ndjson", "application/ndjson", "ndjson"];

    public static async Task<Result<FhirExportJob>> RunAsync(TrellisDbContext db, FhirTypes types, ExportKickOff input, CancellationToken ct = default)
    {
        if (!input.RespondAsync)
            return Refusal.Invalid("Prefer", "$export runs asynchronously: send the header Prefer: respond-async, then poll the Content-Location of the answer.");
        if (input.Unsupported.Count > 0 && !input.Lenient)
            return Refusal.Invalid("query", $"$export does not support {string.Join(", ", input.Unsupported)} here; it takes _outputFormat, _type and _since (or send Prefer: handling=lenient to have the others ignored).");
        if (!string.IsNullOrEmpty(input.OutputFormat) && !OutputFormats.Contains(input.OutputFormat))
            return Refusal.Invalid("_outputFormat", $"_outputFormat={input.OutputFormat} is not supported; use {string.Join(", ", OutputFormats)}.");
        DateTimeOffset? since = null;
        if (!string.IsNullOrEmpty(input.Since))
        {
            if (!Instant().IsMatch(input.Since) || !DateTimeOffset.TryParse(input.Since, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                return Refusal.Invalid("_since", $"_since={input.Since} is not a FHIR instant; write a time with its zone, such as 2026-01-31T09:30:00Z or 2026-01-31T09:30:00-05:00.");
            since = at.ToUniversalTime();
        }

        Guid? group = null;
        if (input.Level == FhirExportLevel.Group)
        {
            if (!Guid.TryParse(input.GroupId, out var id) || !db.Me.May(types.Find("Group")!.Permission) || !await db.Programs.AnyAsync(p => p.Id == id, ct))
                return Refusal.NotFound("Group");
            group = id;
        }

        var eligible = types.All.Where(t => input.Level == FhirExportLevel.System || t.InPatientCompartment).ToList();
        List<IFhirType> chosen;
        if (!string.IsNullOrWhiteSpace(input.Type))
        {
            chosen = [];
            foreach (var name in input.Type.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct())
            {
                if (types.Find(name) is not { } type)
                    return Refusal.Invalid("_type", $"_type names '{name}', which this server does not serve. It serves {string.Join(", ", types.All.Select(t => t.Name))} (names are case-sensitive).");
                if (!eligible.Contains(type))
                    return Refusal.Invalid("_type", $"{name} resources belong to no chart, so a {input.Level} export has none; export them with GET /fhir/$export?_type={name}.");
                if (!FhirApi.Permits(db, type, 's')) return Refusal.Forbidden($"Your role, or your token's scopes, do not allow reading {name} resources.");
                chosen.Add(type);
            }
            if (chosen.Count == 0) return Refusal.Invalid("_type", "_type names no resource type.");
        }
        else chosen = [.. eligible.Where(t => FhirApi.Permits(db, t, 's'))];

        var job = new FhirExportJob
        {
            RequestedBy = FhirExportApi.RequesterOf(db.Me),
            Principal = FhirExportRunner.Save(db.Me.Principal),
            ClientAddress = db.Me.ClientAddress,
            Level = input.Level,
            GroupId = group,
            Types = string.Join(',', chosen.Select(t => t.Name)),
            Since = since,
            Request = input.Request,
            BaseUrl = input.BaseUrl,
            Status = FhirExportStatus.Queued,
            CreatedAt = db.Now,
        };
        db.Add(job);
        await db.SaveChangesAsync(ct);
        return job;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Instant();
}
