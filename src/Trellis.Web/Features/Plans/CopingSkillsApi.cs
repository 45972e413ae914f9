using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
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

    public static async Task<Results<Created<CopingSkillDto>, ValidationProblem>> Create(CopingSkillInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (Validation.Validate(input) is { Count: > 0 } invalid) return Problems.Invalid(Validation.ToDictionary(invalid));
        if (await NameTakenAsync(db, input.Name, null, ct)) return Problems.Invalid("name", $"The library already has a skill called {input.Name!.Trim()}.");
        var skill = new CopingSkill();
        Apply(skill, input);
        db.Set<CopingSkill>().Add(skill);
        await db.SaveChangesAsync(ct);
        ETags.Set(http, skill.Version);
        return TypedResults.Created($"/api/coping-skills/{skill.Id}", CopingSkillDto.From(skill));
    }

    public static async Task<Results<Ok<CopingSkillDto>, ProblemHttpResult, ValidationProblem>> Update(Guid id, CopingSkillInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await db.Set<CopingSkill>().FirstOrDefaultAsync(s => s.Id == id, ct) is not { } skill) return Problems.NotFound("coping skill");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (Validation.Validate(input) is { Count: > 0 } invalid) return Problems.Invalid(Validation.ToDictionary(invalid));
        if (await NameTakenAsync(db, input.Name, id, ct)) return Problems.Invalid("name", $"The library already has a skill called {input.Name!.Trim()}.");
        Apply(skill, input);
        if (!await Concurrency.SaveIfUnchangedAsync(db, skill, version, ct: ct)) return Problems.Stale(skill.Version);
        ETags.Set(http, skill.Version);
        return TypedResults.Ok(CopingSkillDto.From(skill));
    }

    public static Task<bool> NameTakenAsync(TrellisDbContext db, string? name, Guid? except, CancellationToken ct = default)
    {
        var n = name?.Trim() ?? "";
        return db.Set<CopingSkill>().AnyAsync(s => s.Name == n && s.Id != except, ct);
    }

    public static void Apply(CopingSkill skill, CopingSkillInput input)
    {
        skill.Name = input.Name!.Trim();
        skill.Category = input.Category!.Value;
        skill.HowTo = input.HowTo!.Trim();
        skill.IsActive = input.IsActive;
    }
}
