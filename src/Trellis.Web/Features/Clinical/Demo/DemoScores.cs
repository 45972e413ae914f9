using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>
/// Instruments repeated every two weeks from admission, scored by the real scorer, for the measurable
/// goals and the discharge summaries. Only for participants who have none yet, so a measurement
/// feature's own demo data is not doubled.
/// </summary>
public static class DemoScores
{
    public static async Task SeedAsync(DemoWriter w, CancellationToken ct)
    {
        var have = await w.Db.InstrumentAdministrations.Select(a => a.ParticipantId).Distinct().ToListAsync(ct);
        foreach (var p in w.Admitted.Where(p => !have.Contains(p.Id)))
        {
            var worsening = w.F.Random.Bool(0.12f);
            foreach (var (code, start, step) in Schedule(w, p))
            {
                var day = p.AdmittedOn!.Value.AddDays(-2);
                var score = start;
                while (day <= w.LastDay(p))
                {
                    Add(w, p, code, Math.Max(0, score), day);
                    day = day.AddDays(14);
                    score += worsening ? w.F.Random.Int(0, 2) : -step + w.F.Random.Int(-1, 1);
                }
            }
        }
    }

    /// <summary>Which instruments, a starting score and the usual fortnightly improvement, by the participant's diagnoses.</summary>
    private static IEnumerable<(string Code, int Start, int Step)> Schedule(DemoWriter w, Participant p)
    {
        var codes = p.Diagnoses.Select(d => d.Code).ToList();
        yield return ("phq-9", w.F.Random.Int(13, 21), w.F.Random.Int(2, 4));
        if (!w.IsSubstanceUse(p) || codes.Any(c => c.StartsWith("F41"))) yield return ("gad-7", w.F.Random.Int(10, 17), w.F.Random.Int(1, 3));
        if (codes.Any(c => c.StartsWith("F43"))) yield return ("pcl-5", w.F.Random.Int(38, 56), w.F.Random.Int(4, 8));
        if (w.IsSubstanceUse(p)) yield return ("dast-10", w.F.Random.Int(5, 8), 1);
        if (codes.Contains("F10.20")) yield return ("audit-c", w.F.Random.Int(7, 10), 2);
    }

    private static void Add(DemoWriter w, Participant p, string code, int target, DateOnly day)
    {
        var definition = InstrumentCatalog.Get(code)!;
        var answers = Answers(w, definition, target);
        var sex = w.Female(p) ? "female" : "male";
        var outcome = InstrumentScorer.Score(definition, answers, sex);
        if (!outcome.IsValid) return;
        var r = outcome.Result;
        w.Db.InstrumentAdministrations.Add(new InstrumentAdministration
        {
            ParticipantId = p.Id, InstrumentCode = definition.Code, AnswersJson = JsonSerializer.Serialize(answers), Sex = code == "audit-c" ? sex : null,
            Total = r.Total, Band = r.Band, Risk = r.Risk, Positive = r.Positive, Flags = [.. r.Flags],
            Difficulty = Difficulty(code, r.Total),
            AdministeredAt = w.At(day, 9, 30), AdministeredByStaffId = w.ClinicianOf(p).Id, Source = "chart",
        });
    }

    /// <summary>PHQ-9's difficulty question is asked only when some problem was checked; harder as the total rises.</summary>
    internal static int? Difficulty(string code, int? total) => code == Phq9.Code && total > 0 ? Math.Min(3, total.Value / 6) : null;

    /// <summary>Answers that add up to about <paramref name="target"/>; PHQ-9 item 9 stays at 0 (a risk flag is the risk feature's demo).</summary>
    private static List<JsonElement> Answers(DemoWriter w, InstrumentDefinition d, int target)
    {
        var items = d.ScoredItems;
        if (items.All(i => i.Kind == AnswerKind.YesNo))
        {
            // DAST-10: one point per risky answer; item 3 ("always able to stop") is risky when No.
            var risky = w.F.Random.Shuffle(Enumerable.Range(1, items.Count)).Take(Math.Clamp(target, 0, items.Count)).ToHashSet();
            return items.Select(i => JsonSerializer.SerializeToElement(i.Number == 3 ? !risky.Contains(3) : risky.Contains(i.Number))).ToList();
        }
        var values = new int[items.Count];
        var max = items.Select(i => i.MaxValue ?? 0).ToArray();
        var open = Enumerable.Range(0, items.Count).Where(i => !(d.Code == "phq-9" && items[i].Number == 9)).ToList();
        for (var left = Math.Min(target, open.Sum(i => max[i])); left > 0;)
        {
            var i = w.F.PickRandom(open);
            if (values[i] >= max[i]) continue;
            values[i]++;
            left--;
        }
        return values.Select(v => JsonSerializer.SerializeToElement(v)).ToList();
    }
}
