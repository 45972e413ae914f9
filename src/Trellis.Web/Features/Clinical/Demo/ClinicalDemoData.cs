using Bogus;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;
using Trellis.Web.Features.Staff;

namespace Trellis.Web.Features.Clinical.Demo;

/// <summary>
/// The demo clinic's clinical record: treatment plans with reviews, group and individual notes,
/// safety and relapse prevention plans, medications, drug tests, case management and discharges,
/// all fictional and relative to today. Runs after the features that make sessions and attendance:
/// it adds its own only when none exist, and otherwise documents the sessions they made.
/// </summary>
public sealed class ClinicalDemoData : IDemoData
{
    public int Order => 300;

    public async Task SeedAsync(DemoContext demo, CancellationToken ct)
    {
        var w = new DemoWriter(demo);
        DemoLibrary.Seed(w);
        await w.Db.SaveChangesAsync(ct);
        await DemoScores.SeedAsync(w, ct);
        DemoTreatmentPlans.Seed(w);
        await w.Db.SaveChangesAsync(ct);
        await DemoGroupNotes.SeedAsync(w, ct);
        DemoNotes.Seed(w);
        DemoRecoveryPlans.Seed(w);
        DemoMedications.Seed(w);
        await w.Db.SaveChangesAsync(ct);
        w.SignLater();
        await w.Db.SaveChangesAsync(ct);
        DemoCaseManagement.Seed(w);
        DemoDischarges.Seed(w);
        await w.Db.SaveChangesAsync(ct);
    }
}

/// <summary>What the demo's clinical parts share: the context, a random source of their own, and who does what.</summary>
public sealed class DemoWriter(DemoContext demo)
{
    public DemoContext Demo { get; } = demo;
    public TrellisDbContext Db => Demo.Db;
    /// <summary>Seeded apart from the clinic's Faker, so other features' demo data cannot shift this one.</summary>
    public Faker F { get; } = new("en") { Random = new Randomizer(DemoSeeder.Seed + 5) };
    public DateOnly Today => Demo.Today;
    public DateTimeOffset Now => Db.Now;

    /// <summary>Participants who were ever admitted, with what the demo gave them.</summary>
    public List<Participant> Admitted => Demo.Participants.Where(p => p.AdmittedOn is not null).ToList();
    public List<Participant> InCare => Admitted.Where(p => p.Status is ParticipantStatus.Admitted or ParticipantStatus.Active or ParticipantStatus.OnHold).ToList();

    /// <summary>Plans made by the demo, by participant: later parts link notes and discharges to their goals.</summary>
    public Dictionary<Guid, TreatmentPlans.TreatmentPlan> Plans { get; } = [];

    /// <summary>Signatures applied after the drafts are saved, as the app does (goal links of a signed note are locked).</summary>
    public List<Action> Later { get; } = [];

    public void SignLater()
    {
        foreach (var sign in Later) sign();
        Later.Clear();
    }

    public TreatmentProgram ProgramOf(Participant p) => p.ProgramId == Demo.MentalHealth.Id ? Demo.MentalHealth : Demo.SubstanceUse;
    public bool IsSubstanceUse(Participant p) => p.ProgramId == Demo.SubstanceUse.Id;

    public StaffMember StaffById(Guid? id) => Demo.Staff.First(s => s.Id == id);

    /// <summary>The participant's clinician, or the program's first clinician.</summary>
    public StaffMember ClinicianOf(Participant p) =>
        p.PrimaryClinicianId is { } id ? StaffById(id) : Demo.StaffOf(ProgramOf(p), Roles.Clinician).First();

    public StaffMember? PrescriberOf(Participant p) =>
        p.PrescriberId is { } id ? StaffById(id) : Demo.StaffOf(ProgramOf(p), Roles.Prescriber).FirstOrDefault();

    public StaffMember CaseManagerOf(Participant p) =>
        p.CaseManagerId is { } id ? StaffById(id) : Demo.StaffOf(ProgramOf(p), Roles.CaseManager).First();

    public string Primary(Participant p) => p.Diagnoses.FirstOrDefault(d => d.IsPrimary)?.Code ?? "F33.1";

    /// <summary>A moment on a day, in the middle of the clinic's working hours (UTC, Pacific time + 8).</summary>
    public DateTimeOffset At(DateOnly day, int hour = 11, int minute = 0) =>
        new(day.ToDateTime(new TimeOnly(Math.Clamp(hour + 8, 0, 23), minute)), TimeSpan.Zero);

    /// <summary>The last day the participant was in care: discharge date, or today.</summary>
    public DateOnly LastDay(Participant p) => p.DischargedOn is { } d && d < Today ? d : Today;

    public bool Female(Participant p) => p.Pronouns == "she/her";
    public string They(Participant p) => p.Pronouns switch { "she/her" => "she", "he/him" => "he", _ => "they" };
    public string Them(Participant p) => p.Pronouns switch { "she/her" => "her", "he/him" => "him", _ => "them" };
    public string Their(Participant p) => p.Pronouns switch { "she/her" => "her", "he/him" => "his", _ => "their" };
}
