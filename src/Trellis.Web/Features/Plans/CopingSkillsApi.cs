using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Plans.Actions;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Plans;

public static class CopingSkillsApi
{
    public static RouteGroupBuilder MapCopingSkillsApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/coping-skills").WithTags("Safety and relapse prevention plans");
        g.MapGet("/", List).RequireAuthorization(Permissions.Anyone)
            .WithSummary("The coping skills library the plans draw on; inactive skills only with includeInactive=true.");
        g.MapPost("/", Create).RequireAuthorization(Permissions.ManageCopingSkills)
            .WithSummary("Add a coping skill to the library.");
        g.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.ManageCopingSkills)
            .WithSummary("Change a coping skill (If-Match required). Retire it with isActive=false; plans that use it keep it.");
        return api;
    }

    public static async Task<Ok<List<CopingSkillDto>>> List(TrellisDbContext db, bool? includeInactive, CancellationToken ct) =>
        TypedResults.Ok(await db.Set<CopingSkill>().AsNoTracking().Where(s => includeInactive == true || s.IsActive)
            .OrderBy(s => s.Category).ThenBy(s => s.Name).Select(s => CopingSkillDto.From(s)).ToListAsync(ct));

    public static async Task<Results<Created<CopingSkillDto>, ProblemHttpResult>> Create(CopingSkillInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Created(await AddCopingSkill.RunAsync(db, input, ct), s => $"/api/coping-skills/{s.Id}", CopingSkillDto.From, http, s => s.Version);

    public static async Task<Results<Ok<CopingSkillDto>, ProblemHttpResult>> Update(Guid id, CopingSkillInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        ActionAnswers.Ok(await ChangeCopingSkill.RunAsync(db, id, input, ETags.From(http), ct), CopingSkillDto.From, http, s => s.Version);
}
