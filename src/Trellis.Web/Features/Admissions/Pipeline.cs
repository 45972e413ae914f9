using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Admissions;

public sealed record StaffChoice(Guid Id, string Name);

/// <summary>
/// The pipeline's rules, used by the lead actions (Actions/): a lead from an inquiry, taking and
/// moving it. Each adds its changes to the context; the action saves. Steps are written in the name
/// of whoever the context acts for (<see cref="TrellisDbContext.Me"/>).
/// </summary>
public static class Pipeline
{
    public const string NewInquiryKind = "new_inquiry";

    /// <summary>Roles that work leads and may own one.</summary>
    public static readonly string[] OwnerRoles = [Roles.IntakeCoordinator, Roles.ProgramDirector, Roles.Clinician];

    /// <summary>Who the history names for a step: the website for what a person sent, otherwise whoever is acting.</summary>
    public const string WebsiteForm = "Website form";

    public static AdmissionCase Create(TrellisDbContext db, InquiryInput input, string? selfCheckSummary = null,
        Organization.LevelOfCare? suggested = null, bool safetyConcern = false)
    {
        var now = db.Now;
        var c = new AdmissionCase
        {
            ProgramId = input.ProgramId, Stage = AdmissionStage.Inquiry, StageEnteredAt = now, ReceivedAt = now,
            Source = input.Source, ReferredBy = Clean(input.ReferredBy),
            FirstName = input.FirstName!.Trim(), LastName = Clean(input.LastName), Phone = Clean(input.Phone), Email = Clean(input.Email)?.ToLowerInvariant(),
            PreferredContact = input.PreferredContact!.Value, BestTimeToReach = Clean(input.BestTimeToReach),
            MessageMayNameClinic = input.MessageMayNameClinic, LookingFor = Clean(input.LookingFor), ConsentToContact = input.ConsentToContact,
            SelfCheckSummary = selfCheckSummary, SelfCheckSuggestedLevel = suggested, SafetyConcern = safetyConcern,
        };
        c.Steps.Add(new AdmissionStep
        {
            CaseId = c.Id, Stage = AdmissionStage.Inquiry, EnteredAt = now, ByName = input.Source == InquirySource.WebForm ? WebsiteForm : db.Me.DisplayName,
            Note = input.Source switch
            {
                InquirySource.WebForm => "Inquiry sent from the website.",
                InquirySource.Phone => "Inquiry taken by phone.",
                InquirySource.Referral => "Referral received.",
                _ => "Walk-in inquiry.",
            },
        });
        db.Set<AdmissionCase>().Add(c);
        return c;
    }

    /// <summary>Tells intake about a new lead: urgently when the inquiry showed a sign of suicide risk.</summary>
    public static async Task NotifyIntakeAsync(TrellisDbContext db, AdmissionCase c, CancellationToken ct = default)
    {
        var recipients = (await StaffWithRolesAsync(db, [Roles.IntakeCoordinator], c.ProgramId, ct)).Select(s => (Guid?)s.Id).ToList();
        if (c.SafetyConcern) recipients.AddRange((await StaffWithRolesAsync(db, [Roles.ProgramDirector], c.ProgramId, ct)).Select(s => (Guid?)s.Id));
        var title = c.SafetyConcern ? $"Call today: new inquiry from {c.FirstName} shows a safety concern" : $"New inquiry from {c.FirstName}";
        var body = c.SafetyConcern
            ? "Their self-check showed thoughts of death or self-harm. Call back today and assess safety; crisis resources were shown to them."
            : $"Prefers {c.PreferredContact.ToString().ToLowerInvariant()}{(c.BestTimeToReach is null ? "" : $", {c.BestTimeToReach}")}. Reply within one working day.";
        Notifier.Notify(db, recipients, NewInquiryKind, title, body, $"/admissions/{c.Id}", c.ParticipantId, urgent: c.SafetyConcern);
    }

    /// <summary>Active staff holding one of the roles, in the program (or in any program when it is null).</summary>
    public static async Task<List<StaffChoice>> StaffWithRolesAsync(TrellisDbContext db, string[] roles, Guid? programId, CancellationToken ct = default)
    {
        var rows = await (from s in db.Staff
                          join ur in db.UserRoles on s.UserId equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where s.IsActive && roles.Contains(r.Name!) && (programId == null ? s.Programs.Any() : s.Programs.Any(a => a.ProgramId == programId))
                          select new { s.Id, s.FirstName, s.LastName }).ToListAsync(ct);
        return rows.DistinctBy(r => r.Id).OrderBy(r => r.LastName).ThenBy(r => r.FirstName).Select(r => new StaffChoice(r.Id, $"{r.FirstName} {r.LastName}")).ToList();
    }

    /// <summary>Whether the lead may go where the move says; null when it may. Errors are keyed like the move's JSON body.</summary>
    public static async Task<Refusal?> CheckMoveAsync(TrellisDbContext db, AdmissionCase c, MoveInput m, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        var stage = m.Stage!.Value;
        if (c.Stage == AdmissionStage.Admitted)
            errors["stage"] = ["This person is admitted; changes now happen in their chart."];
        else if (stage == AdmissionStage.Admitted)
            errors["stage"] = ["Admit from the admission page: it records the track, the start date and the care team."];
        else if (stage == c.Stage)
            errors["stage"] = [$"The lead is already at {AdmissionStages.Label(stage)}. To change only the owner, use Assign."];
        else if (c.ParticipantId is null && stage is not (AdmissionStage.Inquiry or AdmissionStage.Referred or AdmissionStage.Closed))
            errors["stage"] = ["Open a chart for this person first (Register): screening results, decisions and authorizations are kept in the chart."];
        if (m.OwnerStaffId is { } owner && !await IsOwnerChoiceAsync(db, owner, c.ProgramId, ct))
            errors["ownerStaffId"] = [OwnerChoiceMessage];
        if (m.WaitlistTrackId is { } track && stage == AdmissionStage.Waitlisted
            && !await db.Tracks.AnyAsync(t => t.Id == track && t.ProgramId == c.ProgramId, ct))
            errors["waitlistTrackId"] = ["That track is not a track of this lead's program."];
        return errors.Count == 0 ? null : Refusal.Invalid(errors);
    }

    public const string OwnerChoiceMessage = "Choose an active intake coordinator, program director or clinician of this program.";

    public static Task<bool> IsOwnerChoiceAsync(TrellisDbContext db, Guid staffId, Guid? programId, CancellationToken ct = default) =>
        (from s in db.Staff
         join ur in db.UserRoles on s.UserId equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where s.Id == staffId && s.IsActive && OwnerRoles.Contains(r.Name!)
               && (programId == null ? s.Programs.Any() : s.Programs.Any(a => a.ProgramId == programId))
         select s.Id).AnyAsync(ct);

    /// <summary>Moves a checked lead, dating the step, and keeps a pre-admission chart's status in step.</summary>
    public static async Task MoveAsync(TrellisDbContext db, AdmissionCase c, MoveInput m, CancellationToken ct = default)
    {
        var stage = m.Stage!.Value;
        var now = db.Now;
        c.Stage = stage;
        c.StageEnteredAt = now;
        c.OwnerStaffId = m.OwnerStaffId ?? c.OwnerStaffId;
        c.ClosedAt = AdmissionStages.IsOpen(stage) ? null : now;
        c.ReferredTo = stage == AdmissionStage.Referred ? Clean(m.ReferredTo) : null;
        c.OutcomeReason = stage is AdmissionStage.Referred or AdmissionStage.Closed or AdmissionStage.Waitlisted ? Clean(m.Reason) : null;
        c.WaitlistTrackId = stage == AdmissionStage.Waitlisted ? m.WaitlistTrackId : null;
        c.Steps.Add(await StepAsync(db, c, stage, Clean(m.Note) ?? OutcomeNote(c), ct));
        if (c.ParticipantId is { } pid && await db.Participants.FirstOrDefaultAsync(p => p.Id == pid, ct) is { } participant
            && AdmissionStages.IsPreAdmission(participant.Status))
            participant.Status = AdmissionStages.StatusFor(stage);
    }

    /// <summary>Gives the lead to someone (or the caller) without moving it; the history notes it.</summary>
    public static async Task AssignAsync(TrellisDbContext db, AdmissionCase c, Guid ownerId, CancellationToken ct = default)
    {
        c.OwnerStaffId = ownerId;
        var step = await StepAsync(db, c, c.Stage, null, ct);
        var by = db.Me.DisplayName;
        step.Note = ownerId == db.Me.StaffId ? $"Taken by {by}." : $"Assigned to {step.OwnerName} by {by}.";
        c.Steps.Add(step);
    }

    /// <summary>A dated step in the name of whoever the context acts for.</summary>
    public static async Task<AdmissionStep> StepAsync(TrellisDbContext db, AdmissionCase c, AdmissionStage stage, string? note, CancellationToken ct = default)
    {
        var owner = c.OwnerStaffId is { } id ? await db.Staff.Where(s => s.Id == id).Select(s => s.FirstName + " " + s.LastName).FirstOrDefaultAsync(ct) : null;
        var step = new AdmissionStep { CaseId = c.Id, Stage = stage, EnteredAt = db.Now, OwnerStaffId = c.OwnerStaffId, OwnerName = owner, ByName = db.Me.DisplayName, Note = note };
        db.Set<AdmissionStep>().Add(step);
        return step;
    }

    private static string? OutcomeNote(AdmissionCase c) => c.Stage switch
    {
        AdmissionStage.Referred => $"Referred to {c.ReferredTo}: {c.OutcomeReason}",
        AdmissionStage.Closed or AdmissionStage.Waitlisted => c.OutcomeReason,
        _ => null,
    };

    /// <summary>Loads a lead the caller may see, with its steps; null when absent or out of scope.</summary>
    public static Task<AdmissionCase?> LoadAsync(TrellisDbContext db, Guid id, CancellationToken ct = default) =>
        db.Set<AdmissionCase>().Include(c => c.Program).Include(c => c.Participant).Include(c => c.Steps)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>Corrects a lead's details from the form (the program only while it has no chart: the caller checks).</summary>
    public static void UpdateDetails(AdmissionCase c, InquiryInput input)
    {
        c.ProgramId = input.ProgramId;
        c.FirstName = input.FirstName!.Trim();
        c.LastName = Clean(input.LastName);
        c.Phone = Clean(input.Phone);
        c.Email = Clean(input.Email)?.ToLowerInvariant();
        c.PreferredContact = input.PreferredContact!.Value;
        c.BestTimeToReach = Clean(input.BestTimeToReach);
        c.MessageMayNameClinic = input.MessageMayNameClinic;
        c.LookingFor = Clean(input.LookingFor);
        c.ReferredBy = Clean(input.ReferredBy);
        c.ConsentToContact = input.ConsentToContact;
    }

    /// <summary>A lead's program must be an active one the caller works in; null (not sure yet) is always allowed.</summary>
    public static async Task<Refusal?> CheckProgramAsync(TrellisDbContext db, Guid? programId, CancellationToken ct = default) =>
        programId is { } p && (!db.Scope.Covers(p) || !await db.Programs.AnyAsync(x => x.Id == p && x.IsActive, ct))
            ? Refusal.Invalid("programId", "Choose an active program you work in, or leave it empty when the person is not sure.")
            : null;

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
