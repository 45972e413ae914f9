using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>
/// Treatment plans in every state a clinic sees: signed on time with reviews, revised after a review,
/// a first plan still a draft or overdue, a review overdue, a supervised clinician's plan waiting for
/// co-signature, and the demo participant's new version waiting for their signature on the portal.
/// </summary>
public static class DemoTreatmentPlans
{
    private static readonly string[] Voices =
    [
        "I want my life back.", "I'm tired of feeling like this all the time.", "I want to be the parent my kids deserve.",
        "I need to do this for me this time, not for anyone else.", "I want to stop just surviving.", "I want to wake up and not dread the day.",
    ];
    private static readonly string[] Strengths =
    [
        "Close to a sister who drives them to group.", "Has kept a job through the hardest months.", "Funny, honest in group, and willing to try new skills.",
        "Was sober for two years before and knows what worked.", "Loves their dog; walks every day.", "Good insight into triggers; motivated by the kids.",
    ];

    public static void Seed(DemoWriter w)
    {
        var mhActive = w.InCare.Where(p => !w.IsSubstanceUse(p) && p.Status == ParticipantStatus.Active && p != w.Demo.DemoParticipant).ToList();
        var overdueFirst = mhActive.Where(p => w.Today.DayNumber - p.AdmittedOn!.Value.DayNumber is >= 7 and <= 25).OrderBy(p => p.AdmittedOn).FirstOrDefault();
        var overdueReview = w.InCare.Where(p => p != overdueFirst && p != w.Demo.DemoParticipant && w.Today.DayNumber - p.AdmittedOn!.Value.DayNumber is > 37 and < 60).FirstOrDefault();
        foreach (var p in w.Admitted.OrderBy(p => p.AdmittedOn))
        {
            if (p == overdueFirst) continue;
            var admitted = p.AdmittedOn!.Value;
            var daysIn = w.LastDay(p).DayNumber - admitted.DayNumber;
            var clinician = w.ClinicianOf(p);
            var content = Content(w, p);
            if (p.Status == ParticipantStatus.Admitted || daysIn < 3)
            {
                if (w.F.Random.Bool()) Add(w, p, 1, content, clinician, w.Today.AddDays(-1), "First plan", signed: false);
                continue;
            }
            var writtenOn = admitted.AddDays(Math.Min(3, daysIn - 1));
            var v1 = Add(w, p, 1, content, clinician, writtenOn, "First plan", signed: true);
            // A supervised clinician's newest plan still waits for the co-signature.
            if (v1.SupervisorRequired && daysIn < 21) { v1.SupervisorSignedAt = null; v1.SupervisorName = null; }
            if (p == overdueReview) continue;
            var reviewed = v1;
            for (var n = 1; 30 * n + 3 < daysIn; n++)
            {
                var on = writtenOn.AddDays(30 * n - w.F.Random.Int(0, 3));
                Review(w, p, reviewed, on, clinician, n);
                if (n == 1 && w.F.Random.Bool(0.4f))
                {
                    var revised = Copy(reviewed.Content);
                    revised.Problems[0].Goals[0].Objectives.Add(new PlanObjective { Id = Guid.CreateVersion7(), Text = "Keep a regular bedtime and wake time, seven days a week", TargetDate = on.AddDays(28) });
                    reviewed = Add(w, p, 2, revised, clinician, on.AddDays(1), "After the 30-day review: added an objective about sleep routine", signed: true);
                }
            }
            if (p == w.Demo.DemoParticipant)
            {
                var next = Copy(reviewed.Content);
                next.Problems[0].Goals[0].Target += " Back to full shifts by the end of the program.";
                var v = Add(w, p, reviewed.Number + 1, next, clinician, w.Today.AddDays(-2), "Target updated with the return-to-work date agreed in session", signed: true);
                v.ParticipantSignedAt = null;
                v.ParticipantSignature = null;
                v.ParticipantSignatureMethod = null;
            }
        }
    }

    private static PlanContent Content(DemoWriter w, Participant p)
    {
        var seeds = DemoGoals.For(w, w.Primary(p));
        var chosen = seeds.Take(w.F.Random.Bool(0.6f) ? 2 : 1).ToList();
        var content = new PlanContent { ParticipantVoice = w.F.PickRandom(Voices), Strengths = w.F.PickRandom(Strengths).Replace("them", w.Them(p)).Replace("their", w.Their(p)) };
        foreach (var byProblem in chosen.GroupBy(s => s.Problem))
        {
            var problem = new PlanProblem { Id = Guid.CreateVersion7(), Statement = byProblem.Key, DiagnosisCodes = [w.Primary(p)] };
            foreach (var s in byProblem)
                problem.Goals.Add(new PlanGoal
                {
                    Id = Guid.CreateVersion7(), OwnWords = s.OwnWords, Target = s.Target, InstrumentCode = s.Instrument, Comparison = s.Comparison, TargetScore = s.Score,
                    Objectives = s.Objectives.Select((o, i) => new PlanObjective { Id = Guid.CreateVersion7(), Text = o, TargetDate = p.AdmittedOn!.Value.AddDays(21 + 14 * i) }).ToList(),
                    Interventions = s.Interventions.Select(i =>
                    {
                        var who = i.Type switch
                        {
                            InterventionType.MedicationManagement => w.PrescriberOf(p) ?? w.ClinicianOf(p),
                            InterventionType.CaseManagement => w.CaseManagerOf(p),
                            _ => w.ClinicianOf(p),
                        };
                        return new PlanIntervention { Id = Guid.CreateVersion7(), Type = i.Type, Description = i.What, Frequency = i.HowOften, ResponsibleStaffId = who.Id, ResponsibleName = who.DisplayName };
                    }).ToList(),
                });
            content.Problems.Add(problem);
        }
        return content;
    }

    private static PlanContent Copy(PlanContent c) => JsonColumn.Deserialize<PlanContent>(JsonColumn.Serialize(c));

    private static TreatmentPlan Add(DemoWriter w, Participant p, int number, PlanContent content, StaffMember clinician, DateOnly on, string change, bool signed)
    {
        var plan = new TreatmentPlan
        {
            ParticipantId = p.Id, Number = number, Content = content, ChangeSummary = change,
            WrittenByStaffId = clinician.Id, WrittenByName = clinician.DisplayName, WrittenAt = w.At(on, 10),
        };
        if (signed)
        {
            plan.ClinicianStaffId = clinician.Id;
            plan.ClinicianName = clinician.DisplayName;
            plan.ClinicianSignedAt = w.At(on, 10, 40);
            plan.ParticipantSignature = p.LegalName;
            plan.ParticipantSignatureMethod = "in_person";
            plan.ParticipantSignedAt = w.At(on, 10, 45);
            if (clinician.RequiresSupervision && clinician.SupervisorId is { } sid)
            {
                var supervisor = w.StaffById(sid);
                plan.SupervisorRequired = true;
                plan.SupervisorStaffId = sid;
                plan.SupervisorName = supervisor.DisplayName;
                plan.SupervisorSignedAt = w.At(on.AddDays(1), 9);
            }
        }
        w.Db.Set<TreatmentPlan>().Add(plan);
        w.Plans[p.Id] = plan;
        return plan;
    }

    private static void Review(DemoWriter w, Participant p, TreatmentPlan plan, DateOnly on, StaffMember clinician, int n)
    {
        var days = Enumerable.Range(1, 28).Select(i => on.AddDays(-i)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        var review = new PlanReview
        {
            ParticipantId = p.Id, TreatmentPlanId = plan.Id, PlanNumber = plan.Number, ReviewedOn = on, ParticipantTookPart = true,
            Summary = n == 1
                ? $"{p.FirstName} attends regularly and is using skills between sessions. Mood is better on treatment days; weekends remain hard."
                : $"Steady progress since the last review. {p.FirstName} is preparing for step-down and has named supports for after the program.",
            ParticipantComment = w.F.PickRandom("Group helps more than I expected.", "Some days are still really hard.", "I can tell I'm sleeping better.", "I want to keep going."),
            NextReviewDue = on.AddDays(30), ReviewedByStaffId = clinician.Id, ReviewedByName = clinician.DisplayName, SignedAt = w.At(on, 15),
            Goals = plan.Goals.Select(g =>
            {
                var worked = w.F.Random.ListItems(days, w.F.Random.Int(4, 9)).Order().ToList();
                return new GoalReview
                {
                    GoalId = g.Id, OwnWords = g.OwnWords, NotesAddressed = worked.Count, AddressedOn = worked,
                    Progress = n == 1 ? w.F.PickRandom(GoalProgress.Minimal, GoalProgress.Moderate, GoalProgress.Moderate) : w.F.PickRandom(GoalProgress.Moderate, GoalProgress.Significant),
                    Comment = w.F.PickRandom("Practising the skill most days.", "Some setbacks after a hard week at home.", "Clear gains; keep the same objective.", null),
                };
            }).ToList(),
        };
        w.Db.Set<PlanReview>().Add(review);
    }
}
