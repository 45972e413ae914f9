using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Organization;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// HealthcareService: a program of the clinic, with its level of care and population, and its tracks' days and
/// hours as available times. Programs are read through the scope (a participant: their own program).
/// </summary>
public sealed class HealthcareServiceType : FhirEntityType<TreatmentProgram>
{
    public override string Name => "HealthcareService";
    public override string Permission => Permissions.ReadDirectory;
    public override string Documentation => "The programs of the caller's care team (a participant: their own), with the tracks' days and hours as available times.";

    protected override IReadOnlyList<FhirSearchParam> OwnParams =>
    [
        new("name", SearchParamType.String, "Starts the program's name."),
        new("active", SearchParamType.Token, "true (admitting) or false."),
    ];

    protected override IQueryable<TreatmentProgram> Source(TrellisDbContext db) => db.Programs.Include(p => p.Tracks);
    protected override Guid? ParticipantOf(TreatmentProgram p) => null;
    protected override Guid? ProgramOf(TreatmentProgram p) => p.Id;

    protected override Refusal? Filter(ref IQueryable<TreatmentProgram> query, string name, string value)
    {
        var start = value.Trim();
        if (name == "name") query = query.Where(p => p.Name.StartsWith(start));
        return name == "active" ? WhereActive(ref query, name, value, p => p.IsActive) : null;
    }

    protected override Resource Map(TreatmentProgram p, FhirContext fx)
    {
        var service = new HealthcareService
        {
            Active = p.IsActive,
            ProvidedBy = new ResourceReference($"Organization/{p.OrganizationId}"),
            Name = p.Name,
            Comment = p.Description,
            Category = [new CodeableConcept { Text = EnumText.Label(p.LevelOfCare) }],
            Type = [new CodeableConcept { Text = $"{EnumText.Label(p.Population)} program, at least {p.MinimumWeeklyHours:0.#} hours a week" }],
        };
        foreach (var track in p.Tracks.Where(t => t.IsActive && t.Weekdays != Weekdays.None).OrderBy(t => t.Name))
            service.AvailableTime.Add(new HealthcareService.AvailableTimeComponent
            {
                DaysOfWeek = [.. track.Weekdays.Days().Select(Day)],
                AvailableStartTime = track.StartTime.ToString("HH:mm:ss"),
                AvailableEndTime = track.EndTime.ToString("HH:mm:ss"),
            });
        return service;
    }

    private static DaysOfWeek? Day(DayOfWeek d) => d switch
    {
        DayOfWeek.Monday => DaysOfWeek.Mon, DayOfWeek.Tuesday => DaysOfWeek.Tue, DayOfWeek.Wednesday => DaysOfWeek.Wed,
        DayOfWeek.Thursday => DaysOfWeek.Thu, DayOfWeek.Friday => DaysOfWeek.Fri, DayOfWeek.Saturday => DaysOfWeek.Sat, _ => DaysOfWeek.Sun,
    };
}
