using Trellis.Web.Features.Participants;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;

namespace Trellis.Web.Features.Tasks;

public sealed record TaskRow(Guid Id, Guid ParticipantId, string ParticipantName, string Kind, string Title, string? Detail,
    DateOnly DueOn, CareTaskStatus Status, Guid? AssignedToStaffId, string? AssignedTo, string? AssignedRole, string? Outcome, DateTimeOffset? CompletedAt,
    string? CompletedBy = null, long Version = 0)
{
    public bool IsOverdue(DateOnly today) => Status == CareTaskStatus.Open && DueOn < today;
}

public static class TaskQueries
{
    /// <summary>
    /// Shapes tasks for lists. Filter and order the CareTask query first: EF cannot translate a
    /// filter or an order on the constructed row.
    /// </summary>
    public static Task<List<TaskRow>> ListAsync(TrellisDbContext db, IQueryable<CareTask> tasks, CancellationToken ct = default) =>
        (from t in tasks
         join s in db.Staff on t.AssignedToStaffId equals s.Id into owner
         from s in owner.DefaultIfEmpty()
         select new TaskRow(t.Id, t.ParticipantId,
             Participant.NameOf(t.Participant!.PreferredName, t.Participant.LegalFirstName, t.Participant.LegalLastName),
             t.Kind, t.Title, t.Detail, t.DueOn, t.Status, t.AssignedToStaffId,
             s == null ? null : s.FirstName + " " + s.LastName, t.AssignedRole, t.Outcome, t.CompletedAt, t.CompletedBy, t.Version)).ToListAsync(ct);

    /// <summary>Open tasks for a staff member: assigned to them, or waiting for anyone in one of their roles.</summary>
    public static IQueryable<CareTask> OpenFor(TrellisDbContext db, Guid staffId, IEnumerable<string> roles) =>
        MineFor(db, staffId, roles).Where(t => t.Status == CareTaskStatus.Open);

    /// <summary>A staff member's tasks in any status: assigned to them, or to one of their roles with no one named.</summary>
    public static IQueryable<CareTask> MineFor(TrellisDbContext db, Guid staffId, IEnumerable<string> roles)
    {
        var roleList = roles.ToList();
        return db.Tasks.Where(t => t.AssignedToStaffId == staffId
            || (t.AssignedToStaffId == null && t.AssignedRole != null && roleList.Contains(t.AssignedRole)));
    }

    public static string KindLabel(string kind) => kind switch
    {
        CareTaskKinds.CompleteSafetyPlan => "Safety plan",
        CareTaskKinds.MissedSessionFollowUp => "Missed session",
        CareTaskKinds.EngagementOutreach => "Engagement",
        CareTaskKinds.TreatmentPlanDue => "Treatment plan",
        CareTaskKinds.TreatmentPlanReview => "Plan review",
        CareTaskKinds.Referral => "Referral",
        CareTaskKinds.Admission => "Admission",
        CareTaskKinds.LevelOfCareDecision => "Level of care",
        _ => "Task",
    };
}
