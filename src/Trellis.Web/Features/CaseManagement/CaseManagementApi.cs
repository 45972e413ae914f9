using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.CaseManagement.Actions;
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

    public static async Task<Results<Created<NeedsAssessmentDto>, ProblemHttpResult>> AddAssessment(Guid id, NeedsAssessmentInput input,
        TrellisDbContext db, CancellationToken ct) =>
        ActionAnswers.Created(await AssessNeeds.RunAsync(db, id, input, ct), _ => $"/api/participants/{id}/needs-assessments", NeedsAssessmentDto.From);

    public static Task<Results<Ok<List<ReferralDto>>, ProblemHttpResult>> Referrals(Guid id, TrellisDbContext db, CancellationToken ct) =>
        ChartRecords.ListAsync<Referral, ReferralDto>(db, id, q => q.OrderByDescending(r => r.ReferredOn), ReferralDto.From, "referrals", ct);

    public static async Task<Results<Created<ReferralDto>, ProblemHttpResult>> AddReferral(Guid id, ReferralInput input,
        TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Created(await MakeReferral.RunAsync(db, id, input, ct), _ => $"/api/participants/{id}/referrals", ReferralDto.From, http, r => r.Version);

    public static async Task<Results<Ok<ReferralDto>, ProblemHttpResult>> RecordOutcome(Guid id, ReferralOutcomeInput input,
        TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Ok(await RecordReferralOutcome.RunAsync(db, id, input, ETags.From(http), ct), ReferralDto.From, http, r => r.Version);

    public static async Task<Results<Ok<List<CommunityResourceDto>>, ProblemHttpResult>> SearchResources(TrellisDbContext db, string? search, string? category,
        string? language, CancellationToken ct)
    {
        ResourceCategory? c = null;
        if (category is not null)
        {
            if (!EnumText.TryParse<ResourceCategory>(category, out var parsed))
                return Refusal.Invalid("category", $"'{category}' is not a category; use {EnumText.Allowed<ResourceCategory>()}.").ToProblem();
            c = parsed;
        }
        if (search is { Length: > 100 }) return Refusal.Invalid("search", "search is at most 100 characters.").ToProblem();
        var list = await CommunityResources.Search(db, search, c, language).Take(200).ToListAsync(ct);
        return TypedResults.Ok(list.Select(CommunityResourceDto.From).ToList());
    }

    public static async Task<Results<Created<CommunityResourceDto>, ProblemHttpResult>> CreateResource(CommunityResourceInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Created(await AddCommunityResource.RunAsync(db, input, ct), r => $"/api/community-resources/{r.Id}", CommunityResourceDto.From, http, r => r.Version);

    public static async Task<Results<Ok<CommunityResourceDto>, ProblemHttpResult>> UpdateResource(Guid id, CommunityResourceInput input,
        TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Ok(await ChangeCommunityResource.RunAsync(db, id, input, ETags.From(http), ct), CommunityResourceDto.From, http, r => r.Version);
}
