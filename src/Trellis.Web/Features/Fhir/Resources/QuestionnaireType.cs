using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Instruments;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// Questionnaire: the instruments Trellis scores (PHQ-9, GAD-7, AUDIT-C, DAST-10, C-SSRS screener, PCL-5),
/// built from their definitions: id = the instrument's code, LOINC panel and item codes, the answer options
/// (LOINC answer codes where published), skip logic as enableWhen. Definitions, not records: not audited.
/// </summary>
public sealed class QuestionnaireType : IFhirType
{
    public string Name => "Questionnaire";
    public string Permission => Permissions.Anyone;
    public string Documentation => "The screening instruments Trellis gives and scores; id is the instrument code (phq-9, gad-7…).";
    public IReadOnlyList<FhirSearchParam> SearchParams { get; } =
    [
        new("_id", SearchParamType.Token, "The instrument code (phq-9, gad-7, audit-c, dast-10, c-ssrs-screener, pcl-5)."),
        new("code", SearchParamType.Token, "LOINC of the instrument's panel (http://loinc.org|44249-1)."),
    ];
    public IReadOnlyList<FhirInclude> Includes => [];
    public bool Versioned => false;
    public bool InPatientCompartment => false;

    /// <summary>$export at system level: the definitions, unless _since asks for changes (a definition carries no lastUpdated).</summary>
    public async IAsyncEnumerable<IReadOnlyList<FhirEntry>> ExportAsync(FhirContext fx, FhirExportSelection selection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await Task.CompletedTask;
        if (selection.Compartment || selection.Patients is not null || selection.Since is not null) yield break;
        yield return [.. InstrumentCatalog.All.Select(d => Entry(d, fx))];
    }

    public Task<FhirEntry?> ReadAsync(FhirContext fx, string id, CancellationToken ct) =>
        Task.FromResult(InstrumentCatalog.All.FirstOrDefault(d => d.Code == id) is { } d ? Entry(d, fx) : null);

    public Task<IReadOnlyList<FhirEntry>> ReadManyAsync(FhirContext fx, IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<FhirEntry>>([]);

    public Task<Result<FhirSearchPage>> SearchAsync(FhirContext fx, FhirSearch search, CancellationToken ct)
    {
        IEnumerable<InstrumentDefinition> found = InstrumentCatalog.All;
        foreach (var (name, value) in search.Filters)
        {
            var values = value.Split(',');
            found = name == "_id"
                ? found.Where(d => values.Contains(d.Code))
                : found.Where(d => values.Select(FhirSearchValues.Token).Any(t => t.Code == d.PanelLoinc && (t.System is null or "" || t.System == ObservationType.Loinc)));
        }
        var all = found.ToList();
        var page = search.SummaryCount ? [] : all.Skip(search.Offset).Take(search.Count).Select(d => Entry(d, fx)).ToList();
        return Task.FromResult<Result<FhirSearchPage>>(new FhirSearchPage(page, all.Count));
    }

    private static FhirEntry Entry(InstrumentDefinition d, FhirContext fx) => new(Map(d, fx.BaseUrl), null, Guid.Empty, null);

    private static Questionnaire Map(InstrumentDefinition d, string baseUrl)
    {
        var questionnaire = new Questionnaire
        {
            Id = d.Code,
            Url = InstrumentAnswers.QuestionnaireUrl(baseUrl, d.Code),
            Name = new string(d.Name.Where(char.IsLetterOrDigit).ToArray()),
            Title = d.Title,
            Status = PublicationStatus.Active,
            SubjectType = [ResourceType.Patient],
            Description = $"{d.Measures}. {d.Scoring} Source: {d.Source}",
            Code = d.PanelLoinc is null ? [] : [new Coding(ObservationType.Loinc, d.PanelLoinc, d.Title)],
        };
        foreach (var item in d.Items)
        {
            var question = new Questionnaire.ItemComponent
            {
                LinkId = item.Number.ToString(CultureInfo.InvariantCulture),
                Text = item.Text,
                Type = item.Kind == AnswerKind.YesNo ? Questionnaire.QuestionnaireItemType.Boolean : Questionnaire.QuestionnaireItemType.Choice,
                Required = item.Required && item.EnableWhen is null,
                Code = item.Loinc is null ? [] : [new Coding(ObservationType.Loinc, item.Loinc)],
            };
            if (item.Kind == AnswerKind.Number)
                question.AnswerOption = [.. item.Options.Select(o => new Questionnaire.AnswerOptionComponent { Value = AnswerValue(item, o, o.Value.GetInt32(), null) })];
            if (item.EnableWhen is { } when)
                question.EnableWhen = [new Questionnaire.EnableWhenComponent
                {
                    Question = when.Item.ToString(CultureInfo.InvariantCulture),
                    Operator = Questionnaire.QuestionnaireItemOperator.Equal,
                    Answer = new FhirBoolean(when.Answer),
                }];
            questionnaire.Item.Add(question);
        }
        return questionnaire;
    }

    /// <summary>An answer as FHIR carries it: yes/no as a boolean, a choice as its LOINC answer code where published, else its number.</summary>
    public static DataType AnswerValue(InstrumentItem item, AnswerOption? option, int? number, bool? yesNo) =>
        item.Kind == AnswerKind.YesNo ? new FhirBoolean(yesNo ?? option?.IsYes)
        : option?.Loinc is { } la ? new Coding(ObservationType.Loinc, la, option.Label)
        : new Integer(number ?? (option?.Value.ValueKind == JsonValueKind.Number ? option.Value.GetInt32() : null));
}
