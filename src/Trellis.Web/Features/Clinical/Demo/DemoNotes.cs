using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>Individual therapy notes (DAP, BIRP, SOAP), medication visits and case-management contacts; signed, with a draft left for the demo clinician.</summary>
public static class DemoNotes
{
    public static void Seed(DemoWriter w)
    {
        var draftLeft = false;
        foreach (var p in w.InCare.Where(p => p.Status == ParticipantStatus.Active))
        {
            var daysIn = w.Today.DayNumber - p.AdmittedOn!.Value.DayNumber;
            var goal = w.Plans.TryGetValue(p.Id, out var plan) ? plan.Goals.FirstOrDefault() : null;
            var clinician = w.ClinicianOf(p);
            for (var i = 0; i < w.F.Random.Int(1, 2); i++)
            {
                var day = w.Today.AddDays(-w.F.Random.Int(1, Math.Clamp(daysIn, 1, 21)));
                if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(-2);
                var format = w.F.PickRandom(NoteFormat.Dap, NoteFormat.Birp, NoteFormat.Soap);
                var draft = !draftLeft && clinician.Email == Features.Demo.DemoSeeder.EmailFor(Roles.Clinician);
                if (draft) day = w.Today.AddDays(-1);
                draftLeft |= draft;
                Add(w, p, NoteKind.Individual, format, day, w.F.PickRandom(45, 53, 50), clinician, DemoText.Individual(w, format, p.FirstName, goal?.OwnWords), goal, !draft);
            }
            if (w.PrescriberOf(p) is { } prescriber && w.F.Random.Bool(0.6f))
                Add(w, p, NoteKind.MedicationManagement, NoteFormat.MedicationVisit, w.Today.AddDays(-w.F.Random.Int(2, 12)), 25, prescriber, new()
                {
                    ["interval"] = w.F.PickRandom("Sleeping better since the dose change; appetite back to normal. No missed doses.", "Still waking at 3 a.m. most nights; mild nausea first week, now gone.", "Mood lifting slowly. Cravings less frequent; took every dose this week."),
                    ["medications"] = "Reviewed the medication list with the participant; taking as prescribed.",
                    ["mental_status"] = "Calm, cooperative, good eye contact. Mood 'okay', affect mildly constricted. Thought process linear. Denies suicidal ideation. BP 122/78.",
                    ["assessment"] = w.F.PickRandom("Partial response; tolerating well. Benefits outweigh side effects.", "Good response; no change needed.", "Side effects manageable; adherence good."),
                    ["plan"] = w.F.PickRandom("Continue current doses; recheck in 2 weeks.", "Increase dose as discussed; follow up in 2 weeks; call sooner with side effects.", "Continue; labs before next visit."),
                }, goal, signed: true);
            if (p.CaseManagerId is not null && w.F.Random.Bool(0.5f))
                Add(w, p, NoteKind.CaseManagement, NoteFormat.CaseManagement, w.Today.AddDays(-w.F.Random.Int(1, 10)), 30, w.CaseManagerOf(p), new()
                {
                    ["needs"] = w.F.PickRandom("Transport to group; rent due at the end of the month.", "Childcare on evening group days.", "Food benefits application; bus pass."),
                    ["actions"] = w.F.PickRandom("Called the transport line with the participant and booked rides for the next two weeks.", "Completed the benefits application together online; uploaded pay stubs.", "Referred to the childcare cooperative and called to introduce."),
                    ["outcome"] = w.F.PickRandom("Rides confirmed for group days.", "Application submitted; decision expected in 30 days.", "Intake appointment booked for next week."),
                    ["plan"] = w.F.PickRandom("Follow up on Friday.", "Check the decision letter at next contact.", "Confirm the intake went ahead."),
                }, null, signed: true);
        }
        // The most recently admitted participant's intake evaluation (90791), so the demo has a signed note of every kind.
        // Written without drawing on the shared Faker, so the rest of the demo stays as it was.
        if (w.InCare.Where(p => p.Status == ParticipantStatus.Active && p.AdmittedOn is not null).OrderByDescending(p => p.AdmittedOn).ThenBy(p => p.Mrn).FirstOrDefault() is { } newest)
            Add(w, newest, NoteKind.DiagnosticEvaluation, NoteFormat.DiagnosticEvaluation, newest.AdmittedOn!.Value, 60, w.ClinicianOf(newest), new()
            {
                ["presenting"] = $"{newest.FirstName} was referred by their primary care clinician after two months of low mood, poor sleep and missed work; outpatient therapy every other week has not been enough.",
                ["history"] = "One earlier depressive episode in their twenties, treated with outpatient therapy. No hospital stays. Drinks socially, no other substance use. Lives with a partner; works full time.",
                ["mental_status"] = "Casually dressed, cooperative, good eye contact. Speech normal in rate. Mood 'worn out', affect constricted. Thought process linear; no psychotic features. Insight and judgement fair.",
                ["risk"] = "C-SSRS screen: passive wishes to not wake up two weeks ago, none since; no plan, intent or past attempts. Protective factors: partner, work, wish to get better. Safety plan started today.",
                ["diagnosis"] = "F33.1 Major depressive disorder, recurrent, moderate: low mood, anhedonia, insomnia, fatigue and poor concentration for eight weeks, impairing work.",
                ["recommendations"] = "Intensive outpatient (three days a week) with weekly individual therapy and a medication evaluation; agreed with the participant, who chose the morning track.",
            }, null, signed: true);
    }

    private static void Add(DemoWriter w, Participant p, NoteKind kind, NoteFormat format, DateOnly day, int minutes, StaffMember author,
        Dictionary<string, string> sections, TreatmentPlans.PlanGoal? goal, bool signed)
    {
        var note = new ClinicalNote
        {
            ParticipantId = p.Id, Kind = kind, Format = format, ServiceDate = day, Minutes = minutes, Sections = sections,
            AuthorStaffId = author.Id, AuthorName = author.DisplayName,
        };
        if (goal is not null && kind != NoteKind.CaseManagement)
            note.Goals.Add(new NoteGoalLink { NoteId = note.Id, ParticipantId = p.Id, GoalId = goal.Id, GoalText = goal.OwnWords ?? "" });
        w.Db.Set<ClinicalNote>().Add(note);
        if (signed) w.Later.Add(() => DemoGroupNotes.Sign(w, note, author, day, null, w.Today.DayNumber - day.DayNumber));
    }
}
