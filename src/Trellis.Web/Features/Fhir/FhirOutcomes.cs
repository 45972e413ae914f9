using System.Text.Json;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Mvc;

namespace Trellis.Web.Features.Fhir;

/// <summary>Every /fhir error is an OperationOutcome: one issue with a sentence a client developer can act on.</summary>
public static class FhirOutcomes
{
    public static FhirResult Error(int status, OperationOutcome.IssueType type, string message) => new(Outcome(status, type, message), status);

    public static FhirResult NotFound(string type, string id) =>
        Error(404, OperationOutcome.IssueType.NotFound, $"There is no {type} with id '{id}' that you may read.");

    public static FhirResult Invalid(string message) => Error(400, OperationOutcome.IssueType.Invalid, message);

    /// <summary>
    /// An action's refusal: one issue per field at fault, its expression the FHIR path the field comes from where
    /// <paramref name="pathOf"/> knows it; otherwise one issue with the refusal's sentence.
    /// </summary>
    public static FhirResult Refused(Refusal refusal, Func<string, string?> pathOf)
    {
        var outcome = Outcome(refusal.Status, TypeFor(refusal.Status), refusal.Detail);
        if (refusal.Errors is { Count: > 0 } errors)
            outcome.Issue = [.. errors.SelectMany(e => e.Value.Select(message => (Path: pathOf(e.Key), Message: message))).Select(e => new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = TypeFor(refusal.Status),
                Diagnostics = e.Message,
                Expression = e.Path is null ? [] : [e.Path],
            })];
        return new FhirResult(outcome, refusal.Status);
    }

    /// <summary>
    /// A body Firely's strict parser refused: one issue, as every refusal here is, that says each thing the parser
    /// found, with the elements' paths where it knows them (a code outside its value set, such as Patient.gender
    /// "robot", names Patient.gender) as the issue's expressions, so a client can find them as it finds an action's refusals.
    /// </summary>
    public static FhirResult Unreadable(Hl7.Fhir.Serialization.DeserializationFailedException e)
    {
        var found = e.Exceptions.Select(x => x is Hl7.Fhir.Utility.ExtendedCodedException { InstancePath: { Length: > 0 } path } coded
            ? (Path: path, Message: coded.BaseErrorMessage ?? coded.Message) : (Path: (string?)null, Message: x.Message)).ToList();
        if (found.Count == 0) return Invalid($"The body is not a valid FHIR R4 resource: {e.Message}");
        var outcome = Outcome(400, OperationOutcome.IssueType.Invalid,
            "The body is not a valid FHIR R4 resource: " + string.Join("; ", found.Select(i => i.Message + (i.Path is null ? "" : $" (at {i.Path})")).Distinct()));
        outcome.Issue[0].Expression = [.. found.Where(i => i.Path is not null).Select(i => i.Path!).Distinct()];
        return new FhirResult(outcome, 400);
    }

    public static OperationOutcome Outcome(int status, OperationOutcome.IssueType type, string message) => new()
    {
        Issue = [new OperationOutcome.IssueComponent
        {
            Severity = status >= 500 ? OperationOutcome.IssueSeverity.Fatal : OperationOutcome.IssueSeverity.Error,
            Code = type,
            Diagnostics = message,
        }],
    };

    public static OperationOutcome.IssueType TypeFor(int status) => status switch
    {
        401 => OperationOutcome.IssueType.Login,
        403 => OperationOutcome.IssueType.Forbidden,
        404 => OperationOutcome.IssueType.NotFound,
        405 or 406 or 415 => OperationOutcome.IssueType.NotSupported,
        409 or 412 => OperationOutcome.IssueType.Conflict,
        429 => OperationOutcome.IssueType.Throttled,
        >= 500 => OperationOutcome.IssueType.Exception,
        _ => OperationOutcome.IssueType.Invalid,
    };
}

/// <summary>
/// The answers the pipeline writes itself under /fhir (401 from the bearer check, 403 from a policy, 404 for
/// an address nothing serves, 429, an exception) are ProblemDetails everywhere else; here they become an
/// OperationOutcome carrying the same sentence. Registered ahead of the default writer.
/// </summary>
internal sealed class FhirProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => context.HttpContext.Request.Path.StartsWithSegments("/fhir");

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var status = context.ProblemDetails.Status ?? http.Response.StatusCode;
        var message = context.ProblemDetails.Detail ?? context.ProblemDetails.Title ?? "The request could not be served.";
        if (context.ProblemDetails is HttpValidationProblemDetails { Errors.Count: > 0 } v)
            message += " " + string.Join(" ", v.Errors.SelectMany(e => e.Value));
        http.Response.ContentType = FhirJson.MediaType + "; charset=utf-8";
        var outcome = FhirOutcomes.Outcome(status, FhirOutcomes.TypeFor(status), message);
        await JsonSerializer.SerializeAsync(http.Response.Body, outcome, FhirJson.Options, http.RequestAborted);
    }
}
