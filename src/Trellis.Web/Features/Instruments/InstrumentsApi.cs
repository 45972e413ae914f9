using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Instruments;

/// <summary>
/// Body of POST /api/instruments/{code}/score. Both fields stay raw JSON so that a wrong type
/// (a string for a number, an object for the list) is answered by a message naming the field
/// rather than by a generic deserialization error.
/// </summary>
/// <param name="Answers">One answer per scored item, in order: a whole number, true/false for Yes/No items, or null where the form skips the item.</param>
/// <param name="Sex">"female" or "male"; required for audit-c, ignored otherwise.</param>
public sealed record ScoreRequest(JsonElement? Answers, JsonElement? Sex = null);

public static class InstrumentsApi
{
    public static RouteGroupBuilder MapInstrumentsApi(this RouteGroupBuilder api)
    {
        // Public self-checks: no sign-in, nothing stored, and a limit generous enough for a person
        // but not for a script hammering the server.
        var group = api.MapGroup("/instruments").WithTags("Instruments")
            .AllowAnonymous().RequireRateLimiting(RateLimits.Scoring);
        group.MapGet("/", List)
            .WithSummary("The screening instruments Trellis scores, each with its items, answer options and LOINC codes.");
        group.MapGet("/{code}", Get).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One instrument (phq-9, gad-7, audit-c, dast-10, c-ssrs-screener, pcl-5) with its items, answer options and LOINC codes.");
        group.MapPost("/{code}/score", Score).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Score answers as published: total, band, flags and plain-words explanation. Nothing is stored.");
        return api;
    }

    public static Ok<IReadOnlyList<InstrumentDefinition>> List() => TypedResults.Ok(InstrumentCatalog.All);

    public static Results<Ok<InstrumentDefinition>, ProblemHttpResult> Get(string code) =>
        InstrumentCatalog.Get(code) is { } definition ? TypedResults.Ok(definition) : UnknownInstrument(code);

    public static Results<Ok<InstrumentResult>, ProblemHttpResult, ValidationProblem> Score(string code, ScoreRequest? request)
    {
        if (InstrumentCatalog.Get(code) is not { } definition) return UnknownInstrument(code);
        if (request is null)
            return Problems.Invalid("body", "Send a JSON body such as {\"answers\": [0, 1, 2]}: one answer per item, plus \"sex\" for audit-c.");
        if (request.Answers is not { ValueKind: JsonValueKind.Array } answers)
            return Problems.Invalid("answers", request.Answers is null or { ValueKind: JsonValueKind.Null }
                ? $"answers is required: a list with one answer per {definition.Code} item, in order."
                : $"answers must be a list (JSON array) with one answer per {definition.Code} item, not {Describe(request.Answers.Value)}.");

        var outcome = InstrumentScorer.Score(definition, answers.EnumerateArray().ToList(), SexText(request.Sex));
        return outcome.IsValid ? TypedResults.Ok(outcome.Result) : Problems.Invalid(outcome.Errors.ToDictionary());
    }

    private static ProblemHttpResult UnknownInstrument(string code) =>
        TypedResults.Problem(title: "Not found",
            detail: $"There is no instrument '{Echo.Short(code)}'. Known instruments: {InstrumentCatalog.Codes}.",
            statusCode: StatusCodes.Status404NotFound);

    // A non-string sex (a number, true) goes to the scorer as its JSON text, so AUDIT-C says what it got.
    private static string? SexText(JsonElement? sex) => sex switch
    {
        null or { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { } other => other.GetRawText(),
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "an object",
    };
}
