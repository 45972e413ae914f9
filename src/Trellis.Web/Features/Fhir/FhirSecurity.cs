using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Trellis.Web.Features.Disclosures;

namespace Trellis.Web.Features.Fhir;

/// <summary>
/// 42 CFR Part 2 segmentation labels. A record of a participant of a Part 2 program carries the policy
/// label 42CFRPart2 and confidentiality R (restricted), so a recipient's system can keep it apart. Who sees
/// such a record at all is decided before this: by the context's scope filters, as on every page (for an outside
/// recipient, only under the participant's Part 2 consent: Features/Disclosures). What goes to an outside recipient
/// also carries the refrain label NORDSCLCD and the § 2.32 notice (<see cref="MarkDisclosed"/>).
/// </summary>
public static class FhirSecurity
{
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string Confidentiality = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    public const string Part2 = "42CFRPart2";
    /// <summary>HL7 refrain policy: no redisclosure without the patient's consent directive.</summary>
    public const string NoRedisclosure = "NORDSCLCD";
    /// <summary>The extension (on meta) carrying the § 2.32 notice, in the words of <see cref="RedisclosureNotice.Text"/>.</summary>
    public const string NoticeExtension = "https://trellis.example.org/fhir/StructureDefinition/part2-redisclosure-notice";

    public static void LabelPart2(Resource resource)
    {
        resource.Meta ??= new Meta();
        resource.Meta.Security.Add(new Coding(ActCode, Part2, "42 CFR Part 2 (substance use disorder records)"));
        resource.Meta.Security.Add(new Coding(Confidentiality, "R", "restricted"));
    }

    /// <summary>A Part 2 resource disclosed to an outside recipient: the refrain label and the redisclosure notice travel with it.</summary>
    public static void MarkDisclosed(Resource resource)
    {
        resource.Meta ??= new Meta();
        resource.Meta.Security.Add(new Coding(ActCode, NoRedisclosure, "no redisclosure without consent directive"));
        resource.Meta.Extension.Add(new Extension(NoticeExtension, new FhirString(RedisclosureNotice.Text)));
    }

    public static bool IsPart2(Resource resource) => resource.Meta?.Security.Any(c => c.System == ActCode && c.Code == Part2) == true;

    /// <summary>The notice as a search Bundle carries it: an OperationOutcome entry (search mode "outcome").</summary>
    public static OperationOutcome Notice() => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Information, Code = OperationOutcome.IssueType.Informational,
                Details = new CodeableConcept(ActCode, NoRedisclosure, "no redisclosure without consent directive"),
                Diagnostics = RedisclosureNotice.Text,
            },
        ],
    };
}
