using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Audit;

/// <summary>
/// What a person reading the audit trail needs instead of ids: who acted ("Dana Reyes, LCSW", "Trellis,
/// setting up the demo clinic"), whose chart ("Ro Quillfeather") and which record ("Treatment plan v3").
/// Looked up at read time for one page of entries; the entries themselves (hash-chained) never change.
/// </summary>
public sealed partial class AuditNames
{
    private readonly Dictionary<string, string> people = [];
    private readonly Dictionary<Guid, string> participants = [];
    private readonly Dictionary<(string Type, string Id), string> records = [];

    /// <summary>The person (or the system's work) behind an entry.</summary>
    public string Who(AuditEntry e) =>
        e.UserId is { } id && people.TryGetValue(id, out var name) ? name
        : e.UserName is { } user && user.StartsWith("system:", StringComparison.Ordinal) ? SystemName(user["system:".Length..])
        : e.UserName ?? "Nobody signed in";

    public string? Participant(Guid? id) => id is { } p ? participants.GetValueOrDefault(p, "A participant no longer on record") : null;

    /// <summary>"Treatment plan v3", "Track: Morning", "Diagnosis F33.1"; the kind of record alone when it is gone.</summary>
    public string Record(AuditEntry e) =>
        e.RecordType is null ? "" : e.RecordId is { } id && records.TryGetValue((e.RecordType, id), out var label) ? label : Humanize(e.RecordType);

    public static string SystemName(string what) => what switch
    {
        "demo" => "Trellis, setting up the demo clinic",
        "cli" => "Trellis, from the command line",
        "startup" => "Trellis, at start-up",
        _ => $"Trellis ({what})",
    };

    /// <summary>"TreatmentPlan" → "Treatment plan".</summary>
    public static string Humanize(string type)
    {
        var words = Words().Split(type).Where(w => w.Length > 0).ToList();
        return words.Count == 0 ? type : string.Join(" ", words.Select((w, i) => i == 0 ? w : w.ToLowerInvariant()));
    }

    public static async Task<AuditNames> ForAsync(TrellisDbContext db, IReadOnlyCollection<AuditEntry> entries, CancellationToken ct = default)
    {
        var names = new AuditNames();
        var userIds = entries.Where(e => e.UserId is not null).Select(e => e.UserId!)
            .Concat(entries.Where(e => e.RecordType == "User" && e.RecordId is not null).Select(e => e.RecordId!)).Distinct().ToList();
        foreach (var u in await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
        {
            names.people[u.Id] = string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName;
            names.records[("User", u.Id)] = $"Account of {names.people[u.Id]}";
        }

        // Deleted charts too: the trail outlives a soft delete.
        var participantIds = entries.Where(e => e.ParticipantId is not null).Select(e => e.ParticipantId!.Value)
            .Concat(entries.Where(e => e.RecordType == nameof(Participants.Participant)).Select(e => Guid.TryParse(e.RecordId, out var g) ? g : Guid.Empty))
            .Where(g => g != Guid.Empty).Distinct().ToList();
        foreach (var p in await db.Participants.IgnoreQueryFilters().AsNoTracking().Where(p => participantIds.Contains(p.Id))
                     .Select(p => new { p.Id, p.PreferredName, p.LegalFirstName, p.LegalLastName }).ToListAsync(ct))
            names.participants[p.Id] = Participants.Participant.NameOf(p.PreferredName, p.LegalFirstName, p.LegalLastName);

        foreach (var group in entries.Where(e => e.RecordType is not null and not "User" && e.RecordId is not null).GroupBy(e => e.RecordType!))
        {
            var type = db.Model.GetEntityTypes().Select(t => t.ClrType).FirstOrDefault(t => t.Name == group.Key && typeof(Entity).IsAssignableFrom(t));
            if (type is null) continue;
            var ids = group.Select(e => Guid.TryParse(e.RecordId, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
            await (Task)LabelsOf.MakeGenericMethod(type).Invoke(null, [db, ids, names, ct])!;
        }
        return names;
    }

    private static readonly MethodInfo LabelsOf = typeof(AuditNames).GetMethod(nameof(LabelsAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static async Task LabelsAsync<T>(TrellisDbContext db, List<Guid> ids, AuditNames names, CancellationToken ct) where T : Entity
    {
        foreach (var row in await db.Set<T>().IgnoreQueryFilters().AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(ct))
            names.records[(typeof(T).Name, row.Id.ToString())] = row is Participant p ? $"Chart of {p.DisplayName}" : Label(row);
    }

    /// <summary>The record's kind and what tells it apart, from the first of the properties records commonly have.</summary>
    private static string Label(Entity row)
    {
        var human = Humanize(row.GetType().Name);
        string? Text(string property) => row.GetType().GetProperty(property)?.GetValue(row) as string is { Length: > 0 } s ? s : null;
        if (row.GetType().GetProperty("Number")?.GetValue(row) is int number) return $"{human} v{number}";
        if (Text("FirstName") is { } first && Text("LastName") is { } last) return $"{human}: {first} {last}";
        if ((Text("Name") ?? Text("Title")) is { } name) return $"{human}: {Cut(name)}";
        if (Text("Code") is { } code) return $"{human} {code}";
        return human;
    }

    private static string Cut(string s) => s.Length <= 60 ? s : s[..57] + "…";

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex Words();
}
