using Trellis.Web.Features.CaseManagement;
using Trellis.Web.Features.Plans;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>The coping skills library, a fictional community resources directory (555 numbers), and plan rules.</summary>
public static class DemoLibrary
{
    public static readonly (string Name, CopingCategory Category, string HowTo)[] Skills =
    [
        ("Paced breathing", CopingCategory.Calming, "Breathe in through your nose for a count of 4, out through your mouth for a count of 6. Keep going for two minutes. A longer out-breath slows the heart."),
        ("Cold water reset", CopingCategory.Calming, "Splash cold water on your face or hold a cold pack to your cheeks for 30 seconds while holding your breath briefly. It calms the body fast when emotions are at a 9 or 10."),
        ("Progressive muscle relaxation", CopingCategory.Calming, "Tense one muscle group for 5 seconds, then let go for 10, moving from feet to face. Notice the difference between tight and loose."),
        ("5-4-3-2-1 grounding", CopingCategory.Grounding, "Name 5 things you see, 4 you can touch, 3 you hear, 2 you smell and 1 you taste. It brings you back to the room you are in."),
        ("Safe place imagery", CopingCategory.Grounding, "Close your eyes and picture a place where you feel safe. Fill in the colours, sounds and smells, and stay there for a few minutes."),
        ("Distraction list", CopingCategory.Distraction, "Keep a list on your phone of things that hold your attention for 20 minutes: a puzzle, a podcast, a shower, cooking, a game. Pick one and start."),
        ("Walk around the block", CopingCategory.Movement, "Put on shoes and walk for ten minutes, noticing your feet on the ground. Movement burns off the surge of an urge or a panic."),
        ("Call a support person", CopingCategory.Connection, "Call or text someone on your plan before things get worse. You do not have to explain everything: 'Can you talk for ten minutes?' is enough."),
        ("Go to a meeting", CopingCategory.Connection, "Find the next in-person or online meeting and go, even if you only listen. Being around people in recovery interrupts isolation."),
        ("Check the facts", CopingCategory.Thinking, "Ask: what happened, what am I telling myself about it, and does the emotion fit the facts? Write down one other way to see it."),
        ("Opposite action", CopingCategory.Thinking, "When an emotion pushes you to do something that will not help (hide, lash out), do the opposite on purpose, all the way."),
        ("Urge surfing", CopingCategory.Recovery, "Notice the craving as a wave: it rises, peaks and falls, usually within 20 to 30 minutes. Breathe and watch it without acting on it."),
        ("Play the tape forward", CopingCategory.Recovery, "Picture the whole story of using again: not just the first hour, but that night, the next morning and the week after."),
        ("HALT check-in", CopingCategory.Recovery, "Ask: am I Hungry, Angry, Lonely or Tired? Deal with that first: eat, talk it out, call someone, rest."),
    ];

    private static readonly (string Name, ResourceCategory Category, string Description, string Address, string Phone, string Hours, string Cost, string Languages, string? Eligibility)[] Resources =
    [
        ("Harbor Light Housing Navigation", ResourceCategory.Housing, "Help finding and applying for affordable housing, shelter beds and transitional housing.", "1180 Fern Avenue, Portland, OR 97214", "(503) 555-0181", "Mon–Fri 9:00–5:00", "Free", "English, Spanish", "Adults in the county who are homeless or at risk"),
        ("Second Chance Tenant Fund", ResourceCategory.Finances, "One-time rent and deposit assistance to prevent eviction.", "402 Larch Street, Portland, OR 97205", "(503) 555-0167", "Tue and Thu 10:00–3:00", "Free", "English, Vietnamese", "Households below 60% of area median income"),
        ("Willamette Works Employment Center", ResourceCategory.Employment, "Job search coaching, resume help, computer lab and hiring events.", "77 Sorrel Road, Gresham, OR 97030", "(503) 555-0123", "Mon–Fri 8:30–4:30", "Free", "English, Spanish, Russian", null),
        ("Bridgeway Supported Employment", ResourceCategory.Employment, "Individual placement and support for people in mental health or addiction treatment: a job coach who stays with you after hire.", "2300 Alder Street, Suite 110, Portland, OR 97205", "(503) 555-0148", "Mon–Fri 9:00–5:00", "Free with referral", "English", "In treatment with a partner program"),
        ("RideAlong Medical Transport", ResourceCategory.Transportation, "Free rides to medical, counseling and pharmacy appointments for people on the state health plan. Book two days ahead.", "Phone booking only", "(503) 555-0199", "Booking line 7:00–6:00 daily", "Free for members", "English, Spanish, Somali", "State health plan members"),
        ("Rose Valley Transit Reduced Fare", ResourceCategory.Transportation, "Half-price bus and light-rail passes for people with low income or a disability.", "Transit Center, 5th and Pine, Portland, OR 97204", "(503) 555-0156", "Mon–Sat 8:00–6:00", "Reduced fare", "English, Spanish, Chinese", null),
        ("Little Sprouts Childcare Cooperative", ResourceCategory.Childcare, "Drop-in and part-time childcare for children 1–10, including evenings on treatment days.", "915 Hazel Street, Beaverton, OR 97005", "(503) 555-0172", "Mon–Fri 7:00–9:00 pm", "Sliding scale", "English, Spanish", "Parents in school, work or treatment"),
        ("Family Bridge Respite Care", ResourceCategory.Childcare, "Short emergency childcare while a parent attends treatment or a crisis appointment.", "61 Birch Lane, Milwaukie, OR 97222", "(503) 555-0134", "24 hours by phone", "Free", "English", null),
        ("Columbia Legal Aid Collective", ResourceCategory.Legal, "Free civil legal help: evictions, benefits denials, family law and debt.", "808 Cedar Avenue, Portland, OR 97209", "(503) 555-0119", "Mon–Thu 9:00–4:00", "Free", "English, Spanish, Arabic", "Income below 200% of poverty line"),
        ("Clean Slate Expungement Clinic", ResourceCategory.Legal, "Monthly clinic to set aside old convictions that get in the way of jobs and housing.", "Open Door Recovery Center, 14 Maple Court, Portland, OR 97211", "(503) 555-0175", "Second Saturday 10:00–2:00", "Free", "English", null),
        ("Cedar Street Financial Coaching", ResourceCategory.Finances, "One-to-one coaching on budgets, debt and credit repair.", "250 Cedar Street, Tigard, OR 97223", "(503) 555-0138", "By appointment", "Free", "English, Spanish", null),
        ("Benefits Bridge Enrollment Help", ResourceCategory.Benefits, "Help applying for food benefits, the state health plan, SSI/SSDI and utility assistance.", "3101 Spruce Boulevard, Portland, OR 97220", "(503) 555-0163", "Mon–Fri 9:00–4:00; walk-ins Wed", "Free", "English, Spanish, Vietnamese, Russian", null),
        ("Eastside Community Pantry", ResourceCategory.Food, "Weekly groceries, fresh produce and a hot lunch on Fridays.", "4420 Willow Street, Portland, OR 97215", "(503) 555-0110", "Wed 3:00–7:00, Fri 11:00–2:00", "Free", "English, Spanish", null),
        ("Open Door Recovery Community Center", ResourceCategory.RecoverySupport, "Peer recovery coaches, daily mutual-help meetings, recovery cafe and all-recovery groups.", "14 Maple Court, Portland, OR 97211", "(503) 555-0142", "Daily 8:00–9:00 pm", "Free", "English, Spanish", null),
        ("Morning Light Peer Support Warmline", ResourceCategory.RecoverySupport, "Talk with a peer who has lived experience, when things are hard but not an emergency.", "Phone and text", "(503) 555-0187", "Daily 9:00 am–11:00 pm", "Free", "English", null),
        ("Alder Crisis Stabilization Center", ResourceCategory.Crisis, "Walk-in mental health and substance use crisis care, open around the clock. In an emergency call 911; for the Lifeline call or text 988.", "990 Alder Street, Portland, OR 97205", "(503) 555-0100", "24 hours, 7 days", "Free", "English, Spanish; interpreters available", null),
        ("Riverbend Counseling Collective", ResourceCategory.Health, "Weekly outpatient therapy and medication management: a common step-down after IOP.", "1525 River Road, Portland, OR 97202", "(503) 555-0128", "Mon–Fri 8:00–7:00", "Insurance; sliding scale", "English, Spanish", null),
    ];

    public static void Seed(DemoWriter w)
    {
        foreach (var (name, category, howTo) in Skills)
            w.Db.Set<CopingSkill>().Add(new CopingSkill { Name = name, Category = category, HowTo = howTo });
        foreach (var r in Resources)
            w.Db.Set<CommunityResource>().Add(new CommunityResource
            {
                Name = r.Name, Category = r.Category, Description = r.Description, Address = r.Address, Phone = r.Phone,
                Hours = r.Hours, Cost = r.Cost, Languages = r.Languages, Eligibility = r.Eligibility,
            });
        // The substance use program's payer wants the first plan by the fourth session; the other program keeps the defaults.
        w.Db.Set<TreatmentPlanRules>().Add(new TreatmentPlanRules { ProgramId = w.Demo.SubstanceUse.Id, FirstPlanWithinSessions = 4, ReviewIntervalDays = 30 });
    }
}
