using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Instruments;
using Trellis.Web.Features.Notifications;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Risk;
using Trellis.Web.Features.Tasks;

namespace Trellis.Web.Features.Admissions.Demo;

/// <summary>
/// Screening instruments given over time: PHQ-9 and GAD-7 every two weeks, AUDIT-C and DAST-10 every
/// four for the substance use program, the C-SSRS at admission. Most people improve, some do not.
/// Everything goes through <see cref="Administrations.RecordAsync"/> in the giver's name, so a positive item 9 raises
/// the flag, notifications and task exactly as in the chart. One flag is open; one was cleared.
/// </summary>
internal sealed class MeasuresDemo(DemoSeed seed)
{
    public async Task SeedAsync(List<Participant> candidates, CancellationToken ct)
    {
        var f = seed.F;
        var treated = seed.Demo.Participants.Where(p => p.AdmittedOn is not null).ToList();
        // The open flag: an active adult mental health participant of the demo clinician, not the demo participant.
        var clinician = seed.Demo.DemoStaff[Auth.Roles.Clinician];
        bool Settled(Participant p) => p.Status == ParticipantStatus.Active && p != seed.Demo.DemoParticipant && p.AdmittedOn <= seed.Today.AddDays(-28);
        var atRisk = treated.FirstOrDefault(p => Settled(p) && p.PrimaryClinicianId == clinician.Id) ?? treated.First(Settled);
        var wasAtRisk = treated.First(p => Settled(p) && p != atRisk);

        foreach (var p in treated)
        {
            var end = p.DischargedOn ?? seed.Today;
            var weeks = Math.Max(0, (end.DayNumber - p.AdmittedOn!.Value.DayNumber) / 14);
            var improving = p == atRisk || f.Random.Bool(0.75f);
            var phq = f.Random.Int(12, 22);
            var gad = f.Random.Int(9, 18);
            var by = seed.ClinicianOf(p);
            for (var i = 0; i <= weeks; i++)
            {
                var day = p.AdmittedOn.Value.AddDays(14 * i);
                if (day > end) break;
                var at = seed.At(day, 10, f.Random.Int(0, 50));
                var step = improving ? -f.Random.Int(2, 4) : f.Random.Int(-1, 2);
                var phqNow = Math.Clamp(phq + step * i, 2, 27);
                var itemNine = p == wasAtRisk && i == 0 ? 1 : 0;
                await Give(p, Phq9.Code, Numbers(Spread(phqNow - itemNine, 8, 3).Append(itemNine)), null, at, by, ct);
                await Give(p, Gad7.Code, Numbers(Spread(Math.Clamp(gad + step * i, 1, 21), 7, 3)), null, at.AddMinutes(6), by, ct);
                if (i == 0) await Give(p, CssrsScreener.Code, Cssrs(itemNine > 0), null, at.AddMinutes(12), by, ct);
                if (seed.Program(p).IsPart2 && i % 2 == 0)
                {
                    var sex = p.Pronouns == "she/her" ? "female" : "male";
                    await Give(p, AuditC.Code, Numbers(Spread(Math.Clamp(f.Random.Int(6, 10) + step * i, 0, 12), 3, 4)), sex, at.AddMinutes(15), by, ct);
                    await Give(p, Dast10.Code, Dast(Math.Clamp(f.Random.Int(4, 8) + step * i, 0, 9)), null, at.AddMinutes(20), by, ct);
                }
            }
        }

        // A bad week: two days ago the at-risk participant answered item 9 above 0, after weeks of improving.
        var recent = seed.Now.AddDays(-2).AddHours(-3);
        await Give(atRisk, Phq9.Code, Numbers(Spread(14, 8, 3).Append(1)), null, recent, seed.ClinicianOf(atRisk), ct);
        await Give(atRisk, Gad7.Code, Numbers(Spread(12, 7, 3)), null, recent.AddMinutes(6), seed.ClinicianOf(atRisk), ct);

        // Candidates in screening have been screened by intake in the last days.
        foreach (var p in candidates.Concat(seed.Demo.Participants.Where(p => p.Status == ParticipantStatus.Screening)).Distinct())
        {
            var at = seed.Now.AddDays(-f.Random.Int(1, 5)).AddHours(-2);
            await Give(p, Phq9.Code, Numbers(Spread(f.Random.Int(10, 20), 8, 3).Append(0)), null, at, seed.Intake, ct);
            await Give(p, Gad7.Code, Numbers(Spread(f.Random.Int(8, 17), 7, 3)), null, at.AddMinutes(5), seed.Intake, ct);
            if (seed.Program(p).IsPart2)
                await Give(p, Dast10.Code, Dast(f.Random.Int(3, 8)), null, at.AddMinutes(10), seed.Intake, ct);
        }
        await seed.Db.SaveChangesAsync(ct);
        await DateFlagsAsync(wasAtRisk, cleared: true, ct);
        await DateFlagsAsync(atRisk, cleared: false, ct);
    }

    private async Task Give(Participant p, string code, JsonElement[] answers, string? sex, DateTimeOffset at, Staff.StaffMember by, CancellationToken ct)
    {
        var (given, refused) = await seed.AsAsync(by, () => Administrations.RecordAsync(seed.Db, p, InstrumentCatalog.Get(code)!, answers, sex, at, ct: ct));
        if (refused is not null) throw new InvalidOperationException($"Demo {code} answers do not score: {refused.Detail}");
        given!.Administration.Difficulty = Clinical.Demo.DemoScores.Difficulty(code, given.Administration.Total);
    }

    /// <summary>
    /// Flags are raised "now" by the recording code; the demo moves them back to when the screen
    /// was given, and clears the older one as a clinician would have after assessing.
    /// </summary>
    private async Task DateFlagsAsync(Participant p, bool cleared, CancellationToken ct)
    {
        var db = seed.Db;
        var flag = await db.Set<RiskFlag>().FirstAsync(x => x.ParticipantId == p.Id, ct);
        var source = await db.InstrumentAdministrations.FirstAsync(a => a.Id == flag.SourceId, ct);
        flag.RaisedAt = source.AdministeredAt;
        var notes = await db.Notifications.Where(n => n.ParticipantId == p.Id && n.Kind == RiskFlags.NotificationKind).ToListAsync(ct);
        foreach (var n in notes) n.CreatedAt = source.AdministeredAt;
        var task = await db.Tasks.FirstAsync(t => t.ParticipantId == p.Id && t.Kind == CareTaskKinds.CompleteSafetyPlan, ct);
        task.DueOn = DateOnly.FromDateTime(source.AdministeredAt.UtcDateTime);
        if (cleared)
        {
            var clinician = seed.ClinicianOf(p);
            flag.ClearedAt = source.AdministeredAt.AddDays(2);
            flag.ClearedByStaffId = clinician.Id;
            flag.ClearedByName = clinician.FullName;
            flag.ClearReason = "Assessed in session with the C-SSRS: passive thoughts only, no intent, plan or behaviour. Safety plan completed with her; partner involved; follow-up PHQ-9 item 9 answered \"Not at all\".";
            foreach (var n in notes) n.ReadAt = flag.ClearedAt;
            CareTasks.Complete(db, task, "Safety plan completed in session.");
            task.CompletedAt = flag.ClearedAt;
        }
        await db.SaveChangesAsync(ct);
    }

    private static int[] Spread(int total, int count, int max)
    {
        var values = new int[count];
        total = Math.Clamp(total, 0, count * max);
        for (var i = 0; total > 0; i = (i + 1) % count)
            if (values[i] < max) { values[i]++; total--; }
        return values;
    }

    private static JsonElement[] Numbers(IEnumerable<int> values) => values.Select(v => JsonSerializer.SerializeToElement(v)).ToArray();

    /// <summary>DAST-10 answers scoring <paramref name="total"/>: item 3 ("always able to stop") scores on No.</summary>
    private static JsonElement[] Dast(int total)
    {
        var yes = new bool[10];
        yes[2] = total == 0; // able to stop: Yes only for someone with no problems at all
        var others = new[] { 0, 4, 1, 5, 8, 6, 3, 9, 7 };
        for (var i = 0; i < Math.Min(total - 1, others.Length); i++) yes[others[i]] = true;
        return yes.Select(b => JsonSerializer.SerializeToElement(b)).ToArray();
    }

    /// <summary>C-SSRS screener answers: passive ideation only (low) for someone who reported item 9, else all No.</summary>
    private static JsonElement[] Cssrs(bool passive) =>
    [
        JsonSerializer.SerializeToElement(passive), JsonSerializer.SerializeToElement(false),
        JsonSerializer.SerializeToElement<bool?>(null), JsonSerializer.SerializeToElement<bool?>(null), JsonSerializer.SerializeToElement<bool?>(null),
        JsonSerializer.SerializeToElement(false), JsonSerializer.SerializeToElement<bool?>(null),
    ];
}
