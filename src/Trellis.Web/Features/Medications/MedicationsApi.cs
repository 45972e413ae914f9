using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
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
            .WithSummary("Add a medication: name, dose, route, frequency, prescriber (ours or outside), dates and reason.");
        chart.MapGet("/allergies", Allergies).RequireAuthorization(Permissions.ReadClinical).WithSummary("Allergies and intolerances.");
        chart.MapPost("/allergies", AddAllergy).RequireAuthorization(Permissions.ManageMedications).WithSummary("Record an allergy.");
        chart.MapGet("/medication-reconciliations", Reconciliations).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("Medication reconciliations (admission, discharge, transitions), newest first.");
        chart.MapPost("/medication-reconciliations", AddReconciliation).RequireAuthorization(Permissions.ManageMedications)
            .WithSummary("Reconcile: a decision (continue, change, hold, stop) for every active medication, allergies confirmed. Stops are applied to the list.");

        var meds = api.MapGroup("/medications").WithTags("Medications");
        meds.MapGet("/{id:guid}", Get).RequireAuthorization(Permissions.ReadClinical).WithSummary("One medication. ETag: its version.");
        meds.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.ManageMedications)
            .WithSummary("Change a medication (If-Match required): stop it with stoppedOn and stopReason, or mark it entered in error.");
        api.MapPut("/allergies/{id:guid}", UpdateAllergy).WithTags("Medications").RequireAuthorization(Permissions.ManageMedications)
            .WithSummary("Change an allergy (If-Match required), or mark it entered in error.");
        return api;
    }

    public static async Task<Results<Ok<List<MedicationDto>>, ProblemHttpResult>> List(Guid id, bool? includeStopped, TrellisDbContext db, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        var today = Charts.Today(db, participant);
        var all = await db.Set<Medication>().AsNoTracking().Where(m => m.ParticipantId == id).OrderBy(m => m.Name).ToListAsync(ct);
        var list = all.Where(m => includeStopped == true || m.IsActiveOn(today)).OrderByDescending(m => m.IsActiveOn(today)).ThenBy(m => m.Name).ToList();
        await db.AuditReadAsync(nameof(Medication), list.Select(m => ((object)m.Id, (Guid?)id)), "medication list", ct);
        return TypedResults.Ok(list.Select(m => MedicationDto.From(m, today)).ToList());
    }

    public static async Task<Results<Created<MedicationDto>, ProblemHttpResult, ValidationProblem>> Create(Guid id, MedicationInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        var today = Charts.Today(db, participant);
        var errors = await SaveMedication.CheckAsync(db, participant, input, today, ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var m = new Medication { ParticipantId = id };
        await SaveMedication.ApplyAsync(db, m, input, ct);
        db.Set<Medication>().Add(m);
        await db.SaveChangesAsync(ct);
        ETags.Set(http, m.Version);
        return TypedResults.Created($"/api/medications/{m.Id}", MedicationDto.From(m, today));
    }

    public static async Task<Results<Ok<MedicationDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<Medication>().AsNoTracking().Include(m => m.Participant).ThenInclude(p => p!.Program).FirstOrDefaultAsync(m => m.Id == id, ct) is not { } m)
            return Problems.NotFound("medication");
        await db.AuditReadAsync(nameof(Medication), m.Id, m.ParticipantId, ct);
        ETags.Set(http, m.Version);
        return TypedResults.Ok(MedicationDto.From(m, Charts.Today(db, m.Participant!)));
    }

    public static async Task<Results<Ok<MedicationDto>, ProblemHttpResult, ValidationProblem>> Update(Guid id, MedicationInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<Medication>().FirstOrDefaultAsync(m => m.Id == id, ct) is not { } m) return Problems.NotFound("medication");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (version != m.Version) return Problems.Stale(m.Version);
        var participant = (await Charts.FindAsync(db, m.ParticipantId, ct))!;
        var today = Charts.Today(db, participant);
        var errors = await SaveMedication.CheckAsync(db, participant, input, today, ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        await SaveMedication.ApplyAsync(db, m, input, ct);
        if (!await Concurrency.SaveIfUnchangedAsync(db, m, version, ct: ct)) return Problems.Stale(version + 1);
        ETags.Set(http, m.Version);
        return TypedResults.Ok(MedicationDto.From(m, today));
    }

    public static Task<Results<Ok<List<AllergyDto>>, ProblemHttpResult>> Allergies(Guid id, TrellisDbContext db, CancellationToken ct) =>
        ChartRecords.ListAsync<Allergy, AllergyDto>(db, id, q => q.OrderBy(a => a.EnteredInError).ThenBy(a => a.Substance), AllergyDto.From, "allergy list", ct);

    public static async Task<Results<Created<AllergyDto>, ProblemHttpResult, ValidationProblem>> AddAllergy(Guid id, AllergyInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Problems.NotFound("participant");
        if (Validation.Validate(input) is { Count: > 0 } invalid) return Problems.Invalid(Validation.ToDictionary(invalid));
        var substance = input.Substance!.Trim();
        if (await db.Set<Allergy>().AnyAsync(a => a.ParticipantId == id && !a.EnteredInError && a.Substance.ToLower() == substance.ToLower(), ct))
            return Problems.Invalid("substance", $"{substance} is already on the allergy list.");
        var a = new Allergy { ParticipantId = id };
        input.ApplyTo(a);
        db.Set<Allergy>().Add(a);
        await db.SaveChangesAsync(ct);
        ETags.Set(http, a.Version);
        return TypedResults.Created($"/api/participants/{id}/allergies", AllergyDto.From(a));
    }

    public static async Task<Results<Ok<AllergyDto>, ProblemHttpResult, ValidationProblem>> UpdateAllergy(Guid id, AllergyInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<Allergy>().FirstOrDefaultAsync(a => a.Id == id, ct) is not { } a) return Problems.NotFound("allergy");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (Validation.Validate(input) is { Count: > 0 } invalid) return Problems.Invalid(Validation.ToDictionary(invalid));
        input.ApplyTo(a);
        if (!await Concurrency.SaveIfUnchangedAsync(db, a, version, ct: ct)) return Problems.Stale(a.Version);
        ETags.Set(http, a.Version);
        return TypedResults.Ok(AllergyDto.From(a));
    }

    public static Task<Results<Ok<List<ReconciliationDto>>, ProblemHttpResult>> Reconciliations(Guid id, TrellisDbContext db, CancellationToken ct) =>
        ChartRecords.ListAsync<MedicationReconciliation, ReconciliationDto>(db, id, q => q.OrderByDescending(r => r.ReconciledOn), ReconciliationDto.From, "reconciliations", ct);

    public static async Task<Results<Created<ReconciliationDto>, ProblemHttpResult, ValidationProblem>> AddReconciliation(Guid id, ReconciliationInput input,
        TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } by) return Problems.Forbidden("Only staff reconcile medications.");
        var (rec, errors) = await Reconcile.ApplyAsync(db, participant, input, by, Charts.Today(db, participant), ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/participants/{id}/medication-reconciliations", ReconciliationDto.From(rec!));
    }
}
