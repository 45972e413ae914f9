using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Admissions.Actions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Admissions;

public sealed record AssignRequest(Guid? OwnerStaffId);

/// <summary>/api/admissions: leads in the pipeline, their moves, opening a chart, and the pipeline's figures.</summary>
public static class LeadsApi
{
    public static RouteGroupBuilder MapLeadsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admissions").WithTags("Admissions");
        group.MapGet("/leads", List).RequireAuthorization(Permissions.ViewAdmissions)
            .WithSummary("Leads in the pipeline within your programs, oldest in their stage first, with filters by stage, program, owner and name.");
        group.MapGet("/leads/{id:guid}", Get).RequireAuthorization(Permissions.ViewAdmissions)
            .WithSummary("One lead with its dated steps. The ETag is the version to send back as If-Match.");
        group.MapPost("/leads", Create).RequireAuthorization(Permissions.ManageAdmissions)
            .WithSummary("Record an inquiry taken by phone, a referral or a walk-in.");
        group.MapPut("/leads/{id:guid}", Update).RequireAuthorization(Permissions.ManageAdmissions)
            .WithSummary("Correct a lead's contact details and what they are looking for. Requires If-Match.");
        group.MapPost("/leads/{id:guid}/assign", Assign).RequireAuthorization(Permissions.ManageAdmissions)
            .WithSummary("Give the lead to an owner (yourself when ownerStaffId is empty) without moving it.");
        group.MapPost("/leads/{id:guid}/move", Move).RequireAuthorization(Permissions.ManageAdmissions)
            .WithSummary("Move the lead to another stage; referral needs referredTo and reason, waitlist and close need a reason. Admission is POST /api/participants/{id}/admission.");
        group.MapPost("/leads/{id:guid}/register", Register).RequireAuthorization(Permissions.ManageAdmissions)
            .WithSummary("Open a chart for the lead (or link the chart a returning person already has) and start screening.");
        group.MapGet("/figures", Figures).RequireAuthorization(Permissions.ViewAdmissions)
            .WithSummary("Inquiries, conversion, the funnel, time to admission and time in each stage for a period (default: the last 90 days).");
        return api;
    }

    public static async Task<Results<Ok<List<LeadRow>>, ValidationProblem>> List(TrellisDbContext db, string? stage, Guid? program, Guid? owner,
        string? search, bool? open, CancellationToken ct)
    {
        AdmissionStage? parsed = null;
        if (!string.IsNullOrWhiteSpace(stage))
        {
            if (!EnumText.TryParse<AdmissionStage>(stage, out var s))
                return Problems.Invalid("stage", $"'{Echo.Short(stage)}' is not a stage; use one of {EnumText.Allowed<AdmissionStage>()}.");
            parsed = s;
        }
        if (search is { Length: > 100 }) return Problems.Invalid("search", "search is at most 100 characters.");
        return TypedResults.Ok(await LeadQueries.ListAsync(db, new LeadFilter(parsed, program, owner, search, open ?? false), ct));
    }

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var c = await Pipeline.LoadAsync(db, id, ct);
        if (c is null) return Refusal.NotFound("lead").ToProblem();
        await db.AuditReadAsync(nameof(AdmissionCase), c.Id, c.ParticipantId, ct);
        ETags.Set(http, c.Version);
        return TypedResults.Ok(LeadDto.From(c));
    }

    public static async Task<Results<Created<LeadDto>, ProblemHttpResult>> Create(InquiryInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (lead, refused) = await RecordInquiry.RunAsync(db, input, ct);
        if (refused is not null) return refused.ToProblem();
        var saved = await ReloadAsync(db, lead!.Id, http, ct);
        return TypedResults.Created($"/api/admissions/leads/{lead.Id}", saved);
    }

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> Update(Guid id, InquiryInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await ChangeLead.RunAsync(db, id, input, ETags.From(http), ct), db, http, ct);

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> Assign(Guid id, AssignRequest? request, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await AssignLead.RunAsync(db, id, request?.OwnerStaffId, ETags.From(http), ct), db, http, ct);

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> Move(Guid id, MoveInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await MoveLead.RunAsync(db, id, input, ETags.From(http), ct), db, http, ct);

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> Register(Guid id, RegisterInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(await RegisterLead.RunAsync(db, id, input, ETags.From(http), ct), db, http, ct);

    public static async Task<Results<Ok<PipelineFiguresResult>, ValidationProblem>> Figures(TrellisDbContext db, DateOnly? from, DateOnly? to, Guid? program, CancellationToken ct)
    {
        var today = await ProgramClock.ClinicTodayAsync(db, ct);
        var end = to ?? today;
        var start = from ?? end.AddDays(-90);
        if (start > end) return Problems.Invalid("from", "from must be on or before to.");
        if (end.DayNumber - start.DayNumber > 731) return Problems.Invalid("from", "The period is at most two years.");
        var fromAt = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var toAt = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var timelines = await LeadQueries.TimelinesAsync(db, program, fromAt, ct);
        return TypedResults.Ok(PipelineFigures.Compute(timelines, fromAt, toAt, db.Now));
    }

    /// <summary>A changed lead as the API answers it: read again with its steps, with its new ETag; or the refusal.</summary>
    private static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> AnswerAsync(Result<AdmissionCase> result, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (result.Refusal is { } refused) return refused.ToProblem();
        return TypedResults.Ok(await ReloadAsync(db, result.Value!.Id, http, ct));
    }

    private static async Task<LeadDto> ReloadAsync(TrellisDbContext db, Guid id, HttpContext http, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var saved = (await Pipeline.LoadAsync(db, id, ct))!;
        ETags.Set(http, saved.Version);
        return LeadDto.From(saved);
    }

}
