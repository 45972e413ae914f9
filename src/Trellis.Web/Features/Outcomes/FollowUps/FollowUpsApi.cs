using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Outcomes.Actions;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Outcomes;

public sealed record FollowUpDto(Guid Id, DateOnly DischargedOn, int DaysAfter, DateOnly DueOn, DateOnly? ContactedOn, bool? Reached,
    bool? InTreatmentElsewhere, bool? UseOrRelapse, bool? Readmitted, string? InstrumentCode, int? Score, string? Note)
{
    public static FollowUpDto Of(FollowUpContact c) => new(c.Id, c.DischargedOn, c.DaysAfter, c.DueOn, c.ContactedOn, c.Reached, c.InTreatmentElsewhere, c.UseOrRelapse, c.Readmitted, c.InstrumentCode, c.Score, c.Note);
}

/// <summary>Post-discharge contacts: a chart's list, and recording one (If-Match required).</summary>
public static class FollowUpsApi
{
    public static void MapFollowUpsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/participants/{id:guid}/follow-ups", List).WithTags("Outcomes").RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("The participant's 30/60/90-day contacts after discharge and their outcomes.");
        api.MapPut("/follow-ups/{id:guid}", Put).WithTags("Outcomes").RequireAuthorization(Permissions.CaseManagement)
            .WithSummary("Record a contact: contactedOn, reached, inTreatmentElsewhere, useOrRelapse, readmitted, instrumentCode + score. If-Match required; completes its task.");
    }

    public static async Task<Results<Ok<List<FollowUpDto>>, ProblemHttpResult>> List(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("participant").ToProblem();
        var rows = await db.Set<FollowUpContact>().AsNoTracking().Where(c => c.ParticipantId == id).OrderBy(c => c.DueOn).ToListAsync(ct);
        await db.AuditReadAsync(nameof(FollowUpContact), rows.Select(r => ((object)r.Id, (Guid?)id)), ct: ct);
        return TypedResults.Ok(rows.Select(FollowUpDto.Of).ToList());
    }

    public static async Task<Results<Ok<FollowUpDto>, ProblemHttpResult>> Put(Guid id, FollowUpInput? input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (c, refused) = await RecordFollowUp.RunAsync(db, id, input ?? new(), ETags.From(http), ct);
        if (refused is not null) return refused.ToProblem();
        ETags.Set(http, c!.Version);
        return TypedResults.Ok(FollowUpDto.Of(c));
    }
}
