namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>
/// Sentences for demo notes, in pools wide enough that no two attendees of a group get the same
/// text: each part draws different sentences, with the person's own name, goal and details.
/// </summary>
public static class DemoText
{
    public static readonly string[] Participation =
    [
        "{N} arrived early and helped set up chairs. {N} shared for the first time about {detail}, speaking for several minutes.",
        "{N} was quiet for the first half hour, then described a hard weekend involving {detail} when invited by the facilitator.",
        "{N} took part throughout, offered feedback to two peers and asked how others cope with {detail}.",
        "{N} joined by video from the car park at work and contributed twice, mostly about {detail}.",
        "{N} came in late after a bus delay, settled quickly and volunteered to read the worksheet aloud.",
        "{N} listened closely but said little; when asked directly, {N} named {detail} as the week's main stressor.",
        "{N} led the check-in round and was candid about {detail}, which opened up the discussion.",
        "{N} appeared tired and kept arms crossed early on, but engaged in the role-play in the second half.",
        "{N} brought a completed practice log and walked the group through one entry about {detail}.",
        "{N} was animated and talkative; the facilitator redirected twice so others had time, and {N} accepted this well.",
        "{N} stepped out for five minutes when the topic turned to {detail}, returned, and said it had hit close to home.",
        "{N} shared a win from the week: getting through {detail} without falling back on old habits.",
    ];

    public static readonly string[] Response =
    [
        "Practised the skill in session and rated distress down from 7 to 4 afterwards.",
        "Said the exercise felt awkward at first but agreed it could help in the evenings, when things are worst.",
        "Pushed back on the idea that thoughts are not facts, then gave a personal example that fit it well.",
        "Responded warmly to peer feedback and wrote down a suggestion from another member.",
        "Struggled to name feelings beyond 'fine' or 'stressed'; used the feelings wheel with support.",
        "Identified two situations in the coming week where the skill would apply.",
        "Became tearful when describing the week; accepted support from the group and used grounding to settle.",
        "Engaged well with the role-play and tried a different way of saying no in the second attempt.",
        "Was sceptical of the worksheet but completed it and found one useful item.",
        "Appeared more hopeful by the end, smiling during the closing round for the first time in a while.",
        "Asked for a copy of the handout to share with family at home.",
        "Reflected that the week's setback was smaller than it would have been a month ago.",
    ];

    /// <summary>The structured choices that fit each sentence of <see cref="Participation"/> (level, presentation) and <see cref="Response"/>, index for index.</summary>
    private static readonly (Notes.ParticipationLevel, Notes.Presentation)[] ParticipationChoices =
    [
        (Notes.ParticipationLevel.Active, Notes.Presentation.Anxious), (Notes.ParticipationLevel.Responsive, Notes.Presentation.Depressed),
        (Notes.ParticipationLevel.Active, Notes.Presentation.Euthymic), (Notes.ParticipationLevel.Responsive, Notes.Presentation.Euthymic),
        (Notes.ParticipationLevel.Active, Notes.Presentation.Euthymic), (Notes.ParticipationLevel.Minimal, Notes.Presentation.Guarded),
        (Notes.ParticipationLevel.Active, Notes.Presentation.Euthymic), (Notes.ParticipationLevel.Responsive, Notes.Presentation.Flat),
        (Notes.ParticipationLevel.Active, Notes.Presentation.Euthymic), (Notes.ParticipationLevel.Active, Notes.Presentation.Elevated),
        (Notes.ParticipationLevel.Minimal, Notes.Presentation.Anxious), (Notes.ParticipationLevel.Active, Notes.Presentation.Euthymic),
    ];
    private static readonly Notes.InterventionResponse[] ResponseChoices =
    [
        Notes.InterventionResponse.Applied, Notes.InterventionResponse.Ambivalent, Notes.InterventionResponse.Ambivalent, Notes.InterventionResponse.Receptive,
        Notes.InterventionResponse.Receptive, Notes.InterventionResponse.Receptive, Notes.InterventionResponse.Applied, Notes.InterventionResponse.Applied,
        Notes.InterventionResponse.Ambivalent, Notes.InterventionResponse.Receptive, Notes.InterventionResponse.Receptive, Notes.InterventionResponse.Receptive,
    ];

    /// <summary>The choices that fit the sentences <see cref="GroupPart"/> picks for the same index and offsets (no draw from the seeded stream).</summary>
    public static (Notes.ParticipationLevel Level, Notes.Presentation Presentation, Notes.InterventionResponse Response) GroupChoices(int index, int[] offsets)
    {
        var (level, presentation) = ParticipationChoices[(offsets[0] + index) % ParticipationChoices.Length];
        return (level, presentation, ResponseChoices[(offsets[1] + index) % ResponseChoices.Length]);
    }

    public static readonly string[] Progress =
    [
        "Toward \"{G}\": reports doing it on three of the last seven days, up from one.",
        "On \"{G}\": some progress; names what got in the way this week and a plan for it.",
        "\"{G}\" remains hard; no change this week, which {N} described honestly.",
        "On \"{G}\": used the plan from individual sessions twice this week, a first.",
        "Progress toward \"{G}\" is steady; the practice log shows it most days.",
        "\"{G}\": a setback midweek, followed by getting back on track without prompting.",
        "Working on \"{G}\" in small steps; this week's step was done.",
        "On \"{G}\": more confident, and said so in group unprompted.",
    ];

    public static readonly string[] Plan =
    [
        "Continue group three days a week; practise the skill daily and bring the log on {D}.",
        "Review the week's log in individual session; try the skill once before the weekend.",
        "Keep attending; the facilitator will check in about {detail} at the next group.",
        "Continue current plan; consider adding a peer support meeting on a non-group day.",
        "Bring the completed worksheet on {D}; call a support person if distress rises above 7.",
        "Practise at home with the handout; discuss progress at the next plan review.",
        "Continue group; case manager to follow up on {detail} this week.",
        "Try the skill at work once this week and report back to the group.",
    ];

    public static readonly string[] Details =
    [
        "a conflict with a supervisor", "money worries before rent is due", "a family birthday party", "sleeping badly", "a call from an ex",
        "feeling alone on weekends", "a court date coming up", "a child's school meeting", "cravings after work", "an argument at home",
        "a friend's overdose", "going back to work", "a doctor's appointment", "running into old friends", "the anniversary of a loss",
    ];

    public static readonly string[] GroupSummaries =
    [
        "The group reviewed last session's skill, then learned and practised {T}. Members completed a worksheet in pairs and shared one example each. The group closed with a round on one thing to try before the next session.",
        "Check-in round on the week, then a facilitated discussion on {T}. The facilitator modelled the skill, members practised it in a role-play, and the group discussed barriers to using it at home.",
        "Psychoeducation segment on {T} with a short handout, followed by open discussion. Members linked the material to their own weeks. Closing: each member named one support for the coming days.",
    ];

    /// <summary>One part per attendee: four sections with this person's details, picking sentences the other attendees did not get.</summary>
    public static Dictionary<string, string> GroupPart(DemoWriter w, string name, string? goal, int index, int[] offsets, string nextSession)
    {
        var detail = w.F.PickRandom(Details);
        string Pick(string[] pool, int salt) => pool[(offsets[salt] + index) % pool.Length]
            .Replace("{N}", name).Replace("{detail}", detail).Replace("{G}", goal ?? "their goals").Replace("{D}", nextSession);
        return new()
        {
            ["participation"] = Pick(Participation, 0),
            ["response"] = Pick(Response, 1) + " " + Pick(Response, 2),
            ["progress"] = Pick(Progress, 3),
            ["plan"] = Pick(Plan, 4),
        };
    }

    public static readonly string[] Data =
    [
        "{N} reports a hard week at work and three nights of poor sleep. PHQ-9 today was lower than at admission. Kept the activity log on five days.",
        "{N} arrived on time, casually dressed, good eye contact. Talked about {detail} and how it affected mood over the weekend.",
        "{N} described using the new skill twice this week, once during {detail}. Denies thoughts of self-harm. Sleep about six hours a night.",
        "{N} brought the practice log; entries show a pattern of low mood on Sunday evenings. Discussed what Sundays used to look like.",
    ];
    public static readonly string[] Assessment =
    [
        "Mood improving gradually; insight good. Avoidance remains the main barrier to the goal \"{G}\". Risk low.",
        "Progress toward \"{G}\" is slower than hoped, mostly because of {detail}. Engaged and motivated. No acute risk.",
        "Clear gains since admission: more activity, less isolation. Relapse risk moderate around {detail}.",
        "Symptoms stable; skills use increasing. Ambivalence about the goal \"{G}\" discussed openly.",
    ];
    public static readonly string[] Intervention =
    [
        "Reviewed the log; used Socratic questioning on the thought 'nothing ever changes'; planned two activities for the weekend.",
        "Motivational interviewing on the pros and cons of change; rolled with resistance about {detail}.",
        "Taught paced breathing and practised it in session; role-played asking for help.",
        "Chain analysis of the week's hardest moment; identified two points where a skill could have helped.",
    ];

    public static Dictionary<string, string> Individual(DemoWriter w, Notes.NoteFormat format, string name, string? goal)
    {
        var detail = w.F.PickRandom(Details);
        string F(string s) => s.Replace("{N}", name).Replace("{detail}", detail).Replace("{G}", goal ?? "the plan's goals");
        var plan = F(w.F.PickRandom(Plan).Replace("{D}", "the next session"));
        return format switch
        {
            Notes.NoteFormat.Birp => new() { ["behavior"] = F(w.F.PickRandom(Data)), ["intervention"] = F(w.F.PickRandom(Intervention)), ["response"] = F(w.F.PickRandom(Response)), ["plan"] = plan },
            Notes.NoteFormat.Soap => new() { ["subjective"] = F(w.F.PickRandom(Data)), ["objective"] = "Alert and oriented; affect brighter than last week; speech normal rate; no signs of intoxication.", ["assessment"] = F(w.F.PickRandom(Assessment)), ["plan"] = plan },
            _ => new() { ["data"] = F(w.F.PickRandom(Data)), ["assessment"] = F(w.F.PickRandom(Assessment)), ["plan"] = plan },
        };
    }
}
