using System.Linq.Expressions;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Discharge;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Portal.Documents;
using Expression = System.Linq.Expressions.Expression;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir.Resources;

/// <summary>
/// DocumentReference: signed notes (clinical staff only), final discharge summaries (the participant reads theirs),
/// and the documents a participant signed in the portal, each with its text as a text/plain attachment; a portal
/// document's signed PDF, where Chromium printed one, is a second attachment at its /api address. Drafts are not
/// documents yet and are never served.
/// </summary>
public sealed class DocumentReferenceType : FhirUnionType
{
    public const string Loinc = "http://loinc.org";
    public const string ProgressNote = "11506-3", DischargeSummary = "18842-5", PatientConsent = "59284-0";

    public override string Name => "DocumentReference";
    public override string Permission => Permissions.Anyone;
    public override string Documentation => $"Signed notes (clinical staff; LOINC {ProgressNote}), final discharge summaries ({DischargeSummary}) and documents signed in the portal ({PatientConsent}, with the signed PDF), as attachments.";
    protected override IReadOnlyList<IFhirType> Parts { get; } = [new Notes(), new Discharges(), new PortalDocuments()];

    private static readonly FhirSearchParam[] Params =
    [
        new("date", SearchParamType.Date, "When it was signed (a discharge: finalised)."),
        new("type", SearchParamType.Token, $"{Loinc}|{ProgressNote} (notes), {DischargeSummary} (discharge summaries) or {PatientConsent} (signed portal documents)."),
    ];

    private static bool TypeIs(string value, string code) =>
        value.Split(',').Select(FhirSearchValues.Token).Any(t => t.Code == code && (t.System is null or "" || t.System == Loinc));

    private static Attachment Text(string title, string text, DateTimeOffset created) => new()
    {
        ContentType = "text/plain; charset=utf-8",
        Language = "en-US",
        Title = title,
        Data = Encoding.UTF8.GetBytes(text),
        Creation = new FhirDateTime(created).Value,
    };

    private static DocumentReference Document(string code, string display, string title, Guid participantId, DateTimeOffset date, ResourceReference? author, string text) => new()
    {
        Status = DocumentReferenceStatus.Current,
        DocStatus = CompositionStatus.Final,
        Type = new CodeableConcept(Loinc, code, display) { Text = title },
        Subject = new ResourceReference($"Patient/{participantId}"),
        Date = date,
        Author = author is null ? [] : [author],
        Description = title,
        Content = [new DocumentReference.ContentComponent { Attachment = Text(title, text, date) }],
    };

    private sealed class Notes : FhirEntityType<ClinicalNote>
    {
        public override string Name => "DocumentReference";
        public override string Permission => Permissions.ReadClinical;
        public override string Documentation => "";
        protected override Expression<Func<ClinicalNote, Guid>> PatientKey => n => n.ParticipantId;
        protected override IReadOnlyList<FhirSearchParam> OwnParams => Params;

        protected override IQueryable<ClinicalNote> Source(TrellisDbContext db) => db.Set<ClinicalNote>().Include(n => n.Participant).Where(n => n.Status != NoteStatus.Draft && n.SignedAt != null);
        protected override Guid? ParticipantOf(ClinicalNote n) => n.ParticipantId;
        protected override Guid? ProgramOf(ClinicalNote n) => n.Participant?.ProgramId;

        protected override Refusal? Filter(ref IQueryable<ClinicalNote> query, string name, string value)
        {
            if (name == "type" && !TypeIs(value, ProgressNote)) query = query.Where(_ => false);
            return name == "date" ? FhirSearchValues.WhereDate(ref query, n => n.SignedAt!.Value, name, value) : null;
        }

        protected override Resource Map(ClinicalNote n, FhirContext fx)
        {
            var format = NoteFormats.Get(n.Format);
            var title = $"{NoteFormats.KindLabel(n.Kind)} note ({format.Name}), {n.ServiceDate:yyyy-MM-dd}";
            var text = new StringBuilder($"{title}\n");
            if (NoteModality.Line(n) is { } modality) text.Append($"{modality}\n");
            foreach (var section in format.Sections.Where(s => !string.IsNullOrWhiteSpace(n.Section(s.Key))))
                text.Append($"\n{section.Label}:\n{n.Section(section.Key)}\n");
            text.Append($"\nSigned by {n.SignedByName} on {n.SignedAt:yyyy-MM-dd HH:mm} UTC");
            if (n.CosignedAt is { } cosigned) text.Append($"; co-signed by {n.CosignedByName} on {cosigned:yyyy-MM-dd HH:mm} UTC");
            var document = Document(ProgressNote, "Progress note", title, n.ParticipantId, n.SignedAt!.Value,
                n.AuthorStaffId is { } author ? new ResourceReference($"Practitioner/{author}", n.AuthorName) : null, text.ToString());
            if (n.SignedByStaffId is { } signer) document.Authenticator = new ResourceReference($"Practitioner/{signer}", n.SignedByName);
            if (n.Status == NoteStatus.AwaitingCosignature) document.DocStatus = CompositionStatus.Preliminary;
            document.Context = new DocumentReference.ContextComponent { Period = new Period { Start = n.ServiceDate.ToString("yyyy-MM-dd"), End = n.ServiceDate.ToString("yyyy-MM-dd") } };
            return document;
        }
    }

    private sealed class Discharges : FhirEntityType<ParticipantDischarge>
    {
        public override string Name => "DocumentReference";
        public override string Permission => Permissions.ReadOwnPlans;
        public override string Documentation => "";
        protected override Expression<Func<ParticipantDischarge, Guid>> PatientKey => d => d.ParticipantId;
        protected override IReadOnlyList<FhirSearchParam> OwnParams => Params;

        protected override IQueryable<ParticipantDischarge> Source(TrellisDbContext db) => db.Set<ParticipantDischarge>().Include(d => d.Participant).Where(d => d.IsFinal && d.FinalizedAt != null);
        protected override Guid? ParticipantOf(ParticipantDischarge d) => d.ParticipantId;
        protected override Guid? ProgramOf(ParticipantDischarge d) => d.Participant?.ProgramId;

        protected override Refusal? Filter(ref IQueryable<ParticipantDischarge> query, string name, string value)
        {
            if (name == "type" && !TypeIs(value, DischargeSummary)) query = query.Where(_ => false);
            return name == "date" ? FhirSearchValues.WhereDate(ref query, d => d.FinalizedAt!.Value, name, value) : null;
        }

        protected override Resource Map(ParticipantDischarge d, FhirContext fx)
        {
            var title = $"Discharge summary, {d.DischargedOn:yyyy-MM-dd}";
            var text = new StringBuilder($"{title}\n\nReason: {EnumText.Label(d.Reason)}{(string.IsNullOrWhiteSpace(d.ReasonDetail) ? "" : " (" + d.ReasonDetail + ")")}\n");
            if (d.NextLevelOfCare is { } next) text.Append($"Next level of care: {EnumText.Label(next)}\n");
            text.Append($"\nCourse of treatment:\n{d.CourseOfTreatment}\n");
            if (d.Goals.Count > 0)
            {
                text.Append("\nGoals:\n");
                foreach (var g in d.Goals) text.Append($"- {g.OwnWords}: {(g.Progress is { } p ? EnumText.Label(p) : "")}{(string.IsNullOrWhiteSpace(g.Comment) ? "" : ". " + g.Comment)}\n");
            }
            if (d.Scores.Count > 0)
            {
                text.Append("\nScores, admission to discharge:\n");
                foreach (var s in DischargeScores.AsShown(d.Scores))
                    text.Append($"- {s.Name}: {s.AdmissionScore} on {s.AdmissionOn:yyyy-MM-dd}, {(s.DischargeScore is { } end ? $"{end} on {s.DischargeOn:yyyy-MM-dd}" : "no discharge score")}; {s.Outcome}{string.Concat(s.Findings().Select(f => "; " + f.ToLowerInvariant()))}\n");
            }
            if (d.Appointments.Count > 0)
            {
                text.Append("\nAftercare appointments:\n");
                foreach (var a in d.Appointments) text.Append($"- {a.With}, {a.On:yyyy-MM-dd} {a.Time} {a.Where} {a.Phone}".TrimEnd() + "\n");
            }
            if (d.CommunitySupports.Count > 0) text.Append($"\nCommunity supports: {string.Join(", ", d.CommunitySupports)}\n");
            if (d.AlumniGroup) text.Append($"\nAlumni group: {d.AlumniDetails}\n");
            if (!string.IsNullOrWhiteSpace(d.CrisisPlan)) text.Append($"\nIn a crisis:\n{d.CrisisPlan}\n");
            text.Append($"\nFinalised by {d.FinalizedByName} on {d.FinalizedAt:yyyy-MM-dd HH:mm} UTC");
            var document = Document(DischargeSummary, "Discharge summary", title, d.ParticipantId, d.FinalizedAt!.Value,
                d.WrittenByStaffId is { } author ? new ResourceReference($"Practitioner/{author}", d.WrittenByName) : null, text.ToString());
            if (d.FinalizedByStaffId is { } signer) document.Authenticator = new ResourceReference($"Practitioner/{signer}", d.FinalizedByName);
            return document;
        }
    }

    private sealed class PortalDocuments : FhirEntityType<SignedDocument>
    {
        public override string Name => "DocumentReference";
        public override string Permission => Permissions.Anyone;
        public override string Documentation => "";
        protected override Expression<Func<SignedDocument, Guid>> PatientKey => d => d.ParticipantId;
        protected override IReadOnlyList<FhirSearchParam> OwnParams => Params;

        protected override IQueryable<SignedDocument> Source(TrellisDbContext db) => db.Set<SignedDocument>().Include(d => d.Participant);
        protected override Guid? ParticipantOf(SignedDocument d) => d.ParticipantId;
        protected override Guid? ProgramOf(SignedDocument d) => d.Participant?.ProgramId;

        protected override Refusal? Filter(ref IQueryable<SignedDocument> query, string name, string value)
        {
            if (name == "type" && !TypeIs(value, PatientConsent)) query = query.Where(_ => false);
            return name == "date" ? FhirSearchValues.WhereDate(ref query, d => d.SignedAt, name, value) : null;
        }

        protected override Resource Map(SignedDocument d, FhirContext fx)
        {
            var text = $"{d.Text}\n\nSigned in the portal as \"{d.TypedName}\" on {d.SignedAt:yyyy-MM-dd HH:mm} UTC (text SHA-256 {d.TextSha256}).";
            var document = Document(PatientConsent, "Patient Consent", d.Title, d.ParticipantId, d.SignedAt, new ResourceReference($"Patient/{d.ParticipantId}"), text);
            document.Identifier = [new Identifier("urn:trellis:portal-document", $"{d.TemplateKey}/{d.TemplateVersion}")];
            if (d.Pdf is { Length: > 0 } pdf)
                document.Content.Add(new DocumentReference.ContentComponent
                {
                    Attachment = new Attachment
                    {
                        ContentType = "application/pdf",
                        Title = d.Title,
                        Url = $"{fx.BaseUrl[..^"/fhir".Length]}/api/participants/{d.ParticipantId}/documents/{d.Id}/pdf",
                        SizeUnsignedInt = pdf.Length,
                        Creation = new FhirDateTime(d.SignedAt).Value,
                    },
                });
            return document;
        }
    }
}
