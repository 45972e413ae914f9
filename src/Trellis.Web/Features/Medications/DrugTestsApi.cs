using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Medications;

public static class DrugTestsApi
{
    public static RouteGroupBuilder MapDrugTestsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/participants/{id:guid}/drug-tests", List).WithTags("Drug tests").RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("Drug tests, newest first, each result marked expected or not given the prescriptions on the day.");
        api.MapPost("/participants/{id:guid}/drug-tests", Create).WithTags("Drug tests").RequireAuthorization(Permissions.RecordDrugTests)
            .WithSummary("Record a drug test. An unexpected result notifies the primary clinician and prescriber and raises a follow-up task.");
        api.MapGet("/drug-tests/{id:guid}", Get).WithTags("Drug tests").RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("One drug test. ETag: its version.");
        api.MapPut("/drug-tests/{id:guid}", Update).WithTags("Drug tests").RequireAuthorization(Permissions.RecordDrugTests)
            .WithSummary("Correct a drug test (a pending result, a lab confirmation) or mark it entered in error. If-Match required.");
        api.MapGet("/drug-tests/panels", Panels).WithTags("Drug tests").RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("The substances and panels Trellis knows, and the medications that make a positive expected.");
        return api;
    }

    public static Ok<object> Panels() => TypedResults.Ok<object>(new { substances = DrugPanels.Substances, panels = DrugPanels.Panels });

    public static Task<Results<Ok<List<DrugTestDto>>, ProblemHttpResult>> List(Guid id, TrellisDbContext db, CancellationToken ct) =>
        ChartRecords.ListAsync<DrugTest, DrugTestDto>(db, id, q => q.OrderByDescending(t => t.CollectedOn).ThenByDescending(t => t.CollectedAt), DrugTestDto.From, "drug tests", ct);

    public static async Task<Results<Created<DrugTestDto>, ProblemHttpResult, ValidationProblem>> Create(Guid id, DrugTestInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } by) return Problems.Forbidden("Only staff record drug tests.");
        var errors = SaveDrugTest.Check(input, Charts.Today(db, participant));
        if (errors.Count > 0) return Problems.Invalid(errors);
        var test = SaveDrugTest.New(participant, by);
        var unexpected = await SaveDrugTest.ApplyAsync(db, test, input, ct);
        db.Set<DrugTest>().Add(test);
        if (unexpected) await SaveDrugTest.RaiseFollowUpAsync(db, participant, test, ct);
        await db.SaveChangesAsync(ct);
        ETags.Set(http, test.Version);
        return TypedResults.Created($"/api/drug-tests/{test.Id}", DrugTestDto.From(test));
    }

    public static async Task<Results<Ok<DrugTestDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<DrugTest>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is not { } test) return Problems.NotFound("drug test");
        await db.AuditReadAsync(nameof(DrugTest), test.Id, test.ParticipantId, ct);
        ETags.Set(http, test.Version);
        return TypedResults.Ok(DrugTestDto.From(test));
    }

    public static async Task<Results<Ok<DrugTestDto>, ProblemHttpResult, ValidationProblem>> Update(Guid id, DrugTestInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<DrugTest>().FirstOrDefaultAsync(t => t.Id == id, ct) is not { } test) return Problems.NotFound("drug test");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (version != test.Version) return Problems.Stale(test.Version);
        var participant = (await Charts.FindAsync(db, test.ParticipantId, ct))!;
        var errors = SaveDrugTest.Check(input, Charts.Today(db, participant));
        if (errors.Count > 0) return Problems.Invalid(errors);
        var unexpected = await SaveDrugTest.ApplyAsync(db, test, input, ct);
        if (unexpected) await SaveDrugTest.RaiseFollowUpAsync(db, participant, test, ct);
        if (!await Concurrency.SaveIfUnchangedAsync(db, test, version, ct: ct)) return Problems.Stale(version + 1);
        ETags.Set(http, test.Version);
        return TypedResults.Ok(DrugTestDto.From(test));
    }
}
