using Trellis.Web.Features.Medications;
using Trellis.Web.Features.Medications.Catalog;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>Medication lists, allergies, admission reconciliations, and weekly drug tests with some unexpected results.</summary>
public static class DemoMedications
{
    private static readonly (string Name, string Dose, MedicationRoute Route, string Frequency, string Reason)[] MentalHealth =
    [
        ("Sertraline", "100 mg", MedicationRoute.Oral, "once daily", "depression"),
        ("Escitalopram", "10 mg", MedicationRoute.Oral, "once daily", "anxiety"),
        ("Bupropion XL", "150 mg", MedicationRoute.Oral, "every morning", "depression"),
        ("Trazodone", "50 mg", MedicationRoute.Oral, "at bedtime as needed", "sleep"),
        ("Prazosin", "2 mg", MedicationRoute.Oral, "at bedtime", "trauma nightmares"),
        ("Lamotrigine", "100 mg", MedicationRoute.Oral, "once daily", "mood stabilisation"),
        ("Hydroxyzine", "25 mg", MedicationRoute.Oral, "up to three times daily as needed", "anxiety"),
    ];

    public static void Seed(DemoWriter w)
    {
        foreach (var p in w.Admitted)
        {
            var start = p.AdmittedOn!.Value;
            var prescriber = w.PrescriberOf(p);
            var meds = new List<Medication>();
            // The addiction medicines are chosen from the drug catalog (and so checked); the others stay free text, as entered before it.
            Medication Med(string name, string dose, MedicationRoute route, string frequency, string reason, bool ours = true, bool coded = false) => new()
            {
                ParticipantId = p.Id, Name = name, DrugCode = coded ? DrugCatalog.Shipped.Resolve(name)?.Code : null, Dose = dose, Route = route, Frequency = frequency, Reason = reason,
                PrescriberStaffId = ours ? prescriber?.Id : null, PrescriberName = ours && prescriber is not null ? prescriber.DisplayName : "Dr. Lena Okafor, Eastside Family Medicine",
                StartedOn = start.AddDays(-w.F.Random.Int(20, 300)),
            };
            foreach (var m in w.F.Random.ListItems(MentalHealth.ToList(), w.IsSubstanceUse(p) ? w.F.Random.Int(0, 1) : w.F.Random.Int(1, 2)))
                meds.Add(Med(m.Name, m.Dose, m.Route, m.Frequency, m.Reason, ours: w.F.Random.Bool(0.7f)));
            var dx = p.Diagnoses.Select(d => d.Code).ToList();
            if (dx.Contains("F11.20")) meds.Add(Med("Buprenorphine/naloxone", "8 mg/2 mg", MedicationRoute.Sublingual, "once daily", "opioid use disorder", coded: true));
            if (dx.Contains("F10.20")) meds.Add(w.F.Random.Bool() ? Med("Naltrexone", "50 mg", MedicationRoute.Oral, "once daily", "alcohol use disorder", coded: true) : Med("Acamprosate", "666 mg", MedicationRoute.Oral, "three times daily", "alcohol use disorder", coded: true));
            if (w.IsSubstanceUse(p) && w.F.Random.Bool(0.15f)) meds.Add(Med("Clonazepam", "0.5 mg", MedicationRoute.Oral, "twice daily", "panic disorder", ours: false, coded: true));
            if (meds.Count > 1 && w.F.Random.Bool(0.2f))
            {
                meds[0].StoppedOn = start.AddDays(w.F.Random.Int(5, 15)) is var s && s < w.Today ? s : null;
                meds[0].StopReason = meds[0].StoppedOn is null ? null : "Side effects (nausea); switched at a medication visit";
            }
            w.Db.Set<Medication>().AddRange(meds);

            var allergies = new List<Allergy>();
            if (w.F.Random.Bool(0.3f)) allergies.Add(new Allergy { ParticipantId = p.Id, Substance = "Penicillin", Kind = AllergyKind.Medication, Reaction = "Rash", Severity = AllergySeverity.Moderate, NotedOn = start });
            if (w.F.Random.Bool(0.1f)) allergies.Add(new Allergy { ParticipantId = p.Id, Substance = "Sulfa drugs", Kind = AllergyKind.Medication, Reaction = "Hives", Severity = AllergySeverity.Mild, NotedOn = start });
            if (w.F.Random.Bool(0.05f)) allergies.Add(new Allergy { ParticipantId = p.Id, Substance = "Peanuts", Kind = AllergyKind.Food, Reaction = "Throat swelling", Severity = AllergySeverity.Severe, NotedOn = start });
            w.Db.Set<Allergy>().AddRange(allergies);
            Acknowledge(w, meds, allergies, prescriber ?? w.ClinicianOf(p), start);

            if (p.Status != ParticipantStatus.Admitted || w.F.Random.Bool())
                w.Db.Set<MedicationReconciliation>().Add(new MedicationReconciliation
                {
                    ParticipantId = p.Id, Kind = ReconciliationKind.Admission, ReconciledOn = start, ReconciledByStaffId = (prescriber ?? w.ClinicianOf(p)).Id,
                    ReconciledByName = (prescriber ?? w.ClinicianOf(p)).DisplayName, Sources = "Participant's report, pharmacy fill history",
                    NoKnownAllergies = allergies.Count == 0,
                    AllergySummary = allergies.Count == 0 ? "No known allergies" : string.Join("; ", allergies.Select(a => $"{a.Substance} ({a.Reaction}), {a.Severity.ToString().ToLowerInvariant()}")),
                    Items = meds.Where(m => m.IsActiveOn(start)).Select(m => new ReconciledMedication { MedicationId = m.Id, Description = m.Describe(), Decision = ReconciliationDecision.Continue }).ToList(),
                });
            if (w.IsSubstanceUse(p)) DrugTests(w, p, meds);
        }
    }

    /// <summary>
    /// An outside benzodiazepine beside buprenorphine, the warning the catalog's checks raise most on the demo's lists,
    /// accepted by the prescriber with a reason; anything else they raise is left for the list to show.
    /// </summary>
    private static void Acknowledge(DemoWriter w, List<Medication> meds, List<Allergy> allergies, Staff.StaffMember by, DateOnly on)
    {
        foreach (var m in meds.Where(m => m.IsChecked))
        {
            var open = MedicationChecks.Unacknowledged(MedicationChecks.For(DrugCatalog.Shipped, m, meds, allergies, w.Today), meds)
                .Where(x => x.Key.StartsWith("interaction:opioid-benzodiazepine:", StringComparison.Ordinal)).ToList();
            if (open.Count == 0) continue;
            m.Acknowledgments.Add(new MedicationAcknowledgment
            {
                Warnings = open.Select(x => new AcknowledgedWarning { Key = x.Key, Message = x.Message }).ToList(),
                Reason = "Prescribed by an outside psychiatrist for panic disorder; a slow taper is agreed with them, a naloxone kit was given and sedation is reviewed at every visit.",
                ByStaffId = by.Id, ByName = by.DisplayName, At = w.At(on),
            });
        }
    }

    /// <summary>Weekly observed urine tests from admission (the last eight weeks of the stay), results explained by prescriptions where they are.</summary>
    private static void DrugTests(DemoWriter w, Participant p, List<Medication> meds)
    {
        var panel = DrugPanels.Panels[1];
        var staff = w.ClinicianOf(p);
        var dx = p.Diagnoses.Select(d => d.Code).ToList();
        var last = w.LastDay(p);
        var first = p.AdmittedOn!.Value.AddDays(1);
        if (first < last.AddDays(-56)) first = last.AddDays(-56);
        var week = 0;
        for (var day = first; day <= last; day = day.AddDays(7), week++)
        {
            var active = meds.Where(m => m.IsActiveOn(day)).Select(m => m.Name).ToList();
            var results = panel.Codes.Select(code =>
            {
                var prescribedAs = DrugPanels.PrescribedAs(code, active);
                var positive = prescribedAs is not null;
                if (code == "thc" && dx.Contains("F12.20") && week < 2) positive = true;       // still using early on
                if (code == "coc" && dx.Contains("F14.20") && week == 3) positive = true;       // a lapse mid-stay
                if (code == "bup" && prescribedAs is not null && week == 2 && w.F.Random.Bool(0.5f)) positive = false; // missed doses
                return new SubstanceResult { Substance = code, Result = positive ? DrugResult.Positive : DrugResult.Negative, Prescribed = prescribedAs is not null, PrescribedAs = prescribedAs };
            }).ToList();
            var test = new DrugTest
            {
                ParticipantId = p.Id, CollectedOn = day, CollectedAt = new TimeOnly(9, 15), Specimen = Specimen.Urine, Panel = panel.Name, Observed = true,
                Results = results, CollectedByStaffId = staff.Id, CollectedByName = staff.DisplayName,
            };
            w.Db.Set<DrugTest>().Add(test);
            if (dx.Contains("F10.20") && week % 2 == 1)
                w.Db.Set<DrugTest>().Add(new DrugTest
                {
                    ParticipantId = p.Id, CollectedOn = day, Specimen = Specimen.Urine, Panel = "EtG urine (alcohol)", Observed = true, LabConfirmed = true,
                    CollectedByStaffId = staff.Id, CollectedByName = staff.DisplayName,
                    Results = [new SubstanceResult { Substance = "etg", Result = week == 3 ? DrugResult.Positive : DrugResult.Negative }],
                });
            // Only a fresh unexpected result still waits for the clinician's conversation.
            if (test.HasUnexpected && last.DayNumber - day.DayNumber <= 7 && p.Status != ParticipantStatus.Discharged)
                w.Later.Add(() => SaveDrugTest.RaiseFollowUpAsync(w.Db, p, test).GetAwaiter().GetResult());
        }
    }
}
