using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Outcomes.Actions;

/// <summary>Record the outcome of a post-discharge contact; completes its care task. Page and PUT /api/follow-ups/{id} call it.</summary>
public static class RecordFollowUp
{
    public static async Task<Result<FollowUpContact>> RunAsync(TrellisDbContext db, Guid id, FollowUpInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (await db.Set<FollowUpContact>().Include(f => f.Participant).ThenInclude(p => p!.Program).FirstOrDefaultAsync(f => f.Id == id, ct) is not { } contact)
            return Refusal.NotFound("follow-up contact");
        if (!db.Me.May(Permissions.CaseManagement)) return Refusal.Forbidden("Post-discharge contacts are recorded by case managers, clinicians and program directors.");
        if (expected.Check(contact.Version) is { } stale) return stale;
        if (Validation.Check(input, clock: db.Clock) is { } invalid) return invalid;
        if (input.ContactedOn < contact.DischargedOn) return Refusal.Invalid("contactedOn", $"The contact is after the discharge on {contact.DischargedOn:MMM d, yyyy}.");
        if (input.ContactedOn > contact.Participant!.Today(db.Now)) return Refusal.Invalid("contactedOn", "The contact cannot be in the future.");
        contact.ContactedOn = input.ContactedOn;
        contact.Reached = input.Reached;
        contact.InTreatmentElsewhere = input.InTreatmentElsewhere;
        contact.UseOrRelapse = input.UseOrRelapse;
        contact.Readmitted = input.Readmitted;
        contact.InstrumentCode = input.Score is null ? null : input.InstrumentCode?.Trim().ToLowerInvariant();
        contact.Score = input.Score;
        contact.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        contact.RecordedBy = db.Actor.UserName;
        if (contact.TaskId is { } taskId && await db.Tasks.FirstOrDefaultAsync(t => t.Id == taskId && t.Status == CareTaskStatus.Open, ct) is { } task)
            CareTasks.Complete(db, task, input.Reached == true ? "Reached; outcome recorded." : "Not reached; attempt recorded.");
        await db.SaveChangesAsync(ct);
        return contact;
    }
}
