using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Plans;

/// <summary>A Stanley–Brown safety plan, one version.</summary>
public sealed class SafetyPlan : VersionedPlan
{
    public SafetyPlanContent Content { get; set; } = new();
}

/// <summary>
/// The Stanley–Brown sections (Stanley &amp; Brown, Cogn Behav Pract 2012): warning signs, internal
/// coping strategies, people and places for distraction, people to ask for help, professionals and
/// crisis lines (988 is always on the plan), making the environment safe, reasons for living.
/// </summary>
public sealed class SafetyPlanContent : IPlanContent
{
    [MaxLength(15)] public List<string> WarningSigns { get; set; } = [];
    [MaxLength(15)] public List<CopingItem> CopingStrategies { get; set; } = [];
    [MaxLength(10)] public List<PlanContact> DistractionPeople { get; set; } = [];
    [MaxLength(10)] public List<string> DistractionPlaces { get; set; } = [];
    [MaxLength(10)] public List<PlanContact> HelpContacts { get; set; } = [];
    [MaxLength(10)] public List<PlanContact> Professionals { get; set; } = [];
    [MaxLength(10)] public List<string> EnvironmentSafety { get; set; } = [];
    [MaxLength(10)] public List<string> ReasonsForLiving { get; set; } = [];

    public void Clean()
    {
        WarningSigns = PlanVersions.Clean(WarningSigns);
        CopingStrategies = PlanVersions.Clean(CopingStrategies);
        DistractionPeople = PlanVersions.Clean(DistractionPeople);
        DistractionPlaces = PlanVersions.Clean(DistractionPlaces);
        HelpContacts = PlanVersions.Clean(HelpContacts);
        Professionals = PlanVersions.Clean(Professionals);
        EnvironmentSafety = PlanVersions.Clean(EnvironmentSafety);
        ReasonsForLiving = PlanVersions.Clean(ReasonsForLiving);
    }

    /// <summary>What a complete plan still lacks, keyed by section, in words for the person writing it.</summary>
    public Dictionary<string, string[]> MissingForCompletion()
    {
        var m = new Dictionary<string, string[]>();
        if (WarningSigns.Count == 0) m["warningSigns"] = ["Step 1: list at least one warning sign that a crisis may be coming."];
        if (CopingStrategies.Count == 0) m["copingStrategies"] = ["Step 2: list at least one thing they can do on their own to take their mind off things."];
        if (DistractionPeople.Count == 0 && DistractionPlaces.Count == 0) m["distractionPeople"] = ["Step 3: list at least one person or place that provides distraction."];
        if (HelpContacts.Count == 0) m["helpContacts"] = ["Step 4: list at least one person they can ask for help."];
        else if (HelpContacts.Any(c => string.IsNullOrWhiteSpace(c.Phone))) m["helpContacts"] = ["Step 4: give a phone number for each person they can ask for help."];
        if (Professionals.Count == 0) m["professionals"] = ["Step 5: list at least one professional or agency besides 988, such as their clinician and the clinic's number."];
        if (EnvironmentSafety.Count == 0) m["environmentSafety"] = ["Step 6: say how the environment will be made safe (for example, who holds medications or firearms)."];
        if (ReasonsForLiving.Count == 0) m["reasonsForLiving"] = ["Write at least one reason for living, in their words."];
        return m;
    }
}

/// <summary>The 988 Suicide &amp; Crisis Lifeline: on every safety plan, whatever else is listed.</summary>
public static class CrisisLines
{
    public static readonly PlanContact Lifeline988 = new() { Name = "988 Suicide & Crisis Lifeline", Role = "Call or text, any time", Phone = "988" };
    public const string Emergency = "In an emergency call 911 or go to the nearest emergency department.";
}

internal sealed class SafetyPlanConfiguration : IEntityTypeConfiguration<SafetyPlan>
{
    public void Configure(EntityTypeBuilder<SafetyPlan> b)
    {
        b.ToTable("SafetyPlans");
        b.Property(x => x.Content).HasJsonConversion();
        VersionedPlanColumns.Configure(b);
    }
}
