using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
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
                return Problems.Invalid("stage", $"'{Cut(stage)}' is not a stage; use one of {EnumText.Allowed<AdmissionStage>()}.");
            parsed = s;
        }
        if (search is { Length: > 100 }) return Problems.Invalid("search", "search is at most 100 characters.");
        return TypedResults.Ok(await LeadQueries.ListAsync(db, new LeadFilter(parsed, program, owner, search, open ?? false), ct));
    }

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var c = await Pipeline.LoadAsync(db, id, ct);
        if (c is null) return Problems.NotFound("lead");
        await db.AuditReadAsync(nameof(AdmissionCase), c.Id, c.ParticipantId, ct);
        ETags.Set(http, c.Version);
        return TypedResults.Ok(LeadDto.From(c));
    }

    public static async Task<Results<Created<LeadDto>, ValidationProblem>> Create(InquiryInput input, TrellisDbContext db, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        if (input.ProgramId is { } p && (!db.Scope.Covers(p) || !await db.Programs.AnyAsync(x => x.Id == p && x.IsActive, ct)))
            return Problems.Invalid(nameof(InquiryInput.ProgramId), "Choose an active program you work in, or leave it empty when the person is not sure.");
        if (input.Source == InquirySource.WebForm) input.Source = InquirySource.Phone;
        var by = Caller.From(user);
        var c = Pipeline.Create(db, input, by);
        await Pipeline.NotifyIntakeAsync(db, c, ct);
        await db.SaveChangesAsync(ct);
        var saved = (await Pipeline.LoadAsync(db, c.Id, ct))!;
        ETags.Set(http, saved.Version);
        return TypedResults.Created($"/api/admissions/leads/{c.Id}", LeadDto.From(saved));
    }

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult, ValidationProblem>> Update(Guid id, InquiryInput input, TrellisDbContext db,
        HttpContext http, CancellationToken ct)
    {
        var c = await Pipeline.LoadAsync(db, id, ct);
        if (c is null) return Problems.NotFound("lead");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (c.Version != version) return Problems.Stale(c.Version);
        if (input.ProgramId != c.ProgramId && (c.ParticipantId is not null
                || input.ProgramId is { } p && (!db.Scope.Covers(p) || !await db.Programs.AnyAsync(x => x.Id == p && x.IsActive, ct))))
            return Problems.Invalid(nameof(InquiryInput.ProgramId), c.ParticipantId is not null
                ? "This lead has a chart; its program is changed in the chart."
                : "Choose an active program you work in, or leave it empty when the person is not sure.");
        Pipeline.UpdateDetails(c, input);
        return await SaveAsync(db, http, c, version, ct);
    }

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult, ValidationProblem>> Assign(Guid id, AssignRequest? request, TrellisDbContext db,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var c = await Pipeline.LoadAsync(db, id, ct);
        if (c is null) return Problems.NotFound("lead");
        if (IfMatch(http, c) is { } stale) return stale;
        var by = Caller.From(user);
        var owner = request?.OwnerStaffId ?? by.StaffId;
        if (owner is null || !await Pipeline.IsOwnerChoiceAsync(db, owner.Value, c.ProgramId, ct))
            return Problems.Invalid(nameof(AssignRequest.OwnerStaffId), "Choose an active intake coordinator, program director or clinician of this program.");
        if (!c.IsOpen) return Problems.Invalid("lead", "This lead is closed; reopen it by moving it to an open stage.");
        await Pipeline.AssignAsync(db, c, owner.Value, by, ct);
        return await SaveAsync(db, http, c, c.Version, ct);
    }

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult, ValidationProblem>> Move(Guid id, MoveInput input, TrellisDbContext db,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var c = await Pipeline.LoadAsync(db, id, ct);
        if (c is null) return Problems.NotFound("lead");
        if (IfMatch(http, c) is { } stale) return stale;
        var errors = await Pipeline.CheckMoveAsync(db, c, input, ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        await Pipeline.MoveAsync(db, c, input, Caller.From(user), ct);
        return await SaveAsync(db, http, c, c.Version, ct);
    }

    public static async Task<Results<Ok<LeadDto>, ProblemHttpResult, ValidationProblem>> Register(Guid id, RegisterInput input, TrellisDbContext db,
        ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var c = await Pipeline.LoadAsync(db, id, ct);
        if (c is null) return Problems.NotFound("lead");
        if (IfMatch(http, c) is { } stale) return stale;
        var outcome = await Registration.RegisterAsync(db, c, input, Caller.From(user), ct);
        if (outcome.Participant is null) return Problems.Invalid(outcome.Errors);
        return await SaveAsync(db, http, c, c.Version, ct);
    }

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

    /// <summary>Actions accept an optional If-Match: when sent, a stale one is refused.</summary>
    private static ProblemHttpResult? IfMatch(HttpContext http, AdmissionCase c)
    {
        if (string.IsNullOrEmpty(http.Request.Headers.IfMatch)) return null;
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        return version == c.Version ? null : Problems.Stale(c.Version);
    }

    private static async Task<Results<Ok<LeadDto>, ProblemHttpResult, ValidationProblem>> SaveAsync(TrellisDbContext db, HttpContext http, AdmissionCase c, long version, CancellationToken ct)
    {
        db.Entry(c).Property(x => x.Version).OriginalValue = version;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Stale(version + 1); }
        db.ChangeTracker.Clear();
        var saved = (await Pipeline.LoadAsync(db, c.Id, ct))!;
        ETags.Set(http, saved.Version);
        return TypedResults.Ok(LeadDto.From(saved));
    }

    private static string Cut(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
