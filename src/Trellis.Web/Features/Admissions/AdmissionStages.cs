using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Admissions;

/// <summary>What each pipeline stage means: its label, whether it is open, how long a lead may wait in it, and what it makes the chart's status.</summary>
public static class AdmissionStages
{
    public static readonly AdmissionStage[] Open =
        [AdmissionStage.Inquiry, AdmissionStage.Screening, AdmissionStage.Assessment, AdmissionStage.LevelOfCareDecision, AdmissionStage.Authorization, AdmissionStage.Waitlisted];

    public static readonly AdmissionStage[] Outcomes = [AdmissionStage.Admitted, AdmissionStage.Referred, AdmissionStage.Closed];

    public static bool IsOpen(AdmissionStage stage) => stage is not (AdmissionStage.Admitted or AdmissionStage.Referred or AdmissionStage.Closed);

    public static string Label(AdmissionStage stage) => stage switch
    {
        AdmissionStage.Inquiry => "Inquiry",
        AdmissionStage.Screening => "Screening",
        AdmissionStage.Assessment => "Assessment",
        AdmissionStage.LevelOfCareDecision => "Level-of-care decision",
        AdmissionStage.Authorization => "Authorization",
        AdmissionStage.Waitlisted => "Waitlisted",
        AdmissionStage.Admitted => "Admitted",
        AdmissionStage.Referred => "Referred elsewhere",
        _ => "Closed",
    };

    /// <summary>
    /// Days a lead should not wait in a stage without someone acting: a person who reached out
    /// hears back within a working day, and each later step is a call or an appointment away.
    /// </summary>
    public static int? TargetDays(AdmissionStage stage) => stage switch
    {
        AdmissionStage.Inquiry => 1,
        AdmissionStage.Screening => 3,
        AdmissionStage.Assessment => 5,
        AdmissionStage.LevelOfCareDecision => 2,
        AdmissionStage.Authorization => 5,
        AdmissionStage.Waitlisted => 14,
        _ => null,
    };

    /// <summary>The chart status that goes with a stage once the person has a chart.</summary>
    public static ParticipantStatus StatusFor(AdmissionStage stage) => stage switch
    {
        AdmissionStage.Inquiry => ParticipantStatus.Inquiry,
        AdmissionStage.Waitlisted => ParticipantStatus.Waitlisted,
        AdmissionStage.Admitted => ParticipantStatus.Admitted,
        AdmissionStage.Referred or AdmissionStage.Closed => ParticipantStatus.NotAdmitted,
        _ => ParticipantStatus.Screening,
    };

    /// <summary>Statuses intake may still change: once admitted, the chart's status is the clinical team's.</summary>
    public static bool IsPreAdmission(ParticipantStatus status) =>
        status is ParticipantStatus.Inquiry or ParticipantStatus.Screening or ParticipantStatus.Waitlisted or ParticipantStatus.NotAdmitted;

    /// <summary>"3 h", "2 days", "5 weeks": time in a stage at a glance.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalHours < 1) return $"{Math.Max(1, (int)span.TotalMinutes)} min";
        if (span.TotalDays < 1) return $"{(int)span.TotalHours} h";
        if (span.TotalDays < 14) return $"{(int)span.TotalDays} day{((int)span.TotalDays == 1 ? "" : "s")}";
        return $"{(int)(span.TotalDays / 7)} weeks";
    }

    public static bool IsOverdue(AdmissionStage stage, TimeSpan inStage) =>
        TargetDays(stage) is { } days && inStage > TimeSpan.FromDays(days);
}
