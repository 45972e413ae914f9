using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Admissions.SelfCheck;

public enum YesNoUnsure { Yes, No, NotSure }
public enum HoursAvailable { UnderSix, SixToEight, NineToTwelve, ThirteenToNineteen, TwentyOrMore }
public enum JoinBy { InPerson, Video, Either }
public enum CurrentCare { None, WeeklyTherapy, DayProgram, HospitalRecently }

/// <summary>
/// The "Is IOP right for me?" self-check: a safety question and the article's six questions. The
/// answers are never stored: they travel from step to step in the form posts (see
/// <see cref="SelfCheckCarry"/>) and reach the clinic only if the person sends them with an inquiry.
/// </summary>
public sealed class SelfCheckInput
{
    public int Step { get; set; } = 1;

    [Required(ErrorMessage = "Please answer this question, so we can point you to the right help.")]
    public YesNoUnsure? ThoughtsOfEndingLife { get; set; }

    // 1. What led me to seek treatment?
    public bool LedMood { get; set; }
    public bool LedAnxiety { get; set; }
    public bool LedAlcohol { get; set; }
    public bool LedDrugs { get; set; }
    public bool LedTrauma { get; set; }
    public bool LedHospital { get; set; }
    public bool LedTherapyNotEnough { get; set; }
    [MaxLength(500, ErrorMessage = "Please keep this to 500 characters.")] public string? LedInOwnWords { get; set; }

    // 2. What are my goals?
    public bool GoalFeelBetter { get; set; }
    public bool GoalCutDown { get; set; }
    public bool GoalKeepWorking { get; set; }
    public bool GoalCope { get; set; }
    public bool GoalRelationships { get; set; }
    public bool GoalStayOutOfHospital { get; set; }
    [MaxLength(500, ErrorMessage = "Please keep this to 500 characters.")] public string? GoalsInOwnWords { get; set; }

    // 3. What support do I need most?
    public bool SupportGroups { get; set; }
    public bool SupportOneToOne { get; set; }
    public bool SupportMedication { get; set; }
    public bool SupportPractical { get; set; }
    public bool SupportRecovery { get; set; }
    public YesNoUnsure? WithdrawalSymptoms { get; set; }

    // 4. How flexible is my schedule?
    public HoursAvailable? Hours { get; set; }
    public bool Mornings { get; set; }
    public bool Afternoons { get; set; }
    public bool Evenings { get; set; }
    public bool FixedCommitments { get; set; }

    // 5. What is available near me?
    public JoinBy? Join { get; set; }
    public CurrentCare? Care { get; set; }

    // 6. Is there someone I can talk to?
    public YesNoUnsure? HasSomeone { get; set; }

    /// <summary>For AUDIT-C only: its cut-off was published for women and men.</summary>
    [MaxLength(10)] public string? Sex { get; set; }

    /// <summary>PHQ-9's unscored tenth question (0 not difficult at all … 3 extremely difficult): explained, never scored.</summary>
    [Range(0, 3)] public int? Phq9Difficulty { get; set; }

    public bool MentionsSubstances => LedAlcohol || LedDrugs || GoalCutDown || SupportRecovery;
}
