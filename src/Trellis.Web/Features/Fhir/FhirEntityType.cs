using System.Globalization;
using System.Runtime.CompilerServices;
using System.Linq.Expressions;
using Expression = System.Linq.Expressions.Expression;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Fhir;

/// <summary>
/// A resource type mapped from one kind of Trellis record. The records come from the context's sets, so
/// the care-team scope and soft-delete filters apply to every read, search, count and include; the id is
/// the record's Guid and meta.versionId its Version. A subclass says where the rows come from, how one
/// becomes a resource, and what else it can be searched by.
/// </summary>
public abstract class FhirEntityType<T> : IFhirType where T : Entity
{
    private static readonly FhirSearchParam[] Common =
    [
        new("_id", SearchParamType.Token, "The resource id (the Trellis record's id)."),
        new("_lastUpdated", SearchParamType.Date, "When the record last changed."),
    ];

    public abstract string Name { get; }
    public virtual string Permission => Permissions.ReadClinical;
    public abstract string Documentation { get; }

    public IReadOnlyList<FhirSearchParam> SearchParams =>
    [
        .. Versioned ? Common : Common.Where(p => p.Name != "_lastUpdated"),
        .. PatientKey is null ? [] : PatientParams(),
        .. OwnParams,
    ];

    public IReadOnlyList<FhirInclude> Includes =>
    [
        .. PatientKey is null ? [] : PatientParams().Select(p => new FhirInclude($"{Name}:{p.Name}", "Patient")),
        .. OwnIncludes,
    ];

    /// <summary>
    /// A record's version is the resource's (meta.versionId, lastUpdated), so vread is served. Not for a resource
    /// that is more than its row (a Group's members change without the program's version): it carries none.
    /// </summary>
    public virtual bool Versioned => true;

    public virtual bool InPatientCompartment => PatientKey is not null;

    /// <summary>The rows, through the context's sets (never with a filter lifted), with what <see cref="Map"/> needs loaded.</summary>
    protected abstract IQueryable<T> Source(TrellisDbContext db);

    protected abstract Resource Map(T record, FhirContext fx);

    /// <summary>The chart the record belongs to: its subject or patient, the audit trail's participant, and the Part 2 test.</summary>
    protected abstract Guid? ParticipantOf(T record);

    /// <summary>The program whose rules the record falls under (a chart record: its participant's program).</summary>
    protected abstract Guid? ProgramOf(T record);

    /// <summary>The participant column, for the patient/subject parameters and _include; null for types that belong to no chart.</summary>
    protected virtual Expression<Func<T, Guid>>? PatientKey => null;
    protected virtual bool HasSubject => true;
    protected virtual IReadOnlyList<FhirSearchParam> OwnParams => [];
    /// <summary>Includes beyond the patient's, each naming where its references are (CareTeam:participant).</summary>
    protected virtual IReadOnlyList<FhirInclude> OwnIncludes => [];

    /// <summary>A type's own search parameter; the base has already handled _id, _lastUpdated and patient/subject.</summary>
    protected virtual Refusal? Filter(ref IQueryable<T> query, string name, string value) => null;

    /// <summary>As above, for a parameter that reads other sets of the context (through their filters too).</summary>
    protected virtual Refusal? Filter(FhirContext fx, ref IQueryable<T> query, string name, string value) => Filter(ref query, name, value);

    public async Task<FhirEntry?> ReadAsync(FhirContext fx, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var key)) return null;
        var record = await Source(fx.Db).FirstOrDefaultAsync(r => r.Id == key, ct);
        return record is null ? null : (await EntriesAsync([record], fx, ct))[0];
    }

    public async Task<IReadOnlyList<FhirEntry>> ReadManyAsync(FhirContext fx, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var keys = ids.ToArray();
        var rows = await Source(fx.Db).Where(r => keys.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(ct);
        return await EntriesAsync(rows, fx, ct);
    }

    public async Task<Result<FhirSearchPage>> SearchAsync(FhirContext fx, FhirSearch search, CancellationToken ct)
    {
        var query = Source(fx.Db);
        foreach (var (name, value) in search.Filters)
        {
            var refused = name switch
            {
                "_id" => WhereIn(ref query, r => r.Id, value.Split(',').Select(v => Guid.TryParse(v, out var g) ? g : Guid.Empty)),
                "_lastUpdated" => FhirSearchValues.WhereDate(ref query, r => r.UpdatedAt, name, value),
                "patient" or "subject" when PatientKey is { } key => WhereIn(ref query, key, value.Split(',').Select(v => FhirSearchValues.ReferenceId(v, "Patient"))),
                _ => Filter(fx, ref query, name, value),
            };
            if (refused is not null) return refused;
        }
        var total = await query.CountAsync(ct);
        if (search.SummaryCount) return new FhirSearchPage([], total);
        var rows = await query.OrderBy(r => r.Id).Skip(search.Offset).Take(search.Count).ToListAsync(ct);
        return new FhirSearchPage(await EntriesAsync(rows, fx, ct), total);
    }

    public async IAsyncEnumerable<IReadOnlyList<FhirEntry>> ExportAsync(FhirContext fx, FhirExportSelection selection, [EnumeratorCancellation] CancellationToken ct)
    {
        var query = Source(fx.Db).AsNoTracking();
        if (selection.Compartment || selection.Patients is not null)
        {
            if (!InPatientCompartment) yield break;
            if (selection.Patients is not null) query = OfPatients(fx, query, selection.Patients);
        }
        if (Versioned)
        {
            var (since, until) = (selection.Since, selection.Until);
            if (since is { } after) query = query.Where(r => r.UpdatedAt > after);
            query = query.Where(r => r.UpdatedAt <= until);
        }
        for (Guid? last = null; ;)
        {
            var from = last;
            var rows = await (from is { } key ? query.Where(r => r.Id > key) : query).OrderBy(r => r.Id).Take(selection.BatchSize).ToListAsync(ct);
            if (rows.Count == 0) yield break;
            yield return await EntriesAsync(rows, fx, ct);
            if (rows.Count < selection.BatchSize) yield break;
            last = rows[^1].Id;
        }
    }

    /// <summary>The records of these participants (a Group's members), by the participant column; a type whose records name no participant overrides it.</summary>
    protected virtual IQueryable<T> OfPatients(FhirContext fx, IQueryable<T> query, IQueryable<Guid> patients)
    {
        var key = PatientKey!;
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(Guid)], patients.Expression, key.Body);
        return query.Where(Expression.Lambda<Func<T, bool>>(contains, key.Parameters));
    }

    /// <summary>Reads what <see cref="Map"/> needs beyond the rows themselves (NPIs kept by billing), once for a batch, into <see cref="FhirContext.Loaded"/>.</summary>
    protected virtual Task LoadAsync(IReadOnlyList<T> rows, FhirContext fx, CancellationToken ct) => Task.CompletedTask;

    private async Task<List<FhirEntry>> EntriesAsync(List<T> rows, FhirContext fx, CancellationToken ct)
    {
        if (rows.Count > 0) await LoadAsync(rows, fx, ct);
        var entries = new List<FhirEntry>(rows.Count);
        foreach (var row in rows) entries.Add(await EntryAsync(row, fx, ct));
        return entries;
    }

    private async Task<FhirEntry> EntryAsync(T record, FhirContext fx, CancellationToken ct)
    {
        var resource = Map(record, fx);
        resource.Id = record.Id.ToString();
        resource.Meta ??= new Meta();
        if (Versioned)
        {
            resource.Meta.VersionId = record.Version.ToString(CultureInfo.InvariantCulture);
            resource.Meta.LastUpdated = record.UpdatedAt;
        }
        if (ProgramOf(record) is { } program && (await fx.Part2ProgramsAsync(ct)).Contains(program))
        {
            FhirSecurity.LabelPart2(resource);
            if (fx.Db.Me.IsOutsideRecipient) FhirSecurity.MarkDisclosed(resource);
        }
        return new FhirEntry(resource, typeof(T).Name, record.Id, ParticipantOf(record));
    }

    /// <summary>Rows whose key is one of the values (a comma in a FHIR value means "or").</summary>
    protected static Refusal? WhereIn<TKey>(ref IQueryable<T> query, Expression<Func<T, TKey>> key, IEnumerable<TKey> values)
    {
        var list = values.Distinct().ToArray();
        Expression<Func<TKey[]>> captured = () => list;
        var contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(TKey)], captured.Body, key.Body);
        query = query.Where(Expression.Lambda<Func<T, bool>>(contains, key.Parameters));
        return null;
    }

    /// <summary>A status parameter with two values, each a condition on the row ("active,finished" is both).</summary>
    protected static Refusal? WhereStatus(ref IQueryable<T> query, string value, string first, Expression<Func<T, bool>> isFirst, string second, Expression<Func<T, bool>> isSecond)
    {
        var statuses = value.Split(',');
        query = (statuses.Contains(first), statuses.Contains(second)) switch
        {
            (true, true) => query,
            (true, false) => query.Where(isFirst),
            (false, true) => query.Where(isSecond),
            _ => query.Where(_ => false),
        };
        return null;
    }

    /// <summary>A true/false token ("active"); another value matches nothing.</summary>
    protected static Refusal? WhereActive(ref IQueryable<T> query, string name, string value, Expression<Func<T, bool>> isActive) =>
        WhereStatus(ref query, value, "true", isActive, "false", Expression.Lambda<Func<T, bool>>(Expression.Not(isActive.Body), isActive.Parameters));

    private IEnumerable<FhirSearchParam> PatientParams()
    {
        yield return new("patient", SearchParamType.Reference, "The participant (Patient/{id}).");
        if (HasSubject) yield return new("subject", SearchParamType.Reference, "The participant (Patient/{id}).");
    }

    protected static ResourceReference PatientReference(Guid participantId) => new($"Patient/{participantId}");
}
