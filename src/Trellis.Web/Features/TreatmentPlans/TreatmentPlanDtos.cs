namespace Trellis.Web.Features.TreatmentPlans;

public sealed record PlanSignaturesDto(
    string? Clinician, DateTimeOffset? ClinicianSignedAt, bool SupervisorRequired, string? Supervisor, DateTimeOffset? SupervisorSignedAt,
    string? ParticipantSignature, string? ParticipantSignatureMethod, DateTimeOffset? ParticipantSignedAt, string? ParticipantDeclinedReason,
    IReadOnlyList<string> Missing, string? SimilarityWarning);

public sealed record PlanScheduleDto(string? FirstPlanState, string? FirstPlanText, string? ReviewState, DateOnly? ReviewDueOn, string? ReviewText,
    int ReviewIntervalDays, int FirstPlanWithinSessions);

/// <param name="Status">draft, awaiting_signatures, in_effect or replaced.</param>
public sealed record TreatmentPlanDto(Guid Id, Guid ParticipantId, int Number, string Status, PlanContent Content, string? ChangeSummary,
    string WrittenBy, DateTimeOffset WrittenAt, PlanSignaturesDto Signatures, int? InEffectNumber, PlanScheduleDto? Schedule)
{
    public static TreatmentPlanDto From(TreatmentPlan p, int latestNumber, int? inEffect, PlanScheduleDto? schedule) => new(
        p.Id, p.ParticipantId, p.Number, StatusOf(p, latestNumber, inEffect), p.Content, p.ChangeSummary, p.WrittenByName, p.WrittenAt,
        new PlanSignaturesDto(p.ClinicianName, p.ClinicianSignedAt, p.SupervisorRequired, p.SupervisorName, p.SupervisorSignedAt,
            p.ParticipantSignature, p.ParticipantSignatureMethod, p.ParticipantSignedAt, p.ParticipantDeclinedReason, PlanSigning.Missing(p), p.SimilarityWarning),
        inEffect, schedule);

    private static string StatusOf(TreatmentPlan p, int latest, int? inEffect) => PlanSigning.StatusText(p, latest, inEffect) switch
    {
        "Replaced" => "replaced",
        "In effect" => "in_effect",
        "Draft" => "draft",
        _ => "awaiting_signatures",
    };

    public static PlanScheduleDto ScheduleOf(PlanOverview o) => new(
        o.FirstPlan is null ? null : Infrastructure.EnumText.ToApi(o.FirstPlan.State), o.FirstPlan?.Text,
        o.Review is null ? null : Infrastructure.EnumText.ToApi(o.Review.State), o.Review?.DueOn, o.Review?.Text,
        o.Rules.ReviewIntervalDays, o.Rules.FirstPlanWithinSessions);
}

public sealed record PlanVersionSummary(int Number, string Status, string? ChangeSummary, string WrittenBy, DateTimeOffset WrittenAt, IReadOnlyList<string> MissingSignatures);

public sealed record PlanReviewDto(Guid Id, int PlanNumber, DateOnly ReviewedOn, IReadOnlyList<GoalReview> Goals, string Summary,
    bool ParticipantTookPart, string? ParticipantComment, bool PlanUpdateNeeded, DateOnly NextReviewDue, string ReviewedBy, DateTimeOffset SignedAt)
{
    public static PlanReviewDto From(PlanReview r) => new(r.Id, r.PlanNumber, r.ReviewedOn, r.Goals, r.Summary, r.ParticipantTookPart,
        r.ParticipantComment, r.PlanUpdateNeeded, r.NextReviewDue, r.ReviewedByName, r.SignedAt);
}

public sealed record PlanDueDto(Guid ParticipantId, string Name, string Program, string? FirstPlanState, string? FirstPlanText,
    string? ReviewState, DateOnly? ReviewDueOn, string? ReviewText);
