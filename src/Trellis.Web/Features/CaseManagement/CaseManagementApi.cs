using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.CaseManagement;

public sealed record NeedsAssessmentDto(Guid Id, DateOnly AssessedOn, IReadOnlyList<NeedRating> Needs, string? Summary, string AssessedBy)
{
    public static NeedsAssessmentDto From(NeedsAssessment a) => new(a.Id, a.AssessedOn, a.Needs, a.Summary, a.AssessedByName);
}

public static class CaseManagementApi
{
    public static RouteGroupBuilder MapCaseManagementApi(this RouteGroupBuilder api)
    {
        var chart = api.MapGroup("/participants/{id:guid}").WithTags("Case management");
        chart.MapGet("/needs-assessments", Assessments).RequireAuthorization(Permissions.ReadClinical)
            .WithSummary("Needs assessments (housing, employment, transport, childcare, legal, finances, benefits), newest first.");
        chart.MapPost("/needs-assessments", AddAssessment).RequireAuthorization(Permissions.CaseManagement)
            .WithSummary("Record a needs assessment: a rating for every domain.");
        chart.MapGet("/referrals", Referrals).RequireAuthorization(Permissions.ReadClinical).WithSummary("Referrals with their outcomes.");
        chart.MapPost("/referrals", AddReferral).RequireAuthorization(Permissions.CaseManagement)
            .WithSummary("Refer to a community resource; raises a follow-up task for the case manager.");
        api.MapPut("/referrals/{id:guid}", RecordOutcome).WithTags("Case management").RequireAuthorization(Permissions.CaseManagement)
            .WithSummary("Record where a referral stands (If-Match required); a final outcome closes its follow-up task.");

        var resources = api.MapGroup("/community-resources").WithTags("Case management");
        resources.MapGet("/", SearchResources).RequireAuthorization(Permissions.Anyone)
            .WithSummary("Search the community resources directory by words, category and language.");
        resources.MapPost("/", CreateResource).RequireAuthorization(Permissions.ManageResources)
            .WithSummary("Add a resource to the directory (administrators).");
        resources.MapPut("/{id:guid}", UpdateResource).RequireAuthorization(Permissions.ManageResources)
            .WithSummary("Change a resource (If-Match required); retire it with isActive=false.");
        return api;
    }

    public static Task<Results<Ok<List<NeedsAssessmentDto>>, ProblemHttpResult>> Assessments(Guid id, TrellisDbContext db, CancellationToken ct) =>
        ChartRecords.ListAsync<NeedsAssessment, NeedsAssessmentDto>(db, id, q => q.OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.CreatedAt), NeedsAssessmentDto.From, "needs assessments", ct);

    public static async Task<Results<Created<NeedsAssessmentDto>, ProblemHttpResult, ValidationProblem>> AddAssessment(Guid id, NeedsAssessmentInput input,
        TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } by) return Problems.Forbidden("Only staff assess needs.");
        var (a, errors) = SaveCaseManagement.AddAssessment(db, participant, input, by, Charts.Today(db, participant));
        if (errors.Count > 0) return Problems.Invalid(errors);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/participants/{id}/needs-assessments", NeedsAssessmentDto.From(a!));
    }

    public static Task<Results<Ok<List<ReferralDto>>, ProblemHttpResult>> Referrals(Guid id, TrellisDbContext db, CancellationToken ct) =>
        ChartRecords.ListAsync<Referral, ReferralDto>(db, id, q => q.OrderByDescending(r => r.ReferredOn), ReferralDto.From, "referrals", ct);

    public static async Task<Results<Created<ReferralDto>, ProblemHttpResult, ValidationProblem>> AddReferral(Guid id, ReferralInput input,
        TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await Charts.FindAsync(db, id, ct) is not { } participant) return Problems.NotFound("participant");
        if (await ClinicalStaff.CurrentAsync(db, ct) is not { } by) return Problems.Forbidden("Only staff make referrals.");
        var (referral, errors) = await SaveCaseManagement.AddReferralAsync(db, participant, input, by, Charts.Today(db, participant), ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        await db.SaveChangesAsync(ct);
        ETags.Set(http, referral!.Version);
        return TypedResults.Created($"/api/participants/{id}/referrals", ReferralDto.From(referral));
    }

    public static async Task<Results<Ok<ReferralDto>, ProblemHttpResult, ValidationProblem>> RecordOutcome(Guid id, ReferralOutcomeInput input,
        TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<Referral>().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } referral) return Problems.NotFound("referral");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (version != referral.Version) return Problems.Stale(referral.Version);
        var participant = (await Charts.FindAsync(db, referral.ParticipantId, ct))!;
        var errors = await SaveCaseManagement.RecordOutcomeAsync(db, referral, input, Charts.Today(db, participant), ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        if (!await Concurrency.SaveIfUnchangedAsync(db, referral, version, ct: ct)) return Problems.Stale(version + 1);
        ETags.Set(http, referral.Version);
        return TypedResults.Ok(ReferralDto.From(referral));
    }

    public static async Task<Results<Ok<List<CommunityResourceDto>>, ValidationProblem>> SearchResources(TrellisDbContext db, string? search, string? category,
        string? language, CancellationToken ct)
    {
        ResourceCategory? c = null;
        if (category is not null)
        {
            if (!EnumText.TryParse<ResourceCategory>(category, out var parsed))
                return Problems.Invalid("category", $"'{category}' is not a category; use {EnumText.Allowed<ResourceCategory>()}.");
            c = parsed;
        }
        if (search is { Length: > 100 }) return Problems.Invalid("search", "search is at most 100 characters.");
        var list = await CommunityResources.Search(db, search, c, language).Take(200).ToListAsync(ct);
        return TypedResults.Ok(list.Select(CommunityResourceDto.From).ToList());
    }

    public static async Task<Results<Created<CommunityResourceDto>, ValidationProblem>> CreateResource(CommunityResourceInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (Validation.Validate(input) is { Count: > 0 } invalid) return Problems.Invalid(Validation.ToDictionary(invalid));
        var name = input.Name!.Trim();
        if (await db.Set<CommunityResource>().AnyAsync(r => r.Name == name, ct)) return Problems.Invalid("name", $"The directory already lists {name}.");
        var r = new CommunityResource();
        input.ApplyTo(r);
        db.Set<CommunityResource>().Add(r);
        await db.SaveChangesAsync(ct);
        ETags.Set(http, r.Version);
        return TypedResults.Created($"/api/community-resources/{r.Id}", CommunityResourceDto.From(r));
    }

    public static async Task<Results<Ok<CommunityResourceDto>, ProblemHttpResult, ValidationProblem>> UpdateResource(Guid id, CommunityResourceInput input,
        TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<CommunityResource>().FirstOrDefaultAsync(r => r.Id == id, ct) is not { } r) return Problems.NotFound("community resource");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (Validation.Validate(input) is { Count: > 0 } invalid) return Problems.Invalid(Validation.ToDictionary(invalid));
        var name = input.Name!.Trim();
        if (await db.Set<CommunityResource>().AnyAsync(x => x.Name == name && x.Id != id, ct)) return Problems.Invalid("name", $"The directory already lists {name}.");
        input.ApplyTo(r);
        if (!await Concurrency.SaveIfUnchangedAsync(db, r, version, ct: ct)) return Problems.Stale(r.Version);
        ETags.Set(http, r.Version);
        return TypedResults.Ok(CommunityResourceDto.From(r));
    }
}
