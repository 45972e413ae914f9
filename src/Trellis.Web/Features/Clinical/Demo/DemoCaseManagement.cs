using Trellis.Web.Features.CaseManagement;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>Needs assessments at admission (and a reassessment a month in), and referrals at every stage, open ones with follow-up tasks.</summary>
public static class DemoCaseManagement
{
    private static readonly Dictionary<NeedDomain, string[]> Notes = new()
    {
        [NeedDomain.Housing] = ["Staying on a friend's couch; needs own place", "Behind on rent by one month", "Lives with parents; stable"],
        [NeedDomain.Employment] = ["Lost job in the spring; wants to return to retail", "Works nights; schedule clashes with morning group", "On medical leave; return date uncertain"],
        [NeedDomain.Transportation] = ["No car; two buses to the clinic", "License suspended", "Car unreliable in winter"],
        [NeedDomain.Childcare] = ["Two children under 5; no care on evening group days", "Grandmother helps but not every week"],
        [NeedDomain.Legal] = ["Court date for a DUII charge next month", "Custody hearing pending", "Old warrant needs resolving"],
        [NeedDomain.Finances] = ["Medical debt in collections", "No budget; runs out before payday"],
        [NeedDomain.Benefits] = ["Food benefits lapsed; needs to reapply", "Not enrolled in the state health plan", "Applied for SSDI; waiting"],
    };

    private static readonly Dictionary<NeedDomain, ResourceCategory> Categories = new()
    {
        [NeedDomain.Housing] = ResourceCategory.Housing, [NeedDomain.Employment] = ResourceCategory.Employment, [NeedDomain.Transportation] = ResourceCategory.Transportation,
        [NeedDomain.Childcare] = ResourceCategory.Childcare, [NeedDomain.Legal] = ResourceCategory.Legal, [NeedDomain.Finances] = ResourceCategory.Finances,
        [NeedDomain.Benefits] = ResourceCategory.Benefits,
    };

    public static void Seed(DemoWriter w)
    {
        var resources = w.Db.Set<CommunityResource>().Local.ToList();
        foreach (var p in w.Admitted.Where(_ => w.F.Random.Bool(0.8f)))
        {
            var cm = w.CaseManagerOf(p);
            var needs = Enum.GetValues<NeedDomain>().Select(d =>
            {
                var level = w.F.Random.WeightedRandom([NeedLevel.NoNeed, NeedLevel.Some, NeedLevel.Significant, NeedLevel.Urgent], [0.5f, 0.25f, 0.2f, 0.05f]);
                return new NeedRating { Domain = d, Level = level, Note = level == NeedLevel.NoNeed ? null : w.F.PickRandom(Notes[d]) };
            }).ToList();
            var admitted = p.AdmittedOn!.Value;
            w.Db.Set<NeedsAssessment>().Add(new NeedsAssessment
            {
                ParticipantId = p.Id, AssessedOn = admitted.AddDays(1) < w.Today ? admitted.AddDays(1) : admitted, Needs = needs,
                Summary = "Assessed at intake with the participant.", AssessedByStaffId = cm.Id, AssessedByName = cm.DisplayName,
            });
            if (w.LastDay(p).DayNumber - admitted.DayNumber > 35)
                w.Db.Set<NeedsAssessment>().Add(new NeedsAssessment
                {
                    ParticipantId = p.Id, AssessedOn = admitted.AddDays(31), AssessedByStaffId = cm.Id, AssessedByName = cm.DisplayName, Summary = "30-day reassessment.",
                    Needs = needs.Select(n => new NeedRating { Domain = n.Domain, Level = n.Level > NeedLevel.NoNeed && w.F.Random.Bool(0.6f) ? n.Level - 1 : n.Level, Note = n.Note }).ToList(),
                });
            foreach (var need in needs.Where(n => n.Level >= NeedLevel.Significant).Take(2))
            {
                var resource = w.F.PickRandom(resources.Where(r => r.Category == Categories[need.Domain!.Value]).DefaultIfEmpty(resources[0]).ToList());
                var on = admitted.AddDays(w.F.Random.Int(2, 10));
                if (on > w.Today) on = w.Today;
                var status = on.AddDays(10) > w.Today ? w.F.PickRandom(ReferralStatus.Made, ReferralStatus.Scheduled)
                    : w.F.Random.WeightedRandom([ReferralStatus.Connected, ReferralStatus.Scheduled, ReferralStatus.Declined, ReferralStatus.NotReached], [0.6f, 0.15f, 0.1f, 0.15f]);
                var referral = new Referral
                {
                    ParticipantId = p.Id, CommunityResourceId = resource.Id, ResourceName = resource.Name, Need = need.Domain, ReferredOn = on,
                    Reason = need.Note ?? "Support with " + need.Domain, Status = status, ReferredByStaffId = cm.Id, ReferredByName = cm.DisplayName,
                    Outcome = status switch
                    {
                        ReferralStatus.Connected => "Intake done; receiving help.",
                        ReferralStatus.Declined => "Participant decided to wait until after the program.",
                        ReferralStatus.NotReached => "Three calls unanswered; the service could not reach the participant.",
                        ReferralStatus.Scheduled => $"Intake booked for {on.AddDays(12):MMM d}.",
                        _ => null,
                    },
                    OutcomeOn = status is ReferralStatus.Made or ReferralStatus.Scheduled ? null : on.AddDays(w.F.Random.Int(3, 9)),
                };
                w.Db.Set<Referral>().Add(referral);
                if (referral.IsOpen && p.Status != ParticipantStatus.Discharged)
                    CareTasks.Raise(w.Db, p.Id, CareTaskKinds.Referral, $"Follow up on the referral to {resource.Name}", on.AddDays(7), cm.Id,
                        detail: $"Did {p.FirstName} connect? Record the outcome on the referral.", sourceType: nameof(Referral), sourceId: referral.Id);
            }
        }
    }
}
