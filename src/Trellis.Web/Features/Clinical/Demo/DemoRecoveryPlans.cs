using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Plans;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>Safety plans and relapse prevention plans written with participants, and one safety plan still owed after a risk flag.</summary>
public static class DemoRecoveryPlans
{
    private static readonly string[] WarningSigns = ["Staying in bed past noon", "Not answering texts from anyone", "Thinking \"everyone would be better off without me\"", "Drinking alone at night", "Skipping meals", "Replaying the argument over and over", "Sleeping less than four hours"];
    private static readonly string[] Places = ["The public library on Fifth", "My sister's kitchen", "The coffee shop on Alder Street", "The dog park", "Church on Sunday morning", "The gym"];
    private static readonly string[] Environment = ["My brother keeps my hunting rifle at his house", "Medications in weekly blister packs; partner holds the rest", "No alcohol kept at home", "Old prescriptions returned to the pharmacy"];
    private static readonly string[] Reasons = ["My daughter's graduation next spring", "My dog, Biscuit", "Seeing my grandson grow up", "Finishing my degree", "My mom needs me", "The trip to the coast I have planned with my sister"];
    private static readonly string[] Triggers = ["Payday", "Arguments with my partner", "Driving past my old dealer's street", "Being alone on Saturday nights", "Work stress on Fridays", "Seeing friends who still use", "Feeling bored after group"];
    private static readonly string[] Strategies = ["Go straight to the bank and pay rent first", "Step outside and call my sponsor", "Take the long way home", "Plan Saturday with a meeting and dinner with my sister", "Walk for twenty minutes after work", "Text the group chat instead", "Go to the recovery center cafe"];

    public static void Seed(DemoWriter w)
    {
        var skills = w.Db.Set<CopingSkill>().Local.ToList();
        // The safety plan still owed belongs to whoever admissions' demo flagged at risk (its task is
        // already open); without such a flag, to one active participant, with the task raised here.
        var flagged = w.Db.Set<Risk.RiskFlag>().Where(f => f.ClearedAt == null).Select(f => f.ParticipantId).ToHashSet();
        var owed = w.InCare.FirstOrDefault(p => flagged.Contains(p.Id) && p.Status == ParticipantStatus.Active && p != w.Demo.DemoParticipant)
            ?? w.InCare.Where(p => !w.IsSubstanceUse(p) && p.Status == ParticipantStatus.Active && p != w.Demo.DemoParticipant).Skip(1).FirstOrDefault();
        var taskOpen = owed is not null && w.Db.Tasks.Any(t => t.ParticipantId == owed.Id && t.Kind == CareTaskKinds.CompleteSafetyPlan && t.Status == CareTaskStatus.Open);
        foreach (var p in w.Admitted)
        {
            var mood = w.Primary(p) is var code && (code.StartsWith("F3") || code.StartsWith("F43") || code.StartsWith("F60"));
            if (p == owed)
            {
                // A suicide-risk flag asked for a safety plan; the draft is started, the task stays open until it is complete.
                Safety(w, p, skills, 1, w.Today.AddDays(-1), complete: false);
                if (!taskOpen) CareTasks.Raise(w.Db, p.Id, CareTaskKinds.CompleteSafetyPlan, $"Complete a safety plan with {p.DisplayName}", w.Today, p.PrimaryClinicianId,
                    detail: "PHQ-9 item 9 was above 0 at the last screen. Complete the Stanley–Brown safety plan with the participant today.");
            }
            else if (p == w.Demo.DemoParticipant || (mood && !w.IsSubstanceUse(p) && w.F.Random.Bool(0.6f)) || (w.IsSubstanceUse(p) && w.F.Random.Bool(0.3f)))
            {
                var first = p.AdmittedOn!.Value.AddDays(w.F.Random.Int(1, 5));
                if (first >= w.Today) first = w.Today.AddDays(-1);
                Safety(w, p, skills, 1, first, complete: true);
                if (w.F.Random.Bool(0.2f) && first.AddDays(20) < w.Today) Safety(w, p, skills, 2, first.AddDays(20), complete: true);
            }
            if (p == w.Demo.DemoParticipant) { MoodRelapse(w, p, skills); continue; }
            var substance = w.IsSubstanceUse(p) || p.Diagnoses.Any(d => d.Code.StartsWith("F1"));
            if (substance && w.F.Random.Bool(w.IsSubstanceUse(p) ? 0.8f : 0.5f))
            {
                var on = p.AdmittedOn!.Value.AddDays(w.F.Random.Int(5, 14));
                if (on >= w.Today) on = w.Today.AddDays(-1);
                Relapse(w, p, skills, on, complete: w.F.Random.Bool(0.8f));
            }
        }
    }

    private static Features.Plans.PlanContact Person(DemoWriter w, string role) =>
        new() { Name = w.F.Name.FirstName() + " " + w.F.Name.LastName()[0] + ".", Role = role, Phone = w.F.Phone.PhoneNumber("(503) 555-01##") };

    private static void Safety(DemoWriter w, Participant p, List<CopingSkill> skills, int number, DateOnly on, bool complete)
    {
        var clinician = w.ClinicianOf(p);
        var calming = skills.Where(s => s.Category is CopingCategory.Calming or CopingCategory.Grounding or CopingCategory.Movement).ToList();
        var content = new SafetyPlanContent
        {
            WarningSigns = w.F.Random.ListItems(WarningSigns, 3).ToList(),
            CopingStrategies = w.F.Random.ListItems(calming, 2).Select(s => new CopingItem { Text = s.Name, SkillId = s.Id })
                .Append(new CopingItem { Text = w.F.PickRandom("Hot shower and my playlist", "Draw in my sketchbook", "Play with the dog", "Bake something") }).ToList(),
            DistractionPeople = [Person(w, w.F.PickRandom("Friend", "Cousin", "Neighbour"))],
            DistractionPlaces = w.F.Random.ListItems(Places, 2).ToList(),
            HelpContacts = [Person(w, w.F.PickRandom("Sister", "Brother", "Partner", "Best friend")), Person(w, w.F.PickRandom("Mom", "Sponsor", "Aunt"))],
            Professionals =
            [
                new() { Name = clinician.DisplayName, Role = "My clinician", Phone = clinician.Phone },
                new() { Name = "Cedar Grove Behavioral Health", Role = "Front desk, weekdays", Phone = "(503) 555-0142" },
                new() { Name = "Alder Crisis Stabilization Center", Role = "Walk-in crisis care, 24 hours", Phone = "(503) 555-0100" },
            ],
            EnvironmentSafety = complete ? w.F.Random.ListItems(Environment, 2).ToList() : [],
            ReasonsForLiving = complete ? [w.F.PickRandom(Reasons)] : [],
        };
        w.Db.Set<SafetyPlan>().Add(new SafetyPlan
        {
            ParticipantId = p.Id, Number = number, Content = content, IsComplete = complete, WrittenWithParticipant = true,
            ChangeSummary = number == 1 ? "First version" : "Added a new support person and updated warning signs",
            WrittenByStaffId = clinician.Id, WrittenByName = clinician.DisplayName, WrittenAt = w.At(on, 13),
        });
    }

    /// <summary>
    /// The demo participant's plan, so the participant account shows one: a relapse of depression and
    /// trauma symptoms rather than of use. Fixed text, so it draws nothing from the seeded random
    /// stream and every other demo record stays as it was.
    /// </summary>
    private static void MoodRelapse(DemoWriter w, Participant p, List<CopingSkill> skills)
    {
        var clinician = w.ClinicianOf(p);
        var on = p.AdmittedOn!.Value.AddDays(9);
        if (on >= w.Today) on = w.Today.AddDays(-1);
        var grounding = skills.FirstOrDefault(s => s.Category is CopingCategory.Grounding);
        var content = new RelapsePlanContent
        {
            Triggers =
            [
                new TriggerPlan { Trigger = "The anniversary in March", Strategy = "Plan the day ahead with my sister; book an extra session that week" },
                new TriggerPlan { Trigger = "Nightmares two nights in a row", Strategy = grounding?.Name ?? "5-4-3-2-1 grounding, then the sleep routine from group", SkillId = grounding?.Id },
                new TriggerPlan { Trigger = "Being criticised at work", Strategy = "Step away for ten minutes, write down what was said and what I know is true" },
            ],
            HighRiskSituations = ["Weeks when work moves me to night shifts", "Crowded places like the mall on weekends", "Holidays away from my routine"],
            EarlyWarningSigns = ["Sleeping badly and skipping breakfast", "Cancelling plans with friends"],
            MiddleWarningSigns = ["Checking the locks again and again", "Not wanting to leave the house except for work"],
            LateWarningSigns = ["Calling in sick to stay in bed", "Thinking nothing will ever get better"],
            SupportContacts =
            [
                new PlanContact { Name = "Dana B.", Role = "Sister", Phone = "(503) 555-0142" },
                new PlanContact { Name = "Marcus T.", Role = "Friend from work", Phone = "(503) 555-0178" },
            ],
            PeopleToAvoid = ["People who tell me to \"just get over it\" when I am low"],
            PlacesToAvoid = ["The street where it happened, when I can take another way"],
            SupportMeetings = ["Thursday alumni group at the clinic", "Walking group on Saturday mornings"],
            AfterALapse = "A bad week is not starting over. Tell my counsellor at the next group, call Dana, go back to the sleep routine and the plan above.",
        };
        w.Db.Set<RelapsePreventionPlan>().Add(new RelapsePreventionPlan
        {
            ParticipantId = p.Id, Number = 1, Content = content, IsComplete = true, WrittenWithParticipant = true, ChangeSummary = "First version",
            WrittenByStaffId = clinician.Id, WrittenByName = clinician.DisplayName, WrittenAt = w.At(on, 12),
        });
    }

    private static void Relapse(DemoWriter w, Participant p, List<CopingSkill> skills, DateOnly on, bool complete)
    {
        var clinician = w.ClinicianOf(p);
        var recovery = skills.Where(s => s.Category is CopingCategory.Recovery or CopingCategory.Connection).ToList();
        var triggers = w.F.Random.ListItems(Triggers, 3).ToList();
        var content = new RelapsePlanContent
        {
            Triggers = triggers.Select((t, i) =>
            {
                if (i > 0 || recovery.Count == 0) return new TriggerPlan { Trigger = t, Strategy = w.F.PickRandom(Strategies) };
                var skill = w.F.PickRandom(recovery);
                return new TriggerPlan { Trigger = t, Strategy = skill.Name, SkillId = skill.Id };
            }).ToList(),
            HighRiskSituations = ["Friday nights after getting paid", w.F.PickRandom("Family gatherings where people drink", "Being at home alone with nothing planned", "Concerts")],
            EarlyWarningSigns = ["Skipping meetings \"just this once\"", "Not returning my sponsor's calls"],
            MiddleWarningSigns = ["Thinking I can handle just one", "Hanging out where I used to use"],
            LateWarningSigns = ["Making a plan to get something", "Lying about where I am"],
            SupportContacts = [Person(w, "Sponsor"), Person(w, w.F.PickRandom("Sister", "Friend in recovery", "Partner"))],
            PeopleToAvoid = [w.F.PickRandom("Old using friends from the apartment", "My cousin's crowd on weekends")],
            PlacesToAvoid = [w.F.PickRandom("The bar on Division Street", "The parking lot behind the gas station", "My old neighbourhood after dark")],
            SupportMeetings = [w.F.PickRandom("Tuesday night meeting at Open Door Recovery", "Daily 7 a.m. online meeting", "SMART Recovery Thursday")],
            AfterALapse = complete ? "Stop and get safe. Call my sponsor within the hour, tell my counsellor at the next group, and go to a meeting the same day. One lapse does not erase my progress." : null,
        };
        w.Db.Set<RelapsePreventionPlan>().Add(new RelapsePreventionPlan
        {
            ParticipantId = p.Id, Number = 1, Content = content, IsComplete = complete, WrittenWithParticipant = true, ChangeSummary = "First version",
            WrittenByStaffId = clinician.Id, WrittenByName = clinician.DisplayName, WrittenAt = w.At(on, 12),
        });
    }
}
