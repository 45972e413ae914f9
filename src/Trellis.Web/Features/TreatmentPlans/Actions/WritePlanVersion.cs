using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Clinical;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.TreatmentPlans.Actions;

/// <summary>Body of PUT /api/participants/{id}/treatment-plan and the plan page's form: the whole plan as the next version.</summary>
public sealed class TreatmentPlanInput
{
    [Required(ErrorMessage = "Send the plan's content: problems, goals, objectives and interventions.")]
    public PlanContent? Content { get; set; }

    /// <summary>What changed and why; required for every version after the first.</summary>
    [MaxLength(1000), Display(Name = "What changed")]
    public string? ChangeSummary { get; set; }
}

/// <summary>
/// Write the next version of a participant's treatment plan: no version is ever edited. The first plan
/// needs no version to be based on; every later one names the version it changes (the API's If-Match,
/// the page's hidden number), so nobody overwrites a version they have not seen. Goals keep their ids
/// across versions, so notes and reviews stay linked. Called by the plan page and PUT /api/participants/{id}/treatment-plan.
/// </summary>
public static class WritePlanVersion
{
    public static async Task<Result<TreatmentPlan>> RunAsync(TrellisDbContext db, Guid participantId, TreatmentPlanInput input, ETags.Expected expected,
        CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is not { } participant) return Refusal.NotFound("participant");
        if (await ClinicalStaff.AllowedAsync(db, Permissions.WriteTreatmentPlans, ct) is not { } author)
            return Refusal.Forbidden("Treatment plans are written by the participant's clinicians and program directors.");
        if (participant.Status == ParticipantStatus.Discharged)
            return Refusal.Conflict($"{participant.DisplayName} was discharged on {participant.DischargedOn:MMM d, yyyy}; the treatment plan is closed.");
        var latest = await TreatmentPlanQueries.LatestAsync(db, participantId, ct);
        if (latest is not null && expected.Check(latest.Number) is { } stale) return stale;
        if (input.Content is not null) Normalize(input.Content);
        if (await CheckAsync(db, participant, input, latest is null, ct) is { Count: > 0 } errors) return Refusal.Invalid(Validation.ToDictionary(errors));
        var plan = await AddVersionAsync(db, participant, input, author, ct);
        // Two people saving at once compute the same next number; the unique index refuses the second.
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Stale(latest?.Number ?? 0);
        }
        return plan;
    }

    /// <summary>Trims text and drops rows left entirely empty (the spare rows of the page form).</summary>
    public static void Normalize(PlanContent c)
    {
        c.Strengths = ClinicalText.Clean(c.Strengths);
        c.ParticipantVoice = ClinicalText.Clean(c.ParticipantVoice);
        foreach (var p in c.Problems)
        {
            p.Statement = ClinicalText.Clean(p.Statement);
            p.DiagnosisCodes = p.DiagnosisCodes.Where(d => !string.IsNullOrWhiteSpace(d)).Select(d => d.Trim().ToUpperInvariant()).Distinct().ToList();
            foreach (var g in p.Goals)
            {
                g.OwnWords = ClinicalText.Clean(g.OwnWords);
                g.Target = ClinicalText.Clean(g.Target);
                g.InstrumentCode = ClinicalText.Clean(g.InstrumentCode)?.ToLowerInvariant();
                foreach (var o in g.Objectives) o.Text = ClinicalText.Clean(o.Text);
                foreach (var i in g.Interventions)
                {
                    i.Description = ClinicalText.Clean(i.Description);
                    i.Frequency = ClinicalText.Clean(i.Frequency);
                    if (i.ResponsibleStaffId == Guid.Empty) i.ResponsibleStaffId = null;
                }
                g.Objectives.RemoveAll(o => o.Text is null && o.TargetDate is null);
                g.Interventions.RemoveAll(i => i.Description is null && i.Frequency is null && i.Type is null && i.ResponsibleStaffId is null);
            }
            p.Goals.RemoveAll(g => g.OwnWords is null && g.Target is null && g.InstrumentCode is null && g.TargetScore is null
                && g.Objectives.Count == 0 && g.Interventions.Count == 0);
        }
        c.Problems.RemoveAll(p => p.Statement is null && p.Goals.Count == 0 && p.DiagnosisCodes.Count == 0);
    }

    /// <summary>Every rule at once: the annotations, and what only the chart can tell (its diagnoses, its program's staff).</summary>
    private static async Task<List<FieldError>> CheckAsync(TrellisDbContext db, Participant participant, TreatmentPlanInput input, bool isFirst, CancellationToken ct)
    {
        var errors = Validation.Validate(input);
        var content = input.Content;
        if (content is null) return errors;
        if (content.Problems.Count == 0)
            errors.Add(new(content, nameof(PlanContent.Problems), "content.problems", "Add at least one problem, with a goal in the participant's own words."));
        if (!isFirst && string.IsNullOrWhiteSpace(input.ChangeSummary))
            errors.Add(new(input, nameof(TreatmentPlanInput.ChangeSummary), "changeSummary", "Say what changed in this version and why."));
        var codes = participant.Diagnoses.Select(d => d.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var team = (await ClinicalStaff.OfProgramAsync(db, participant.ProgramId, ct)).Select(s => s.Id).ToHashSet();
        for (var pi = 0; pi < content.Problems.Count; pi++)
        {
            var problem = content.Problems[pi];
            if (problem.Goals.Count == 0)
                errors.Add(new(problem, nameof(PlanProblem.Goals), $"content.problems[{pi}].goals", "Add at least one goal for this problem."));
            foreach (var code in problem.DiagnosisCodes.Where(c => !codes.Contains(c)))
                errors.Add(new(problem, nameof(PlanProblem.DiagnosisCodes), $"content.problems[{pi}].diagnosisCodes",
                    $"{code} is not one of {participant.FirstName}'s diagnoses; add it to the chart first or choose another."));
            for (var gi = 0; gi < problem.Goals.Count; gi++)
                for (var ii = 0; ii < problem.Goals[gi].Interventions.Count; ii++)
                {
                    var intervention = problem.Goals[gi].Interventions[ii];
                    if (intervention.ResponsibleStaffId is { } sid && !team.Contains(sid))
                        errors.Add(new(intervention, nameof(PlanIntervention.ResponsibleStaffId), $"content.problems[{pi}].goals[{gi}].interventions[{ii}].responsibleStaffId",
                            $"Choose a staff member of {participant.Program?.Name ?? "the participant's program"}."));
                }
        }
        var goalIds = content.Problems.SelectMany(p => p.Goals).Where(g => g.Id != Guid.Empty).Select(g => g.Id).ToList();
        if (goalIds.Count != goalIds.Distinct().Count())
            errors.Add(new(content, nameof(PlanContent.Problems), "content.problems", "Two goals carry the same id; each goal keeps its own."));
        return errors;
    }

    /// <summary>Adds the next version. Items without an id get one; goals keep theirs so notes stay linked across versions.</summary>
    private static async Task<TreatmentPlan> AddVersionAsync(TrellisDbContext db, Participant participant, TreatmentPlanInput input, StaffMember author, CancellationToken ct)
    {
        var content = input.Content!;
        var names = await ClinicalStaff.NamesAsync(db, content.Problems.SelectMany(p => p.Goals).SelectMany(g => g.Interventions).Select(i => i.ResponsibleStaffId), ct);
        foreach (var p in content.Problems)
        {
            if (p.Id == Guid.Empty) p.Id = Guid.CreateVersion7();
            foreach (var g in p.Goals)
            {
                if (g.Id == Guid.Empty) g.Id = Guid.CreateVersion7();
                foreach (var o in g.Objectives) if (o.Id == Guid.Empty) o.Id = Guid.CreateVersion7();
                foreach (var i in g.Interventions)
                {
                    if (i.Id == Guid.Empty) i.Id = Guid.CreateVersion7();
                    i.ResponsibleName = i.ResponsibleStaffId is { } sid ? names.GetValueOrDefault(sid) : null;
                }
            }
        }
        var last = await db.Set<TreatmentPlan>().Where(t => t.ParticipantId == participant.Id).MaxAsync(t => (int?)t.Number, ct) ?? 0;
        var plan = new TreatmentPlan
        {
            ParticipantId = participant.Id, Number = last + 1, Content = content,
            ChangeSummary = ClinicalText.Clean(input.ChangeSummary) ?? (last == 0 ? "First plan" : null),
            WrittenByStaffId = author.Id, WrittenByName = ClinicalStaff.SignatureName(author), WrittenAt = db.Now,
        };
        db.Set<TreatmentPlan>().Add(plan);
        return plan;
    }
}
