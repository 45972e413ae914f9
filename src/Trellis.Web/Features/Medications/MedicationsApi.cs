using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Medications.Actions;
using Trellis.Web.Features.Medications.Catalog;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Medications;

public static class MedicationsApi
{
    public static RouteGroupBuilder MapMedicationsApi(this RouteGroupBuilder api)
    {
        var chart = api.MapGroup("/participants/{id:guid}").WithTags("Medications");
        chart.MapGet("/medications", List).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("The medication list (active first; stopped and entered-in-error too with includeStopped=true). No e-prescribing.");
        chart.MapPost("/medications", Create).RequireAuthorization(Permissions.ManageMedications)
            .WithSummary("Add a medication: name (or drugCode from the catalog), dose, route, frequency, prescriber (ours or outside), dates and reason. A catalog drug is checked against allergies, duplicates and dangerous combinations: 409 with the warnings until acknowledgeWarnings and acknowledgmentReason are sent. A name the catalog does not know is saved unchecked.");
        chart.MapGet("/allergies", Allergies).RequireAuthorization(Permissions.ReadClinical).WithSummary("Allergies and intolerances.");
        chart.MapPost("/allergies", AddAllergy).RequireAuthorization(Permissions.ManageMedications).WithSummary("Record an allergy.");
        chart.MapGet("/medication-reconciliations", Reconciliations).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("Medication reconciliations (admission, discharge, transitions), newest first.");
        chart.MapPost("/medication-reconciliations", AddReconciliation).RequireAuthorization(Permissions.ManageMedications)
            .WithSummary("Reconcile: a decision (continue, change, hold, stop) for every active medication, allergies confirmed. Stops are applied to the list.");

        var meds = api.MapGroup("/medications").WithTags("Medications");
        meds.MapGet("/catalog", SearchCatalog).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("The drug catalog the list is checked against (sources named in Features/Medications/Catalog/drug-catalog.json): code, names, ingredients, therapeutic class. Search by words.");
        meds.MapGet("/{id:guid}", Get).RequireAuthorization(Permissions.ReadClinical).WithSummary("One medication. ETag: its version.");
        meds.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.ManageMedications)
            .WithSummary("Change a medication (If-Match required): stop it with stoppedOn and stopReason, or mark it entered in error. New warnings answer 409 until acknowledged, as on adding.");
        api.MapPut("/allergies/{id:guid}", UpdateAllergy).WithTags("Medications").RequireAuthorization(Permissions.ManageMedications)
            .WithSummary("Change an allergy (If-Match required), or mark it entered in error.");
        return api;
    }

    public static async Task<Results<Ok<List<MedicationDto>>, ProblemHttpResult>> List(Guid id, bool? includeStopped, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Refusal.NotFound("participant").ToProblem();
        var today = Charts.Today(db, participant);
        var chart = await MedicationQueries.ForChartAsync(db, id, today, ct);
        var list = chart.Medications.Where(m => includeStopped == true || m.IsActiveOn(today)).OrderByDescending(m => m.IsActiveOn(today)).ThenBy(m => m.Name).ToList();
        await db.AuditReadAsync(nameof(Medication), list.Select(m => ((object)m.Id, (Guid?)id)), "medication list", ct);
        return TypedResults.Ok(list.Select(m => chart.Dto(m, today)).ToList());
    }

    public static async Task<Results<Created<MedicationDto>, ProblemHttpResult>> Create(Guid id, MedicationInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (m, refused) = await AddMedication.RunAsync(db, id, input, ct);
        if (refused is not null) return refused.ToProblem();
        return TypedResults.Created($"/api/medications/{m!.Id}", await DtoAsync(m, db, http, ct));
    }

    public static async Task<Results<Ok<MedicationDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<Medication>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) is not { } m) return Refusal.NotFound("medication").ToProblem();
        await db.AuditReadAsync(nameof(Medication), m.Id, m.ParticipantId, ct);
        return TypedResults.Ok(await DtoAsync(m, db, http, ct));
    }

    public static async Task<Results<Ok<MedicationDto>, ProblemHttpResult>> Update(Guid id, MedicationInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (m, refused) = await ChangeMedication.RunAsync(db, id, input, ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        return TypedResults.Ok(await DtoAsync(m!, db, http, ct));
    }

    public static Task<Results<Ok<List<AllergyDto>>, ProblemHttpResult>> Allergies(Guid id, TrellisDbContext db, CancellationToken ct) =>
        ChartRecords.ListAsync<Allergy, AllergyDto>(db, id, q => q.OrderBy(a => a.EnteredInError).ThenBy(a => a.Substance), AllergyDto.From, "allergy list", ct);

    public static async Task<Results<Created<AllergyDto>, ProblemHttpResult>> AddAllergy(Guid id, AllergyInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Created(await Actions.AddAllergy.RunAsync(db, id, input, ct), _ => $"/api/participants/{id}/allergies", AllergyDto.From, http, a => a.Version);

    public static async Task<Results<Ok<AllergyDto>, ProblemHttpResult>> UpdateAllergy(Guid id, AllergyInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Ok(await ChangeAllergy.RunAsync(db, id, input, ETags.From(http), ct), AllergyDto.From, http, a => a.Version);

    public static Task<Results<Ok<List<ReconciliationDto>>, ProblemHttpResult>> Reconciliations(Guid id, TrellisDbContext db, CancellationToken ct) =>
        ChartRecords.ListAsync<MedicationReconciliation, ReconciliationDto>(db, id, q => q.OrderByDescending(r => r.ReconciledOn), ReconciliationDto.From, "reconciliations", ct);

    public static async Task<Results<Created<ReconciliationDto>, ProblemHttpResult>> AddReconciliation(Guid id, ReconciliationInput input, TrellisDbContext db, CancellationToken ct) =>
        ActionAnswers.Created(await ReconcileMedications.RunAsync(db, id, input, ct), _ => $"/api/participants/{id}/medication-reconciliations", ReconciliationDto.From);

    public static Ok<List<CatalogDrugDto>> SearchCatalog(string? search) =>
        TypedResults.Ok(DrugCatalog.Shipped.Search(search).OrderBy(d => d.Name).Select(CatalogDrugDto.From).ToList());

    /// <summary>One medication as the API shows it: with its warnings as they stand on the chart, and its ETag.</summary>
    private static async Task<MedicationDto> DtoAsync(Medication m, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var participant = (await Charts.FindAsync(db, m.ParticipantId, ct))!;
        var today = Charts.Today(db, participant);
        var chart = await MedicationQueries.ForChartAsync(db, m.ParticipantId, today, ct);
        ETags.Set(http, m.Version);
        return chart.Dto(m, today);
    }
}
