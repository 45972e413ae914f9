using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Admissions.Authorizations;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Admissions.Demo;

/// <summary>Authorizations, weekly obligations, level-of-care decisions for candidates, orientation checklists and consents.</summary>
internal sealed class RecordsDemo(DemoSeed seed)
{
    private static readonly string[] Payers = ["Cascade Health Plan", "Evergreen Medicaid CCO", "Willamette Mutual Health", "Northwest Trades Health Trust"];

    public void Seed(List<Participant> candidates)
    {
        var f = seed.F;
        var current = seed.Demo.Participants.Where(p => p.Status is ParticipantStatus.Admitted or ParticipantStatus.Active or ParticipantStatus.OnHold).ToList();
        var forced = 0;
        foreach (var p in current)
        {
            var start = p.AdmittedOn!.Value;
            var payer = f.PickRandom(Payers);
            var member = f.Random.Replace("???#########").ToUpperInvariant();
            var weeks = Math.Max(0, seed.Today.DayNumber - start.DayNumber) / 7.0;
            var attended = (int)Math.Round(weeks * 3 * f.Random.Double(0.8, 1.0));
            // The first few are made to need attention: one ending within days, one nearly used up.
            var mode = weeks >= 2 && forced < 2 ? forced++ : 2;
            var (days, length) = mode switch { 0 => (18, seed.Today.DayNumber - start.DayNumber + 5), 1 => (attended + 1, 60), _ => (f.Random.Int(24, 36), f.Random.Int(56, 84)) };
            var first = Auth(p, payer, member, start, start.AddDays(Math.Max(length, 14) - 1), Math.Max(days, attended + 1), Math.Min(attended, Math.Max(days, attended + 1)));
            seed.Db.Add(first);
            if (first.EndOn < seed.Today)
                seed.Db.Add(Auth(p, payer, member, first.EndOn.AddDays(1), first.EndOn.AddDays(30), 12, Math.Max(0, attended - first.Used)));
            Orientation(p, complete: p.Status != ParticipantStatus.Admitted);
        }
        foreach (var p in seed.Demo.Participants.Where(p => p.Status == ParticipantStatus.Discharged))
        {
            var a = Auth(p, f.PickRandom(Payers), f.Random.Replace("???#########"), p.AdmittedOn!.Value, p.DischargedOn!.Value, 30, 24);
            a.Status = AuthorizationStatus.Closed;
            seed.Db.Add(a);
        }
        foreach (var p in candidates) Candidate(p);
        Obligations(current.Take(4).Concat(seed.Demo.Participants.Where(p => p.Status == ParticipantStatus.Waitlisted)).Concat(candidates));
    }

    private InsuranceAuthorization Auth(Participant p, string payer, string member, DateOnly start, DateOnly end, int authorized, int used) => new()
    {
        ParticipantId = p.Id, Payer = payer, MemberId = member, AuthorizationNumber = seed.F.Random.Replace("PA-######"),
        LevelOfCare = LevelOfCare.IntensiveOutpatient, Unit = AuthorizationUnit.Days, Authorized = authorized, Used = Math.Min(used, authorized),
        StartOn = start, EndOn = end, Status = AuthorizationStatus.Approved, Reviewer = seed.F.Name.FullName(), ReviewerPhone = seed.F.Phone.PhoneNumber("(800) 555-01##"),
        Notes = "Concurrent review due before the end date; send the updated treatment plan and PHQ-9 trend.",
    };

    /// <summary>Candidates waiting on the payer have a decision and a pending request; those at decision have neither yet.</summary>
    private void Candidate(Participant p)
    {
        var lead = seed.Db.ChangeTracker.Entries<AdmissionCase>().Select(e => e.Entity).FirstOrDefault(c => c.ParticipantId == p.Id);
        if (lead?.Stage != AdmissionStage.Authorization) return;
        var clinician = seed.ClinicianOf(p);
        seed.Db.LevelOfCareChanges.Add(new LevelOfCareChange
        {
            ParticipantId = p.Id, EffectiveOn = seed.Today.AddDays(-2), FromLevel = LevelOfCare.Outpatient, ToLevel = LevelOfCare.IntensiveOutpatient,
            Rationale = "Symptoms have not improved with weekly therapy over three months; works full time, so needs the evening track. Needs at least 9 hours a week of structured treatment.\n\nDecision support suggested Intensive outpatient (ASAM 2.1), because: symptoms beyond weekly therapy.",
            DecidedByStaffId = clinician.Id, DecidedByName = clinician.FullName,
        });
        var a = Auth(p, seed.F.PickRandom(Payers), seed.F.Random.Replace("???#########"), seed.Today.AddDays(3), seed.Today.AddDays(32), 15, 0);
        a.Status = AuthorizationStatus.Requested;
        a.AuthorizationNumber = null;
        a.Notes = "Requested by fax with the assessment; reviewer promised an answer within 3 working days.";
        seed.Db.Add(a);
    }

    private void Orientation(Participant p, bool complete)
    {
        var program = seed.Program(p);
        var items = Admission.Orientation.ItemsFor(program).Where(Admission.Orientation.IsTickable).ToList();
        var done = complete ? items : items.Take(2).ToList();
        foreach (var item in done)
            seed.Db.Add(new OrientationStep
            {
                ParticipantId = p.Id, Item = item, DoneOn = p.AdmittedOn!.Value.AddDays(seed.F.Random.Int(0, 2)), DoneBy = seed.Intake.FullName,
                Note = item == OrientationItem.ReleasesOfInformation ? "Release to spouse signed; none to employer." : null,
            });
        if (complete && program.IsPart2)
        {
            var draft = OrientationRecords.Draft(ConsentKind.Part2, p.LegalName, program, "Cascade Health Plan", p.AdmittedOn!.Value);
            draft.RightToRevokeExplained = true;
            draft.RedisclosureNoticeGiven = true;
            OrientationRecords.AddConsent(seed.Db, p.Id, draft);
        }
        if (!complete)
            CareTasks.Raise(seed.Db, p.Id, CareTaskKinds.Admission, $"Complete orientation for {p.DisplayName}", p.AdmittedOn!.Value.AddDays(7),
                p.CaseManagerId ?? p.PrimaryClinicianId, null, "Consent to treatment, privacy notice and releases still to do.", nameof(OrientationStep), p.Id);
    }

    private void Obligations(IEnumerable<Participant> people)
    {
        var f = seed.F;
        foreach (var p in people.Distinct())
        {
            switch (f.Random.Int(0, 3))
            {
                case 0:
                    Add(p, ObligationKind.Work, "Shift at the distribution center", Weekdays.Monday | Weekdays.Tuesday | Weekdays.Wednesday | Weekdays.Thursday | Weekdays.Friday, 7, 0, 15, 30, 25);
                    break;
                case 1:
                    Add(p, ObligationKind.Childcare, "Pick up the kids from school", Weekdays.Monday | Weekdays.Tuesday | Weekdays.Wednesday | Weekdays.Thursday | Weekdays.Friday, 14, 45, 15, 30, 15);
                    Add(p, ObligationKind.Work, "Restaurant shift", Weekdays.Friday | Weekdays.Saturday, 16, 0, 23, 0, 20);
                    break;
                case 2:
                    Add(p, ObligationKind.Work, "Night shift at the hospital laundry", Weekdays.Tuesday | Weekdays.Thursday, 22, 0, 6, 30, 30);
                    Add(p, ObligationKind.School, "Community college class", Weekdays.Monday | Weekdays.Wednesday, 18, 0, 20, 50, 20);
                    break;
                default:
                    Add(p, ObligationKind.Caregiving, "Takes mother to dialysis", Weekdays.Tuesday | Weekdays.Thursday | Weekdays.Saturday, 8, 0, 12, 0, 30);
                    break;
            }
        }
    }

    private void Add(Participant p, ObligationKind kind, string label, Weekdays days, int h1, int m1, int h2, int m2, int travel) =>
        seed.Db.Add(new WeeklyObligation
        {
            ParticipantId = p.Id, Kind = kind, Label = label, Weekdays = days, StartTime = new TimeOnly(h1, m1), EndTime = new TimeOnly(h2, m2), TravelMinutes = travel,
        });
}
