using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Trellis.Web.Features.Fhir.Resources;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir;

/// <summary>
/// POST /fhir/Patient (create, and conditional create with If-None-Exist) and PUT /fhir/Patient/{id} (update with
/// If-Match), the adapters over <see cref="Actions.CreatePatient"/> and <see cref="Actions.UpdatePatient"/>. A SMART token
/// needs Patient.c / Patient.u (and .s for If-None-Exist, which is a search); the role's own rights are the actions'.
/// The change is audited by the save like every other; the Patient answered is audited as handed out.
/// </summary>
public static class FhirPatientWrites
{
    public const string IfNoneExist = "If-None-Exist";

    public static async Task<IResult> CreateAsync(Patient patient, HttpContext http, TrellisDbContext db, FhirTypes types, CancellationToken ct)
    {
        if (FhirApi.Allowed(patient.TypeName, db, types, 'c') is not { } t) return FhirApi.Refused(patient.TypeName, types);
        if (http.Request.Headers[IfNoneExist].ToString() is { Length: > 0 } criteria && await ExistingAsync(criteria, t, http, db, ct) is { } answered)
            return answered;
        var (created, refused) = await Actions.CreatePatient.RunAsync(db, patient, ct);
        if (refused is not null) return FhirOutcomes.Refused(refused, PatientFields.PathOf);
        return await FhirApi.CreatedAsync(t, created!.Id, http, db, ct);
    }

    /// <summary>
    /// Conditional create: the criteria are a search of Patient (as GET /fhir/Patient?… would run it, through the scope; an
    /// unknown parameter is a 400). No match: null, go on and create. One: 200 with it and nothing created. More: 412.
    /// </summary>
    private static async Task<IResult?> ExistingAsync(string criteria, IFhirType t, HttpContext http, TrellisDbContext db, CancellationToken ct)
    {
        if (!FhirApi.Permits(db, t, 's'))
            return FhirOutcomes.Error(403, OperationOutcome.IssueType.Forbidden, $"{IfNoneExist} is a search of Patient: your token's scopes need Patient.s as well as Patient.c.");
        var query = new QueryCollection(QueryHelpers.ParseQuery(criteria.Contains('?') ? criteria[criteria.IndexOf('?')..] : criteria));
        var (search, invalid) = FhirSearch.Parse(query, t, [], strict: true);
        if (invalid is not null) return FhirOutcomes.Invalid($"{IfNoneExist}: {invalid.Detail}");
        if (search!.Filters.Count == 0)
            return FhirOutcomes.Invalid($"{IfNoneExist} must name what identifies the person, such as identifier={{system}}|{{value}}.");
        var fx = FhirContext.For(http, db);
        var (page, refused) = await t.SearchAsync(fx, search.Window(0, 2, summaryCount: false), ct);
        if (refused is not null) return FhirOutcomes.Invalid($"{IfNoneExist}: {refused.Detail}");
        if (page!.Total > 1)
            return FhirOutcomes.Error(412, OperationOutcome.IssueType.MultipleMatches,
                $"{IfNoneExist} {criteria} matches {page.Total} patients, so it is not known which one is meant; nothing was created. Use criteria that identify one person, such as their identifier.");
        if (page.Total == 0) return null;
        var entry = page.Entries[0];
        await FhirApi.AuditAsync(db, [entry], "FHIR create (already exists)", ct);
        http.Response.Headers.Location = $"{FhirContext.BaseUrlOf(http)}/{t.Name}/{entry.Resource.Id}/_history/{entry.Resource.Meta!.VersionId}";
        return new FhirResult(entry.Resource);
    }

    public static async Task<IResult> UpdateAsync(string id, Patient patient, HttpContext http, TrellisDbContext db, FhirTypes types, CancellationToken ct)
    {
        if (patient.Id is null)
            return FhirOutcomes.Refused(Refusal.Invalid("Patient.id", $"An update carries the resource's id: set \"id\": \"{id}\", as at the address."), PatientFields.PathOf);
        if (patient.Id != id)
            return FhirOutcomes.Refused(Refusal.Invalid("Patient.id", $"The body is Patient/{patient.Id}, but the address is Patient/{id}; they must be the same."), PatientFields.PathOf);
        if (FhirApi.Allowed(patient.TypeName, db, types, 'u') is not { } t) return FhirApi.Refused(patient.TypeName, types);
        if (!Guid.TryParse(id, out var key)) return FhirOutcomes.NotFound(t.Name, id);
        var (_, refused) = await Actions.UpdatePatient.RunAsync(db, key, patient, ETags.From(http), ct);
        if (refused is not null)
            return refused.Status == 404 ? FhirOutcomes.NotFound(t.Name, id) : FhirOutcomes.Refused(refused, PatientFields.PathOf);
        var entry = (await t.ReadAsync(FhirContext.For(http, db), id, ct))!;
        await FhirApi.AuditAsync(db, [entry], "FHIR update", ct);
        return new FhirResult(entry.Resource);
    }
}
