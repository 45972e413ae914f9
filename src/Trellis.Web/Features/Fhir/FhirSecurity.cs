using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Web.Features.Fhir;

/// <summary>
/// 42 CFR Part 2 segmentation labels. A record of a participant of a Part 2 program carries the policy
/// label 42CFRPart2 and confidentiality R (restricted), so a recipient's system can keep it apart. Who sees
/// such a record at all is decided before this: by the context's scope filters, as on every page.
/// </summary>
public static class FhirSecurity
{
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    public const string Confidentiality = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    public const string Part2 = "42CFRPart2";

    public static void LabelPart2(Resource resource)
    {
        resource.Meta ??= new Meta();
        resource.Meta.Security.Add(new Coding(ActCode, Part2, "42 CFR Part 2 (substance use disorder records)"));
        resource.Meta.Security.Add(new Coding(Confidentiality, "R", "restricted"));
    }

    public static bool IsPart2(Resource resource) => resource.Meta?.Security.Any(c => c.System == ActCode && c.Code == Part2) == true;
}
