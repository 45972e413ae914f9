using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>Goals as participants say them, by diagnosis, with measurable targets; the slots make each participant's their own.</summary>
public static class DemoGoals
{
    public sealed record GoalSeed(string Problem, string OwnWords, string Target, string? Instrument, TargetComparison? Comparison, int? Score,
        string[] Objectives, (InterventionType Type, string What, string HowOften)[] Interventions);

    private static readonly string[] Work = ["my shifts at the warehouse", "my job at the bakery", "driving for the delivery company", "my classes at the community college", "the front desk job", "my job at the hardware store", "my landscaping crew"];
    private static readonly string[] Family = ["my kids", "my daughter", "my son", "my partner", "my mom", "my sister", "my grandson", "my husband", "my wife"];
    private static readonly string[] Activity = ["cooking dinner", "going to the park", "playing guitar", "walking the dog", "gardening", "fishing with my brother", "painting", "going to church"];

    public static List<GoalSeed> For(DemoWriter w, string diagnosis)
    {
        string work = w.F.PickRandom(Work), family = w.F.PickRandom(Family), activity = w.F.PickRandom(Activity);
        var group = (InterventionType.GroupTherapy, "IOP group therapy: process and skills groups", "3 times a week");
        var individual = (InterventionType.IndividualTherapy, "Individual therapy", "weekly");
        var meds = (InterventionType.MedicationManagement, "Medication evaluation and management", "every 2 weeks");
        var cm = (InterventionType.CaseManagement, "Case management for work and housing needs", "as needed");
        var prefix = diagnosis[..3];
        return prefix switch
        {
            "F32" or "F33" =>
            [
                new("Depressed mood, low energy and pulling away from people most days; missing work.", $"I want to get up in the morning and make it to {work} on time.",
                    "Goes to work at least 4 days a week for 4 weeks in a row; PHQ-9 below 10.", "phq-9", TargetComparison.Below, 10,
                    ["Keep a daily activity and mood log", "Schedule one pleasant activity on each non-treatment day"], [group, (InterventionType.IndividualTherapy, "Behavioural activation", "weekly"), meds]),
                new("Depressed mood, low energy and pulling away from people most days; missing work.", $"I want to enjoy {activity} again instead of lying on the couch.",
                    $"{char.ToUpper(activity[0])}{activity[1..]} at least twice a week, rated 5/10 or more for enjoyment.", null, null, null,
                    [$"Do {activity} for 20 minutes twice a week and rate it"], [individual]),
            ],
            "F41" =>
            [
                new("Worry and panic attacks that keep them from driving and shopping.", w.F.PickRandom("I want to drive on the freeway without pulling over.", "I want to go into a grocery store without having a panic attack."),
                    "Completes the exposure ladder to the top step twice; GAD-7 below 10.", "gad-7", TargetComparison.Below, 10,
                    ["Build an exposure ladder with 8 steps", "Practise paced breathing twice a day"], [group, (InterventionType.IndividualTherapy, "CBT with graded exposure", "weekly")]),
                new("Worry keeps them awake most nights.", "I want to stop lying awake worrying so I can sleep six hours.",
                    "Sleeps 6 hours or more on 5 nights a week (sleep log).", null, null, null,
                    ["Use a 20-minute worry period each evening", "Keep a sleep log"], [individual, meds]),
            ],
            "F43" =>
            [
                new("Nightmares, flashbacks and avoidance since the assault.", "I want to sleep through the night without nightmares.",
                    "Nightmares on 1 night a week or fewer for 4 weeks; PCL-5 below 33.", "pcl-5", TargetComparison.Below, 33,
                    ["Keep a sleep and nightmare log", "Practise grounding when a flashback starts"], [group, (InterventionType.IndividualTherapy, "Trauma-focused therapy (cognitive processing therapy)", "weekly"), meds]),
                new("Avoids crowded places.", $"I want to take {family} to the store without checking every exit.",
                    "Goes to a busy store twice a week for 30 minutes with anxiety at 5/10 or less.", null, null, null,
                    ["Use 5-4-3-2-1 grounding in a busy place"], [individual]),
            ],
            "F31" =>
            [
                new("Mood episodes that have cost two jobs.", "I want to catch my mood changes early so I don't lose another job.",
                    "Mood chart kept 6 of 7 days; calls the prescriber within 2 days of an early warning sign.", null, null, null,
                    ["Keep a daily mood chart", "List three personal early warning signs"], [group, meds, (InterventionType.Psychoeducation, "Psychoeducation on mood episodes and sleep", "weekly")]),
            ],
            "F60" =>
            [
                new("Self-harm when arguments escalate.", $"I want to get through an argument with {family} without hurting myself.",
                    "No self-harm for 4 weeks; uses a DBT skill at least once a day (diary card).", null, null, null,
                    ["Fill in a diary card every day", "Use TIPP or opposite action when the urge is 7/10 or higher"], [(InterventionType.SkillsGroup, "DBT skills group", "twice a week"), individual]),
            ],
            "F10" =>
            [
                new("Daily drinking; two warnings at work for being late.", $"I want to stay sober so I can keep {work}.",
                    "No alcohol: weekly EtG negative for 8 weeks; AUDIT-C at or below 3.", "audit-c", TargetComparison.AtOrBelow, 3,
                    ["Go to 3 mutual-help meetings a week", "Write a relapse prevention plan"], [group, (InterventionType.PeerSupport, "Peer recovery coaching", "weekly"), meds]),
                new("Trust in the family is damaged.", $"I want {family} to trust me again.",
                    "A family session held; a weekly check-in with family kept for 6 weeks.", null, null, null,
                    ["Invite family to a family session"], [(InterventionType.FamilyTherapy, "Family session", "every 2 weeks")]),
            ],
            "F11" =>
            [
                new("Opioid use disorder, now on buprenorphine.", "I want to stay off fentanyl and take my medication every day.",
                    "Tests negative for non-prescribed opioids and positive for buprenorphine, 8 weeks in a row; DAST-10 below 3.", "dast-10", TargetComparison.Below, 3,
                    ["Take buprenorphine daily and bring the bottle to medication visits", "Carry naloxone"], [group, meds, (InterventionType.PeerSupport, "Peer recovery coaching", "weekly")]),
                new("Lost driving licence and job.", $"I want to get my license back and drive {family} to school.",
                    "Licence reinstatement paperwork filed; working or in training by discharge.", null, null, null,
                    ["Meet the case manager about licence reinstatement"], [cm]),
            ],
            _ =>
            [
                new("Regular stimulant or cannabis use that is costing money and relationships.", $"I want to stop using so I can be there for {family}.",
                    "Weekly drug tests negative for 6 weeks in a row; DAST-10 below 3.", "dast-10", TargetComparison.Below, 3,
                    ["Identify top 5 triggers and a plan for each", "Replace evening use with a routine"], [group, individual]),
                new("Money runs out before the end of the month.", "I want to save money instead of spending it on using.",
                    "A monthly budget kept for 2 months; $200 saved.", null, null, null,
                    ["Meet a financial coach"], [cm]),
            ],
        };
    }
}
