using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Plans;

/// <summary>A relapse prevention plan, one version.</summary>
public sealed class RelapsePreventionPlan : VersionedPlan
{
    public RelapsePlanContent Content { get; set; } = new();
}

/// <summary>A trigger and the coping strategy the participant will use when it comes up.</summary>
public sealed class TriggerPlan
{
    [Required(ErrorMessage = "Describe the trigger."), MaxLength(300), Display(Name = "Trigger")]
    public string? Trigger { get; set; }

    [Required(ErrorMessage = "Give a coping strategy for this trigger."), MaxLength(500), Display(Name = "Coping strategy")]
    public string? Strategy { get; set; }

    public Guid? SkillId { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Trigger) && string.IsNullOrWhiteSpace(Strategy) && SkillId is null;
}

/// <summary>
/// The elements of the Marlatt &amp; Gordon model and Gorski's warning-sign model (SAMHSA TAP 19):
/// triggers each with a coping strategy, high-risk situations, early / middle / late warning signs,
/// support contacts and their roles, people and places to avoid, meetings, and what to do after a lapse.
/// </summary>
public sealed class RelapsePlanContent : IPlanContent
{
    [MaxLength(15)] public List<TriggerPlan> Triggers { get; set; } = [];
    [MaxLength(15)] public List<string> HighRiskSituations { get; set; } = [];
    [MaxLength(10)] public List<string> EarlyWarningSigns { get; set; } = [];
    [MaxLength(10)] public List<string> MiddleWarningSigns { get; set; } = [];
    [MaxLength(10)] public List<string> LateWarningSigns { get; set; } = [];
    [MaxLength(10)] public List<PlanContact> SupportContacts { get; set; } = [];
    [MaxLength(10)] public List<string> PeopleToAvoid { get; set; } = [];
    [MaxLength(10)] public List<string> PlacesToAvoid { get; set; } = [];
    [MaxLength(10)] public List<string> SupportMeetings { get; set; } = [];

    [MaxLength(2000), Display(Name = "After a lapse")]
    public string? AfterALapse { get; set; }

    public void Clean()
    {
        Triggers = Triggers.Select(t => new TriggerPlan { Trigger = ClinicalText.Clean(t.Trigger), Strategy = ClinicalText.Clean(t.Strategy), SkillId = PlanVersions.Skill(t.SkillId) })
            .Where(t => !t.IsBlank).ToList();
        HighRiskSituations = PlanVersions.Clean(HighRiskSituations);
        EarlyWarningSigns = PlanVersions.Clean(EarlyWarningSigns);
        MiddleWarningSigns = PlanVersions.Clean(MiddleWarningSigns);
        LateWarningSigns = PlanVersions.Clean(LateWarningSigns);
        SupportContacts = PlanVersions.Clean(SupportContacts);
        PeopleToAvoid = PlanVersions.Clean(PeopleToAvoid);
        PlacesToAvoid = PlanVersions.Clean(PlacesToAvoid);
        SupportMeetings = PlanVersions.Clean(SupportMeetings);
        AfterALapse = ClinicalText.Clean(AfterALapse);
    }

    public Dictionary<string, string[]> MissingForCompletion()
    {
        var m = new Dictionary<string, string[]>();
        if (Triggers.Count == 0) m["triggers"] = ["List at least one trigger, each with a coping strategy."];
        if (HighRiskSituations.Count == 0) m["highRiskSituations"] = ["List at least one high-risk situation."];
        if (EarlyWarningSigns.Count == 0) m["earlyWarningSigns"] = ["List at least one early warning sign."];
        if (MiddleWarningSigns.Count == 0) m["middleWarningSigns"] = ["List at least one middle warning sign."];
        if (LateWarningSigns.Count == 0) m["lateWarningSigns"] = ["List at least one late warning sign."];
        if (SupportContacts.Count == 0) m["supportContacts"] = ["List at least one support contact and their role."];
        else if (SupportContacts.Any(c => string.IsNullOrWhiteSpace(c.Role))) m["supportContacts"] = ["Give each support contact's role (sponsor, friend, counsellor…)."];
        if (PeopleToAvoid.Count == 0 && PlacesToAvoid.Count == 0) m["peopleToAvoid"] = ["List at least one person or place to avoid."];
        if (AfterALapse is null) m["afterALapse"] = ["Say what they will do after a lapse."];
        return m;
    }
}

internal sealed class RelapsePreventionPlanConfiguration : IEntityTypeConfiguration<RelapsePreventionPlan>
{
    public void Configure(EntityTypeBuilder<RelapsePreventionPlan> b)
    {
        b.ToTable("RelapsePreventionPlans");
        b.Property(x => x.Content).HasJsonConversion();
        VersionedPlanColumns.Configure(b);
    }
}
