using Bogus;
using Trellis.Web.Data;
using Trellis.Web.Features.Admissions.SelfCheck;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Admissions.Demo;

/// <summary>
/// The admissions side of the demo clinic: leads in every stage (with owners, dates and a history
/// that makes the figures meaningful), screening instruments given over time, an open suicide-risk
/// flag with its notifications and task, authorizations (some ending soon or nearly used up),
/// weekly obligations, orientation checklists and Part 2 consents. All fictional.
/// </summary>
public sealed class AdmissionsDemoData : IDemoData
{
    public int Order => 100;

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var seed = new DemoSeed(demo);
        var candidates = seed.AddCandidates();
        seed.AddLeads(candidates);
        await new MeasuresDemo(seed).SeedAsync(candidates, ct);
        new RecordsDemo(seed).Seed(candidates);
    }
}

/// <summary>What the admissions demo parts share: the clinic, the clock and the people.</summary>
internal sealed class DemoSeed(DemoContext demo)
{
    public DemoContext Demo { get; } = demo;
    public TrellisDbContext Db => Demo.Db;
    public Faker F => Demo.Faker;
    public DateOnly Today => Demo.Today;
    public DateTimeOffset Now { get; } = demo.Db.Now;
    public StaffMember Intake => Demo.DemoStaff[Roles.IntakeCoordinator];
    public StaffMember Director => Demo.DemoStaff[Roles.ProgramDirector];

    public StaffMember ClinicianOf(Participant p) =>
        Demo.Staff.FirstOrDefault(s => s.Id == p.PrimaryClinicianId) ?? Demo.StaffOf(Program(p), Roles.Clinician).First();

    public TreatmentProgram Program(Participant p) => p.ProgramId == Demo.MentalHealth.Id ? Demo.MentalHealth : Demo.SubstanceUse;

    /// <summary>An instant on a day at a local-looking hour, never later than now.</summary>
    public DateTimeOffset At(DateOnly day, int hour, int minute = 0)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero);
        return at > Now ? Now.AddMinutes(-5) : at;
    }

    /// <summary>
    /// Work done in a staff member's name, as the clinic's history has it: records carry them as the
    /// author, while the audit trail still says the demo wrote it.
    /// </summary>
    public async Task<T> AsAsync<T>(StaffMember s, Func<Task<T>> work)
    {
        Db.ActAs(CurrentUser.OnBehalfOf("demo", s.Id, s.FullName));
        try { return await work(); }
        finally { Db.ActAs(CurrentUser.System("demo")); }
    }

    /// <summary>Participants in the middle of intake, besides the foundation's: enough for every stage of the board.</summary>
    public List<Participant> AddCandidates()
    {
        var list = new List<Participant>();
        foreach (var program in new[] { Demo.MentalHealth, Demo.SubstanceUse })
            for (var i = 0; i < 2; i++)
            {
                var female = F.Random.Bool();
                var first = F.Name.FirstName(female ? Bogus.DataSets.Name.Gender.Female : Bogus.DataSets.Name.Gender.Male);
                var last = F.Name.LastName();
                var p = new Participant
                {
                    Mrn = "TR" + F.Random.Int(100000, 999999), LegalFirstName = first, LegalLastName = last,
                    Pronouns = female ? "she/her" : "he/him",
                    AdministrativeGender = female ? AdministrativeGender.Female : AdministrativeGender.Male,
                    DateOfBirth = DateOnly.FromDateTime(F.Date.Between(new DateTime(1968, 1, 1), new DateTime(2003, 12, 31))),
                    Email = F.Internet.Email(first, last, "example.org").ToLowerInvariant(), Phone = F.Phone.PhoneNumber("(503) 555-0###"),
                    City = F.PickRandom("Portland", "Beaverton", "Gresham"), State = "OR", PostalCode = F.Random.Replace("972##"),
                    Status = ParticipantStatus.Screening, ProgramId = program.Id,
                    PrimaryClinicianId = Demo.StaffOf(program, Roles.Clinician).First().Id,
                };
                while (Demo.Participants.Any(x => x.Mrn == p.Mrn)) p.Mrn = "TR" + F.Random.Int(100000, 999999);
                Db.Participants.Add(p);
                Demo.Participants.Add(p);
                list.Add(p);
            }
        return list;
    }

    /// <summary>
    /// Leads: the foundation's pre-admission participants and the new candidates at their stages,
    /// fresh web inquiries, referrals and closed leads, and a history for everyone admitted.
    /// </summary>
    public void AddLeads(List<Participant> extra)
    {
        var pre = Demo.Participants.Where(p => p.Status is ParticipantStatus.Inquiry or ParticipantStatus.Screening or ParticipantStatus.Waitlisted && !extra.Contains(p)).ToList();
        var stages = new Queue<AdmissionStage>([AdmissionStage.Screening, AdmissionStage.Assessment, AdmissionStage.LevelOfCareDecision]);
        foreach (var p in pre)
        {
            var stage = p.Status switch
            {
                ParticipantStatus.Inquiry => AdmissionStage.Inquiry,
                ParticipantStatus.Waitlisted => AdmissionStage.Waitlisted,
                _ => stages.Count > 0 ? stages.Dequeue() : AdmissionStage.Assessment,
            };
            Lead(p, stage, stage switch
            {
                AdmissionStage.Inquiry => F.Random.Int(0, 1),
                AdmissionStage.Screening => F.Random.Int(3, 6),
                AdmissionStage.Assessment => F.Random.Int(5, 9),
                AdmissionStage.Waitlisted => F.Random.Int(18, 40),
                _ => F.Random.Int(7, 12),
            });
        }
        // The new candidates: one deciding level of care and one waiting on the payer, per program.
        for (var i = 0; i < extra.Count; i++)
            Lead(extra[i], i % 2 == 0 ? AdmissionStage.Authorization : AdmissionStage.LevelOfCareDecision, F.Random.Int(8, 16));

        foreach (var p in Demo.Participants.Where(p => p.AdmittedOn is not null)) Admitted(p);
        WebInquiries();
    }

    private static readonly AdmissionStage[] Path =
        [AdmissionStage.Inquiry, AdmissionStage.Screening, AdmissionStage.Assessment, AdmissionStage.LevelOfCareDecision, AdmissionStage.Authorization];

    /// <summary>A lead that walked the pipeline up to <paramref name="stage"/> over the last <paramref name="daysAgo"/> days.</summary>
    private void Lead(Participant p, AdmissionStage stage, int daysAgo)
    {
        var received = Now.AddDays(-daysAgo).AddHours(-F.Random.Int(2, 8));
        var c = NewCase(p.LegalFirstName, p.LegalLastName, p.Program?.Id ?? p.ProgramId, received, F.PickRandom(InquirySource.WebForm, InquirySource.Phone, InquirySource.Referral));
        c.ParticipantId = p.Id;
        c.Phone = p.Phone;
        c.Email = p.Email;
        c.OwnerStaffId = stage == AdmissionStage.Inquiry && F.Random.Bool(0.4f) ? null : Intake.Id;
        var path = stage == AdmissionStage.Waitlisted ? [.. Path, AdmissionStage.Waitlisted] : Path.TakeWhile(s => s <= stage).ToList();
        var at = received;
        var span = Now - received;
        for (var i = 0; i < path.Count; i++)
        {
            at = i == 0 ? received : received + span * (i / (double)path.Count) * F.Random.Double(0.8, 1.0);
            Step(c, path[i], at, i == 0 ? null : c.OwnerStaffId, i == 0 ? "Inquiry received." : StepNote(path[i]));
        }
        if (stage == AdmissionStage.Waitlisted)
        {
            var track = Demo.Tracks.First(t => t.ProgramId == p.ProgramId && t.Name == "Evening");
            c.WaitlistTrackId = track.Id;
            c.OutcomeReason = "Works days; only the evening track fits, and it has no place this month.";
            c.Steps[^1].Note = c.OutcomeReason;
        }
        Db.Set<AdmissionCase>().Add(c);
    }

    private static string StepNote(AdmissionStage s) => s switch
    {
        AdmissionStage.Screening => "Called back; chart opened and screening booked.",
        AdmissionStage.Assessment => "Screening done; biopsychosocial assessment booked with a clinician.",
        AdmissionStage.LevelOfCareDecision => "Assessment complete; for the team's level-of-care decision.",
        AdmissionStage.Authorization => "IOP recommended; authorization requested from the payer.",
        _ => "",
    };

    /// <summary>Everyone admitted came through the pipeline: inquiry one to four weeks before the first day.</summary>
    private void Admitted(Participant p)
    {
        var admitted = At(p.AdmittedOn!.Value, 9);
        var received = admitted.AddDays(-F.Random.Int(6, 28)).AddHours(-F.Random.Int(0, 6));
        var c = NewCase(p.LegalFirstName, p.LegalLastName, p.ProgramId, received, F.PickRandom(InquirySource.WebForm, InquirySource.Phone, InquirySource.Referral, InquirySource.Referral));
        c.ParticipantId = p.Id;
        c.OwnerStaffId = Intake.Id;
        var span = admitted - received;
        var path = Path.Where(s => s != AdmissionStage.Authorization || F.Random.Bool(0.8f)).ToList();
        for (var i = 0; i < path.Count; i++) Step(c, path[i], received + span * (i / (double)path.Count), i == 0 ? null : Intake.Id, i == 0 ? "Inquiry received." : StepNote(path[i]));
        Step(c, AdmissionStage.Admitted, admitted, Intake.Id, "Admitted.");
        c.ClosedAt = admitted;
        Db.Set<AdmissionCase>().Add(c);
    }

    private void WebInquiries()
    {
        var mh = Demo.MentalHealth.Id;
        var su = Demo.SubstanceUse.Id;
        var fresh = NewCase("Marisol", "Quintero-Vale", mh, Now.AddHours(-3), InquirySource.WebForm);
        fresh.LookingFor = "I work days at a bakery and my anxiety has been really bad since spring. Weekly therapy isn't enough. Evenings would be best.";
        fresh.BestTimeToReach = "Weekdays after 5 pm";
        SelfCheck(fresh, new SelfCheckInput
        {
            ThoughtsOfEndingLife = YesNoUnsure.No, LedAnxiety = true, LedTherapyNotEnough = true, GoalKeepWorking = true, Care = CurrentCare.WeeklyTherapy,
            Hours = HoursAvailable.NineToTwelve, Evenings = true, FixedCommitments = true, Join = JoinBy.InPerson, HasSomeone = YesNoUnsure.Yes,
        }, phq9: [2, 2, 1, 2, 1, 2, 1, 2, 0], gad7: [2, 2, 2, 2, 1, 2, 1]);
        var urgent = NewCase("Jonah", null, mh, Now.AddHours(-1), InquirySource.WebForm);
        urgent.LookingFor = "Not sure what I need. Things have been dark for a while.";
        urgent.PreferredContact = ContactMethod.Text;
        urgent.MessageMayNameClinic = false;
        SelfCheck(urgent, new SelfCheckInput { ThoughtsOfEndingLife = YesNoUnsure.No, LedMood = true, Care = CurrentCare.None, HasSomeone = YesNoUnsure.No },
            phq9: [3, 2, 2, 3, 2, 2, 2, 2, 1], gad7: null);
        var unsure = NewCase("Dee", "Hollister", null, Now.AddDays(-3).AddHours(-2), InquirySource.WebForm);
        unsure.LookingFor = "Asking for my brother, drinking every day since he lost his job. Is this the right place?";
        unsure.PreferredContact = ContactMethod.Email;
        var referral = NewCase("Curtis", "Abernathy", su, Now.AddDays(-1).AddHours(-4), InquirySource.Referral);
        referral.ReferredBy = "Dr. L. Okafor, Eastside Family Medicine";
        referral.LookingFor = "Referred after a second DUI; wants to keep his job.";
        referral.OwnerStaffId = Intake.Id;
        foreach (var c in new[] { fresh, urgent, unsure, referral })
        {
            Step(c, AdmissionStage.Inquiry, c.ReceivedAt, c.OwnerStaffId, c.Source == InquirySource.Referral ? "Referral received." : "Inquiry sent from the website.");
            Db.Set<AdmissionCase>().Add(c);
        }
        // What intake found in their notifications this morning.
        Notifications.Notifier.Notify(Db, [Intake.Id], Pipeline.NewInquiryKind, $"New inquiry from {fresh.FirstName}",
            "Prefers phone, weekdays after 5 pm. Reply within one working day.", $"/admissions/{fresh.Id}");
        Notifications.Notifier.Notify(Db, [Intake.Id, Director.Id], Pipeline.NewInquiryKind, $"Call today: new inquiry from {urgent.FirstName} shows a safety concern",
            "Their self-check showed thoughts of death or self-harm. Call back today and assess safety; crisis resources were shown to them.", $"/admissions/{urgent.Id}", urgent: true);

        var referred = NewCase("Priya", "Santangelo", mh, Now.AddDays(-20), InquirySource.Phone);
        referred.OwnerStaffId = Intake.Id;
        Step(referred, AdmissionStage.Inquiry, referred.ReceivedAt, null, "Inquiry taken by phone.");
        Step(referred, AdmissionStage.Referred, referred.ReceivedAt.AddDays(2), Intake.Id, null);
        referred.ReferredTo = "Riverbend Partial Hospitalization Program";
        referred.OutcomeReason = "Needs more structure than IOP: daily support while medication is adjusted.";
        referred.Steps[^1].Note = $"Referred to {referred.ReferredTo}: {referred.OutcomeReason}";
        referred.ClosedAt = referred.StageEnteredAt;
        var closed = NewCase("Tomasz", "Rendell", su, Now.AddDays(-15), InquirySource.WebForm);
        closed.OwnerStaffId = Intake.Id;
        Step(closed, AdmissionStage.Inquiry, closed.ReceivedAt, null, "Inquiry sent from the website.");
        Step(closed, AdmissionStage.Closed, closed.ReceivedAt.AddDays(6), Intake.Id, null);
        closed.OutcomeReason = "Three calls and a text over five days without an answer; a letter was sent with our number.";
        closed.Steps[^1].Note = closed.OutcomeReason;
        closed.ClosedAt = closed.StageEnteredAt;
        Db.Set<AdmissionCase>().AddRange(referred, closed);
    }

    /// <summary>What the person sent with their inquiry, scored and summed up by the self-check itself, as the public form does.</summary>
    private static void SelfCheck(AdmissionCase c, SelfCheckInput input, int[] phq9, int[]? gad7)
    {
        var raw = new Dictionary<string, string?[]> { [Instruments.Phq9.Code] = phq9.Select(v => (string?)v.ToString()).ToArray() };
        if (gad7 is not null) raw[Instruments.Gad7.Code] = gad7.Select(v => (string?)v.ToString()).ToArray();
        var result = SelfCheckEvaluation.Evaluate(input, SelfCheckEvaluation.ReadScreens(input, raw, new Dictionary<string, string[]>()));
        c.SelfCheckSummary = SelfCheckEvaluation.Summary(input, result);
        c.SelfCheckSuggestedLevel = result.Suggestion.Level;
        c.SafetyConcern = result.SuicideSign;
    }

    private AdmissionCase NewCase(string first, string? last, Guid? programId, DateTimeOffset received, InquirySource source) => new()
    {
        FirstName = first, LastName = last, ProgramId = programId, ReceivedAt = received, StageEnteredAt = received, Source = source,
        Phone = F.Phone.PhoneNumber("(503) 555-0###"), PreferredContact = ContactMethod.Phone, ConsentToContact = true,
        MessageMayNameClinic = F.Random.Bool(0.6f), BestTimeToReach = F.PickRandom("Mornings", "Lunchtime", "After 5 pm", "Any time"),
        Email = last is null ? null : $"{first}.{last}@example.org".ToLowerInvariant().Replace(" ", ""),
    };

    private void Step(AdmissionCase c, AdmissionStage stage, DateTimeOffset at, Guid? owner, string? note)
    {
        c.Steps.Add(new AdmissionStep
        {
            CaseId = c.Id, Stage = stage, EnteredAt = at, OwnerStaffId = owner,
            OwnerName = owner is null ? null : Demo.Staff.First(s => s.Id == owner).FullName,
            ByName = owner is null ? (c.Source == InquirySource.WebForm ? "Website form" : Intake.FullName) : Demo.Staff.First(s => s.Id == owner).FullName, Note = note,
        });
        c.Stage = stage;
        c.StageEnteredAt = at;
    }
}
