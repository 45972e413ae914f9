using System.Linq.Expressions;
using Expression = System.Linq.Expressions.Expression;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Instruments;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>QuestionnaireResponse: the answers given to an instrument, item by item (linkId = the item's number on the form).</summary>
public sealed class QuestionnaireResponseType : FhirEntityType<InstrumentAdministration>
{
    public override string Name => "QuestionnaireResponse";
    public override string Permission => Permissions.ReadOwnPlans;
    public override string Documentation => "Answers given to a screening instrument; its score is the Observation of the same id.";
    protected override Expression<Func<InstrumentAdministration, Guid>> PatientKey => a => a.ParticipantId;
    protected override IReadOnlyList<FhirSearchParam> OwnParams => [new("authored", SearchParamType.Date, "When the answers were given.")];

    protected override IQueryable<InstrumentAdministration> Source(TrellisDbContext db) => db.InstrumentAdministrations.Include(a => a.Participant);
    protected override Guid? ParticipantOf(InstrumentAdministration a) => a.ParticipantId;
    protected override Guid? ProgramOf(InstrumentAdministration a) => a.Participant?.ProgramId;

    protected override Refusal? Filter(ref IQueryable<InstrumentAdministration> query, string name, string value) =>
        name == "authored" ? FhirSearchValues.WhereDate(ref query, a => a.AdministeredAt, name, value) : null;

    protected override Resource Map(InstrumentAdministration a, FhirContext fx)
    {
        var response = new QuestionnaireResponse
        {
            Questionnaire = InstrumentAnswers.QuestionnaireUrl(fx.BaseUrl, a.InstrumentCode),
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = PatientReference(a.ParticipantId),
            Authored = new FhirDateTime(a.AdministeredAt).Value,
        };
        if (a.Source == "portal") response.Author = PatientReference(a.ParticipantId);
        if (InstrumentCatalog.Get(a.InstrumentCode) is not { } definition) return response;
        foreach (var answer in InstrumentAnswers.Read(definition, a))
            response.Item.Add(new QuestionnaireResponse.ItemComponent
            {
                LinkId = answer.Item.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Text = answer.Item.Text,
                Answer = [new QuestionnaireResponse.AnswerComponent { Value = QuestionnaireType.AnswerValue(answer.Item, answer.Option, answer.Number, answer.YesNo) }],
            });
        return response;
    }
}
