using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Medications;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>Discharge summaries for most of the demo's discharged participants, with the scores of their stay and their aftercare.</summary>
public static class DemoDischarges
{
    public static void Seed(DemoWriter w)
    {
        var discharged = w.Admitted.Where(p => p.Status == ParticipantStatus.Discharged && p.DischargedOn is not null).ToList();
        var reasons = new[] { DischargeReason.Completed, DischargeReason.SteppedDown, DischargeReason.Completed, DischargeReason.LeftAgainstAdvice, DischargeReason.LostToContact };
        var points = w.Db.InstrumentAdministrations.Local.Where(a => a.Total is not null).ToList();
        for (var i = 0; i < discharged.Count && i < reasons.Length; i++)
        {
            var p = discharged[i];
            var on = p.DischargedOn!.Value;
            var reason = reasons[i];
            var by = w.ClinicianOf(p);
            var plan = w.Plans.GetValueOrDefault(p.Id);
            var meds = w.Db.Set<Medication>().Local.Where(m => m.ParticipantId == p.Id && m.IsActiveOn(on)).ToList();
            var allergies = w.Db.Set<Allergy>().Local.Where(a => a.ParticipantId == p.Id).Select(a => a.Reaction is null ? a.Substance : $"{a.Substance} ({a.Reaction.ToLowerInvariant()})").ToList();
            var rec = new MedicationReconciliation
            {
                ParticipantId = p.Id, Kind = ReconciliationKind.Discharge, ReconciledOn = on, ReconciledByStaffId = by.Id, ReconciledByName = by.DisplayName,
                Sources = "Participant's report and the clinic's medication list", AllergySummary = allergies.Count == 0 ? "No known allergies" : string.Join(", ", allergies),
                Items = meds.Select(m => new ReconciledMedication { MedicationId = m.Id, Description = m.Describe(), Decision = ReconciliationDecision.Continue, Comment = "Outpatient prescriber to continue" }).ToList(),
            };
            w.Db.Set<MedicationReconciliation>().Add(rec);
            var left = DischargeReasons.IsDropOut(reason);
            w.Db.Set<ParticipantDischarge>().Add(new ParticipantDischarge
            {
                ParticipantId = p.Id, DischargedOn = on, Reason = reason, NextLevelOfCare = left ? null : LevelOfCare.Outpatient,
                ReasonDetail = reason switch
                {
                    DischargeReason.LeftAgainstAdvice => "Stopped attending after a new job started; two outreach calls and a letter; declined to return against the team's advice but accepted the aftercare list.",
                    DischargeReason.LostToContact => "Stopped attending without notice; three calls over two weeks, a text and a letter went unanswered and the phone number is no longer in service.",
                    _ => null,
                },
                CourseOfTreatment = left
                    ? $"{p.FirstName} attended regularly for five weeks and made early gains in mood and sleep, then attendance dropped when work hours changed."
                    : $"{p.FirstName} attended {w.F.Random.Int(85, 97)}% of scheduled sessions, practised skills between sessions and completed a safety plan. Symptoms eased steadily; ready for weekly outpatient care.",
                Goals = plan?.Goals.Select(g => new GoalOutcome
                {
                    GoalId = g.Id, OwnWords = g.OwnWords, Progress = left ? GoalProgress.Minimal : w.F.PickRandom(GoalProgress.Significant, GoalProgress.Achieved),
                    Comment = left ? "Work on this in outpatient care." : null,
                }).ToList() ?? [],
                Scores = DischargeScores.Compare(points.Where(a => a.ParticipantId == p.Id)
                    .Select(a => new ScorePoint(a.InstrumentCode, a.Total!.Value, DateOnly.FromDateTime(a.AdministeredAt.UtcDateTime))), p.AdmittedOn!.Value, on, w.Db.ReliableChangeThresholds),
                Appointments = left ? [] :
                [
                    new AftercareAppointment { With = "Riverbend Counseling Collective (weekly therapy)", On = on.AddDays(6), Time = "4:00 pm", Where = "1525 River Road, Portland", Phone = "(503) 555-0128" },
                    new AftercareAppointment { With = "Medication follow-up, Riverbend Counseling Collective", On = on.AddDays(13), Time = "10:30 am", Where = "1525 River Road, Portland", Phone = "(503) 555-0128" },
                ],
                CommunitySupports = ["Open Door Recovery Community Center: peer support and meetings", "Morning Light Peer Support Warmline, (503) 555-0187"],
                AlumniGroup = !left, AlumniDetails = left ? null : "Cedar Grove alumni group, first Thursday of the month, 6:00 pm",
                CrisisPlan = "Use your safety plan; call the clinic during opening hours, or 988 any time.",
                MedicationReconciliationId = rec.Id, IsFinal = true, WrittenByStaffId = by.Id, WrittenByName = by.DisplayName,
                FinalizedAt = w.At(on, 16), FinalizedByStaffId = by.Id, FinalizedByName = by.DisplayName,
            });
        }
    }
}
