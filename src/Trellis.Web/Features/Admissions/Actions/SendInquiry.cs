using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Admissions.SelfCheck;

namespace Trellis.Web.Features.Admissions.Actions;

/// <summary>
/// A person's inquiry from the public "talk to someone" form: a new lead, and intake told (urgently
/// when the self-check they chose to send shows a sign of suicide risk). The self-check is re-read
/// and re-scored here, never trusted as sent. Called by the public form only (anonymous).
/// </summary>
public static class SendInquiry
{
    public static async Task<Result<AdmissionCase>> RunAsync(TrellisDbContext db, InquiryInput input, CancellationToken ct = default)
    {
        var errors = Validation.Validate(input, clock: db.Clock).Select(e => (e.Path, e.Message)).ToList();
        if (input.ProgramId is { } pid && !await db.PublishedPrograms.AnyAsync(p => p.Id == pid && p.IsActive, ct))
            errors.Add(("programId", "Choose one of our programs, or \"I'm not sure yet\"."));
        var selfCheck = input.IncludeSelfCheck ? SelfCheckCarry.Decode(input.SelfCheck) : null;
        if (input.IncludeSelfCheck && selfCheck is null)
            errors.Add(("includeSelfCheck", "We couldn't read your self-check answers. Untick this box, or take the self-check again."));
        if (errors.Count > 0)
            return Refusal.Invalid(errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray()));

        SelfCheckResult? result = null;
        if (selfCheck is not null)
            result = SelfCheckEvaluation.Evaluate(selfCheck.Input, SelfCheckEvaluation.ReadScreens(selfCheck.Input, selfCheck.Answers, new Dictionary<string, string[]>()));
        input.Source = InquirySource.WebForm;
        var lead = Pipeline.Create(db, input, result is null ? null : SelfCheckEvaluation.Summary(selfCheck!.Input, result),
            result?.Suggestion.Level, result?.ShowCrisisHelp == true);
        await Pipeline.NotifyIntakeAsync(db, lead, ct);
        await db.SaveChangesAsync(ct);
        return lead;
    }
}
