using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Tasks.Actions;

namespace Trellis.Web.Features.Tasks;

public sealed record TaskDto(Guid Id, Guid ParticipantId, string ParticipantName, string Kind, string Title, string? Detail,
    DateOnly DueOn, bool Overdue, CareTaskStatus Status, Guid? AssignedToStaffId, string? AssignedTo, string? AssignedRole,
    string? Outcome, DateTimeOffset? CompletedAt, string? CompletedBy, long Version)
{
    public static TaskDto From(TaskRow r, DateOnly today) => new(r.Id, r.ParticipantId, r.ParticipantName, r.Kind, r.Title, r.Detail,
        r.DueOn, r.IsOverdue(today), r.Status, r.AssignedToStaffId, r.AssignedTo, r.AssignedRole, r.Outcome, r.CompletedAt, r.CompletedBy, r.Version);
}

/// <summary>
/// Care tasks over the API, with the pages' scoping and rules: every query starts from the context's
/// task set, so only tasks of participants in the caller's programs are seen (others answer 404).
/// </summary>
public static class TasksApi
{
    public const int MaxList = 500;

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder root)
    {
        // Bodies are validated in the actions (TaskEditing's rules), so every error names its JSON field.
        var api = root.MapGroup(string.Empty).WithTags("Tasks").DisableValidation()
            .RequireAuthorization(Permissions.AnyStaff);
        api.MapGet("/tasks", List)
            .WithSummary("Tasks in your programs: status open (default), done (done or cancelled) or all; mine=true for those assigned to you or waiting for your role. Open ones soonest due first, at most 500.");
        api.MapGet("/tasks/{id:guid}", Get).WithSummary("One task with its owner, due date and outcome. ETag: its version.");
        api.MapPut("/tasks/{id:guid}", Change)
            .WithSummary("Reassign, change the due date, or close (done/cancelled, with an outcome) or reopen a task. If-Match required; 412 when stale.");
        api.MapGet("/participants/{id:guid}/tasks", ListForParticipant).WithSummary("The participant's tasks, soonest due first.");
        api.MapPost("/participants/{id:guid}/tasks", Create)
            .WithSummary("Add a task to the participant's chart, owned by an active staff member of their program or a role (yourself when neither is given).");
        return root;
    }

    public static async Task<Results<Ok<List<TaskDto>>, ProblemHttpResult>> List(string? status, bool? mine, TrellisDbContext db, CancellationToken ct)
    {
        if (ParseStatus(status) is not { } filter) return Refusal.Invalid("status", $"'{status}' is not a task status filter; use open, done or all.").ToProblem();
        var tasks = mine == true ? TaskQueries.MineFor(db, db.Me.StaffId ?? Guid.Empty, db.Me.Roles) : db.Tasks;
        tasks = filter(tasks);
        var ordered = status is "done" ? tasks.OrderByDescending(t => t.CompletedAt) : tasks.OrderBy(t => t.DueOn).ThenBy(t => t.Title);
        return TypedResults.Ok(await ReadAsync(db, ordered.Take(MaxList), "task list", ct));
    }

    public static async Task<Results<Ok<List<TaskDto>>, ProblemHttpResult>> ListForParticipant(
        Guid id, string? status, TrellisDbContext db, CancellationToken ct)
    {
        if (await ParticipantQueries.GetAsync(db, id, ct: ct) is null) return Refusal.NotFound("participant").ToProblem();
        if (ParseStatus(status ?? "all") is not { } filter) return Refusal.Invalid("status", $"'{status}' is not a task status filter; use open, done or all.").ToProblem();
        var tasks = filter(db.Tasks.Where(t => t.ParticipantId == id)).OrderBy(t => t.DueOn).ThenBy(t => t.Title);
        return TypedResults.Ok(await ReadAsync(db, tasks, "chart tasks", ct));
    }

    public static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await OneAsync(db, id, ct) is not { } task) return Refusal.NotFound("task").ToProblem();
        await db.AuditReadAsync(nameof(CareTask), task.Id, task.ParticipantId, ct);
        ETags.Set(http, task.Version);
        return TypedResults.Ok(task);
    }

    public static async Task<Results<Created<TaskDto>, ProblemHttpResult>> Create(
        Guid id, TaskInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (task, refused) = await CreateTask.RunAsync(db, id, input, ct);
        if (refused is not null) return refused.ToProblem();
        var saved = (await OneAsync(db, task!.Id, ct))!;
        ETags.Set(http, saved.Version);
        return TypedResults.Created($"/api/tasks/{saved.Id}", saved);
    }

    public static async Task<Results<Ok<TaskDto>, ProblemHttpResult>> Change(
        Guid id, TaskChangeInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if ((await ChangeTask.RunAsync(db, id, input, ETags.From(http), ct)).Refusal is { } refused) return refused.ToProblem();
        var saved = (await OneAsync(db, id, ct))!;
        ETags.Set(http, saved.Version);
        return TypedResults.Ok(saved);
    }

    private static async Task<TaskDto?> OneAsync(TrellisDbContext db, Guid id, CancellationToken ct)
    {
        var today = await ProgramClock.ClinicTodayAsync(db, ct);
        return (await TaskQueries.ListAsync(db, db.Tasks.AsNoTracking().Where(t => t.Id == id), ct)).Select(r => TaskDto.From(r, today)).SingleOrDefault();
    }

    private static async Task<List<TaskDto>> ReadAsync(TrellisDbContext db, IQueryable<CareTask> tasks, string detail, CancellationToken ct)
    {
        var rows = await TaskQueries.ListAsync(db, tasks.AsNoTracking(), ct);
        await db.AuditReadAsync(nameof(CareTask), rows.Select(r => ((object)r.Id, (Guid?)r.ParticipantId)), detail, ct);
        var today = await ProgramClock.ClinicTodayAsync(db, ct);
        return rows.Select(r => TaskDto.From(r, today)).ToList();
    }

    private static Func<IQueryable<CareTask>, IQueryable<CareTask>>? ParseStatus(string? status) => status switch
    {
        null or "open" => q => q.Where(t => t.Status == CareTaskStatus.Open),
        "done" => q => q.Where(t => t.Status != CareTaskStatus.Open),
        "all" => q => q,
        _ => null,
    };
}
