using System.Text.Json;
using Bogus;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Outcomes.Demo;

/// <summary>
/// The demo's measurement schedules (PHQ-9 and GAD-7 every 14 days in Adult Mental Health, AUDIT-C and DAST-10 every 28 in
/// Substance Use), and a year of past stays (admitted, measured every two weeks, discharged for every reason, some readmitted,
/// followed up), so the dashboards have something to count. Its own seeded Faker, so other features' demo data is unchanged.
/// </summary>
public sealed class OutcomesDemo : IDemoData
{
    public int Order => 400;
    public const int PastStaysPerProgram = 40;

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var db = demo.Db;
        AddSchedules(demo);
        var f = new Faker("en") { Random = new Randomizer(DemoSeeder.Seed + 10) };
        foreach (var program in new[] { demo.MentalHealth, demo.SubstanceUse })
            for (var i = 0; i < PastStaysPerProgram; i++) PastStay(demo, f, program, i);
        await db.SaveChangesAsync(ct);
        await OutcomeTasks.SweepAsync(db, ct);
    }

    /// <summary>PHQ-9 and GAD-7 every 14 days in Adult Mental Health, AUDIT-C and DAST-10 every 28 in Substance Use.</summary>
    public static void AddSchedules(DemoContext demo)
    {
        demo.Db.Set<MeasurementSchedule>().Add(new MeasurementSchedule { ProgramId = demo.MentalHealth.Id, Rules =
            [new() { Instrument = Phq9.Code, AtAdmission = true, EveryDays = 14, AtDischarge = true }, new() { Instrument = Gad7.Code, AtAdmission = true, EveryDays = 14, AtDischarge = true }] });
        demo.Db.Set<MeasurementSchedule>().Add(new MeasurementSchedule { ProgramId = demo.SubstanceUse.Id, Rules =
            [new() { Instrument = AuditC.Code, AtAdmission = true, EveryDays = 28, AtDischarge = true }, new() { Instrument = Dast10.Code, AtAdmission = true, EveryDays = 28, AtDischarge = true }] });
    }

    /// <summary>The reasons a stay ends, weighted as in a real program (every reason occurs).</summary>
    public static readonly DischargeReason[] Reasons =
        [DischargeReason.Completed, DischargeReason.Completed, DischargeReason.Completed, DischargeReason.Completed, DischargeReason.SteppedDown,
         DischargeReason.SteppedUp, DischargeReason.LeftAgainstAdvice, DischargeReason.LostToContact, DischargeReason.Administrative];

    private static void PastStay(DemoContext demo, Faker f, TreatmentProgram program, int i)
    {
        var track = f.PickRandom(demo.Tracks.Where(t => t.ProgramId == program.Id && t.Name != "Weekend").ToList());
        var admitted = demo.Today.AddDays(-f.Random.Int(80, 420));
        Stay(demo, f, program, track, $"TH{(program == demo.MentalHealth ? 1 : 2)}{i:D5}", admitted, readmitted: i % 8 == 3);
    }

    /// <summary>
    /// One person's stay from <paramref name="admitted"/>: enrollment, diagnosis, level of care, measures every two weeks
    /// (improving, flat or worse), and, when it ended before today, the final discharge with its reason, a readmission when
    /// asked for, and the follow-up contacts already due. A stay that would end after today is still in care (active).
    /// Also used by <see cref="DemoGenerator"/> for the large data set.
    /// </summary>
    public static Participant Stay(DemoContext demo, Faker f, TreatmentProgram program, Track track, string mrn, DateOnly admitted, bool readmitted)
    {
        var db = demo.Db;
        var reason = f.PickRandom(Reasons);
        var length = DischargeReasons.IsDropOut(reason) ? f.Random.Int(10, 30) : f.Random.Int(35, 70);
        var discharged = admitted.AddDays(length);
        var inCare = discharged >= demo.Today;
        var clinician = demo.StaffOf(program, Auth.Roles.Clinician).OrderBy(_ => f.Random.Int()).First();
        var caseManager = demo.StaffOf(program, Auth.Roles.CaseManager).FirstOrDefault();
        var p = new Participant
        {
            Mrn = mrn, LegalFirstName = f.Name.FirstName(), LegalLastName = f.Name.LastName(),
            DateOfBirth = DateOnly.FromDateTime(f.Date.Between(new DateTime(1965, 1, 1), new DateTime(2003, 12, 31))),
            Status = inCare ? ParticipantStatus.Active : ParticipantStatus.Discharged, ProgramId = program.Id, TrackId = track.Id, AdmittedOn = admitted,
            DischargedOn = inCare ? null : discharged, PrimaryClinicianId = clinician.Id, CaseManagerId = caseManager?.Id,
        };
        p.Enrollments.Add(new Enrollment { ParticipantId = p.Id, ProgramId = program.Id, TrackId = track.Id, StartedOn = admitted, EndedOn = inCare ? null : discharged, EndReason = inCare ? null : "discharged" });
        var (dx, text) = program == demo.SubstanceUse ? f.PickRandom(("F10.20", "Alcohol dependence, uncomplicated"), ("F12.20", "Cannabis dependence, uncomplicated"))
            : f.PickRandom(("F33.1", "Major depressive disorder, recurrent, moderate"), ("F41.1", "Generalized anxiety disorder"));
        p.Diagnoses.Add(new Diagnosis { ParticipantId = p.Id, Code = dx, Description = text, IsPrimary = true, DiagnosedOn = admitted });
        p.LevelOfCareHistory.Add(new LevelOfCareChange { ParticipantId = p.Id, EffectiveOn = admitted, FromLevel = LevelOfCare.Outpatient, ToLevel = LevelOfCare.IntensiveOutpatient, Rationale = "Needs at least 9 hours a week of structured treatment." });
        db.Participants.Add(p);
        // Most improve; some do not; a few get worse, as in real programs.
        var course = f.Random.Double();
        foreach (var (code, start, max) in Instruments(program == demo.SubstanceUse))
        {
            var score = Math.Min(max, start + f.Random.Int(-3, 3));
            for (var day = admitted.AddDays(-2); day <= discharged && day <= demo.Today; day = day.AddDays(14))
            {
                if (f.Random.Bool(0.1f) && day > admitted) continue; // a missed measure
                Give(demo, p, code, Math.Clamp(score, 0, max), day, clinician.Id);
                score += course < 0.65 ? -f.Random.Int(1, 4) : course < 0.9 ? f.Random.Int(-1, 1) : f.Random.Int(1, 3);
            }
        }
        if (inCare) return p;
        db.Set<ParticipantDischarge>().Add(new ParticipantDischarge
        {
            ParticipantId = p.Id, DischargedOn = discharged, Reason = reason, IsFinal = true, CourseOfTreatment = "Past stay in the demo's history.",
            ReasonDetail = reason switch
            {
                DischargeReason.LeftAgainstAdvice => "Chose to stop attending; the team advised staying to complete the program.",
                DischargeReason.LostToContact => "Stopped attending; calls and a letter went unanswered.",
                DischargeReason.Administrative => "Insurance coverage ended.",
                _ => null,
            },
            WrittenByStaffId = clinician.Id, WrittenByName = clinician.DisplayName, FinalizedAt = new DateTimeOffset(discharged.ToDateTime(new TimeOnly(23, 0)), TimeSpan.Zero),
            FinalizedByStaffId = clinician.Id, FinalizedByName = clinician.DisplayName,
        });
        if (readmitted && discharged.AddDays(20) < demo.Today)
        {
            // Readmitted within a few weeks, and still in care or discharged again.
            var back = discharged.AddDays(f.Random.Int(10, 60));
            if (back < demo.Today) p.Enrollments.Add(new Enrollment { ParticipantId = p.Id, ProgramId = program.Id, TrackId = track.Id, StartedOn = back, EndedOn = back.AddDays(35) < demo.Today ? back.AddDays(35) : null });
        }
        foreach (var days in FollowUpContact.DaysAfterDischarge.Where(d => discharged.AddDays(d) < demo.Today))
        {
            var reached = f.Random.Bool(0.7f);
            db.Set<FollowUpContact>().Add(new FollowUpContact
            {
                ParticipantId = p.Id, DischargedOn = discharged, DaysAfter = days, DueOn = discharged.AddDays(days), ContactedOn = discharged.AddDays(days + f.Random.Int(0, 3)),
                Reached = reached, InTreatmentElsewhere = reached ? f.Random.Bool(0.6f) : null, UseOrRelapse = reached ? f.Random.Bool(0.2f) : null,
                Readmitted = reached ? false : null, InstrumentCode = reached ? Phq9.Code : null, Score = reached ? f.Random.Int(3, 14) : null, RecordedBy = "system:demo",
            });
        }
        return p;
    }

    private static IEnumerable<(string Code, int Start, int Max)> Instruments(bool substanceUse) => substanceUse
        ? [(Phq9.Code, 14, 27), (Dast10.Code, 7, 10), (AuditC.Code, 8, 12)]
        : [(Phq9.Code, 16, 27), (Gad7.Code, 13, 21)];

    /// <summary>Answers that add up to the total, scored by the real scorer (PHQ-9 item 9 stays 0, so no risk flag is made).</summary>
    private static void Give(DemoContext demo, Participant p, string code, int total, DateOnly day, Guid by)
    {
        var d = InstrumentCatalog.Get(code)!;
        var answers = new List<JsonElement>();
        var left = total;
        if (d.ScoredItems.All(x => x.Kind == AnswerKind.YesNo))
        {
            // DAST-10: item 3 scores on No; one point per Yes elsewhere.
            var item3 = left > 0; if (item3) left--;
            foreach (var item in d.ScoredItems)
                answers.Add(JsonSerializer.SerializeToElement(item.Number == 3 ? !item3 : left-- > 0));
        }
        else
            foreach (var item in d.ScoredItems)
            {
                var v = code == Phq9.Code && item.Number == 9 ? 0 : Math.Min(left, item.MaxValue ?? 0);
                left -= v;
                answers.Add(JsonSerializer.SerializeToElement(v));
            }
        var outcome = InstrumentScorer.Score(d, answers, "female");
        if (!outcome.IsValid) return;
        var r = outcome.Result;
        demo.Db.InstrumentAdministrations.Add(new InstrumentAdministration
        {
            ParticipantId = p.Id, InstrumentCode = d.Code, AnswersJson = JsonSerializer.Serialize(answers), Sex = code == AuditC.Code ? "female" : null,
            Total = r.Total, Band = r.Band, Risk = r.Risk, Positive = r.Positive, Flags = [.. r.Flags],
            AdministeredAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(17, 0)), TimeSpan.Zero), AdministeredByStaffId = by, Source = Administrations.FromChart,
        });
    }
}
