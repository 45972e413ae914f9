using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Medications.Actions;
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

    public static async Task<Results<Created<DrugTestDto>, ProblemHttpResult>> Create(Guid id, DrugTestInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Created(await RecordDrugTest.RunAsync(db, id, input, ct), t => $"/api/drug-tests/{t.Id}", DrugTestDto.From, http, t => t.Version);

    public static async Task<Results<Ok<DrugTestDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<DrugTest>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct) is not { } test) return Refusal.NotFound("drug test").ToProblem();
        await db.AuditReadAsync(nameof(DrugTest), test.Id, test.ParticipantId, ct);
        ETags.Set(http, test.Version);
        return TypedResults.Ok(DrugTestDto.From(test));
    }

    public static async Task<Results<Ok<DrugTestDto>, ProblemHttpResult>> Update(Guid id, DrugTestInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Ok(await CorrectDrugTest.RunAsync(db, id, input, ETags.From(http), ct), DrugTestDto.From, http, t => t.Version);
}
