using System.Linq.Expressions;
using Expression = System.Linq.Expressions.Expression;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Instruments;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// Observation: an instrument's score (category survey), coded with the instrument's LOINC total code
/// (PHQ-9 44261-6, GAD-7 70274-6…), the item answers as components where the item has a LOINC code, and
/// derived from the QuestionnaireResponse of the same id.
/// </summary>
public sealed class ObservationType : FhirEntityType<InstrumentAdministration>
{
    public const string Loinc = "http://loinc.org";
    public const string Category = "http://terminology.hl7.org/CodeSystem/observation-category";

    public override string Name => "Observation";
    public override string Permission => Permissions.ReadOwnPlans;
    public override string Documentation => "Screening instrument scores (category survey, LOINC), with item answers as components.";
    protected override Expression<Func<InstrumentAdministration, Guid>> PatientKey => a => a.ParticipantId;

    protected override IReadOnlyList<FhirSearchParam> OwnParams =>
    [
        new("code", SearchParamType.Token, "LOINC of the instrument's total or panel (http://loinc.org|44261-6)."),
        new("category", SearchParamType.Token, "survey (every Observation here is one)."),
        new("date", SearchParamType.Date, "When the instrument was given."),
    ];

    protected override IQueryable<InstrumentAdministration> Source(TrellisDbContext db) => db.InstrumentAdministrations.Include(a => a.Participant);
    protected override Guid? ParticipantOf(InstrumentAdministration a) => a.ParticipantId;
    protected override Guid? ProgramOf(InstrumentAdministration a) => a.Participant?.ProgramId;

    protected override Refusal? Filter(ref IQueryable<InstrumentAdministration> query, string name, string value)
    {
        switch (name)
        {
            case "code":
                var tokens = value.Split(',').Select(FhirSearchValues.Token).Where(t => t.System is null or "" || t.System == Loinc).Select(t => t.Code).ToList();
                var instruments = InstrumentCatalog.All.Where(d => tokens.Contains(d.TotalLoinc ?? "") || tokens.Contains(d.PanelLoinc ?? "")).Select(d => d.Code);
                return WhereIn(ref query, a => a.InstrumentCode, instruments);
            case "category":
                var surveys = value.Split(',').Select(FhirSearchValues.Token).Any(t => t.Code == "survey" && (t.System is null or "" || t.System == Category));
                if (!surveys) query = query.Where(_ => false);
                return null;
            case "date":
                return FhirSearchValues.WhereDate(ref query, a => a.AdministeredAt, name, value);
        }
        return null;
    }

    protected override Resource Map(InstrumentAdministration a, FhirContext fx)
    {
        var definition = InstrumentCatalog.Get(a.InstrumentCode);
        var code = definition?.TotalLoinc ?? definition?.PanelLoinc;
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(Category, "survey", "Survey")],
            Code = code is null
                ? new CodeableConcept { Text = definition?.Name ?? a.InstrumentCode }
                : new CodeableConcept(Loinc, code, definition!.TotalLoinc is null ? definition.Title : $"{definition.Name} total score") { Text = definition.Name },
            Subject = PatientReference(a.ParticipantId),
            Effective = new FhirDateTime(a.AdministeredAt),
            DerivedFrom = [new ResourceReference($"QuestionnaireResponse/{a.Id}")],
        };
        if (a.Total is { } total) observation.Value = new Quantity { Value = total, Unit = "{score}", System = "http://unitsofmeasure.org", Code = "{score}" };
        else if (a.Risk is { } risk) observation.Value = new CodeableConcept { Text = risk };
        else if (a.Positive is { } positive) observation.Value = new FhirBoolean(positive);
        else observation.DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed");
        if (a.Band is { } band) observation.Interpretation = [new CodeableConcept { Text = ScoreBand.WordsOf(band) }];
        if (definition is null) return observation;
        foreach (var answer in InstrumentAnswers.Read(definition, a).Where(x => x.Item.Loinc is not null))
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = new CodeableConcept(Loinc, answer.Item.Loinc, null) { Text = answer.Item.Text },
                Value = answer.YesNo is { } yes ? new FhirBoolean(yes)
                    : answer.Option?.Loinc is { } la ? new CodeableConcept(Loinc, la, answer.Option.Label) { Text = answer.Option.Label }
                    : new Integer(answer.Number),
            });
        return observation;
    }
}
