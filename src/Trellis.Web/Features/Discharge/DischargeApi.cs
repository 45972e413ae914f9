using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Discharge.Actions;
using Trellis.Web.Features.Medications;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.TreatmentPlans;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Discharge;

public sealed record DischargeDto(Guid Id, Guid ParticipantId, bool IsFinal, DateOnly DischargedOn, DischargeReason Reason, string ReasonText, string? ReasonDetail,
    LevelOfCare? NextLevelOfCare, string CourseOfTreatment, IReadOnlyList<GoalOutcome> Goals, IReadOnlyList<ScoreComparison> Scores,
    IReadOnlyList<AftercareAppointment> Appointments, IReadOnlyList<string> CommunitySupports, bool AlumniGroup, string? AlumniDetails, string? CrisisPlan,
    ReconciliationDto? MedicationReconciliation, string WrittenBy, string? FinalizedBy, DateTimeOffset? FinalizedAt)
{
    public static DischargeDto From(ParticipantDischarge d, MedicationReconciliation? rec) => new(d.Id, d.ParticipantId, d.IsFinal, d.DischargedOn, d.Reason,
        SaveDischarge.ReasonText(d.Reason), d.ReasonDetail, d.NextLevelOfCare, d.CourseOfTreatment, d.Goals, DischargeScores.AsShown(d.Scores), d.Appointments, d.CommunitySupports,
        d.AlumniGroup, d.AlumniDetails, d.CrisisPlan, rec is null ? null : ReconciliationDto.From(rec), d.WrittenByName, d.FinalizedByName, d.FinalizedAt);
}

public static class DischargeApi
{
    public static RouteGroupBuilder MapDischargeApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/participants/{id:guid}/discharge").WithTags("Discharge");
        g.MapGet("/", Get).RequireAuthorization(Permissions.ReadOwnPlans)
            .WithSummary("The discharge summary and aftercare plan (a participant sees their own once final).");
        g.MapPost("/", Post).RequireAuthorization(Permissions.Discharge)
            .WithSummary("Discharge the participant: reason, summary with admission vs discharge scores, aftercare, medication reconciliation. Sets status, discharge date, enrollment end and level-of-care history.");
        return api;
    }

    public static async Task<Results<Ok<DischargeDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is null) return Refusal.NotFound("participant").ToProblem();
        var d = await SaveDischarge.CurrentAsync(db, id, ct: ct);
        if (d is null || (!d.IsFinal && db.Me.IsInRole(Roles.Participant)))
            return TypedResults.Problem(title: "Not discharged", detail: "There is no discharge summary for this participant.", statusCode: 404);
        var rec = d.MedicationReconciliationId is { } rid ? await db.Set<MedicationReconciliation>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == rid, ct) : null;
        await db.AuditReadAsync(nameof(ParticipantDischarge), d.Id, id, ct);
        return TypedResults.Ok(DischargeDto.From(d, rec));
    }

    public static async Task<Results<Created<DischargeDto>, ProblemHttpResult>> Post(Guid id, DischargeInput input, TrellisDbContext db, CancellationToken ct)
    {
        var (d, refused) = await DischargeParticipant.RunAsync(db, id, input, ct);
        if (refused is not null) return refused.ToProblem();
        var rec = await db.Set<MedicationReconciliation>().AsNoTracking().FirstAsync(r => r.Id == d!.MedicationReconciliationId, ct);
        return TypedResults.Created($"/api/participants/{id}/discharge", DischargeDto.From(d!, rec));
    }
}
