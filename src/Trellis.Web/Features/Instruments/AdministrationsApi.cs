using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Instruments.Actions;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Instruments;

/// <summary>Body of POST /api/participants/{id}/instruments: the score request plus which instrument and when.</summary>
/// <param name="Difficulty">PHQ-9 only, optional: the unscored item 10 (LOINC 69722-7), 0 not difficult at all … 3 extremely difficult.</param>
public sealed record GiveRequest(string? Instrument, JsonElement? Answers, JsonElement? Sex = null, DateTimeOffset? AdministeredAt = null, JsonElement? Difficulty = null);

public sealed record AdministrationDto(Guid Id, Guid ParticipantId, string Instrument, IReadOnlyList<JsonElement> Answers, string? Sex, int? Total,
    string? Band, string? Risk, bool? Positive, IReadOnlyList<string> Flags, DateTimeOffset AdministeredAt, Guid? AdministeredByStaffId,
    string? AdministeredBy, string Source, Guid? RiskFlagId, int? Difficulty)
{
    public static AdministrationDto From(InstrumentAdministration a, string? by, Guid? flag = null) => new(a.Id, a.ParticipantId, a.InstrumentCode,
        Administrations.Answers(a), a.Sex, a.Total, a.Band, a.Risk, a.Positive, a.Flags, a.AdministeredAt, a.AdministeredByStaffId, by, a.Source, flag, a.Difficulty);
}

/// <summary>Instruments given in the chart: history per participant, and giving one (which may raise a risk flag).</summary>
public static class AdministrationsApi
{
    public static RouteGroupBuilder MapAdministrationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/participants/{id:guid}/instruments").WithTags("Instruments");
        group.MapGet("/", List).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("Instruments given to the participant, newest first; filter with ?instrument=phq-9.");
        group.MapGet("/{administrationId:guid}", Get).RequireAuthorization(Permissions.AnyStaff)
            .WithSummary("One administration with its answers and score.");
        group.MapPost("/", Give).RequireAuthorization(Permissions.GiveInstruments)
            .WithSummary("Give an instrument: answers as for POST /api/instruments/{code}/score (for phq-9 optionally \"difficulty\" 0–3, the unscored item 10), kept with who and when. A sign of suicide risk flags the chart, notifies the clinician and directors and asks for a safety plan.");
        return api;
    }

    public static async Task<Results<Ok<List<AdministrationDto>>, ProblemHttpResult, ValidationProblem>> List(Guid id, string? instrument, TrellisDbContext db, CancellationToken ct)
    {
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Refusal.NotFound("participant").ToProblem();
        string? code = null;
        if (!string.IsNullOrWhiteSpace(instrument))
        {
            if (InstrumentCatalog.Get(instrument) is not { } d) return Problems.Invalid("instrument", $"Use one of {InstrumentCatalog.Codes}.");
            code = d.Code;
        }
        var rows = await Administrations.For(db, id, code).Take(500).ToListAsync(ct);
        var names = await Administrations.StaffNamesAsync(db, rows.Select(r => r.AdministeredByStaffId), ct);
        await db.AuditReadAsync(nameof(InstrumentAdministration), rows.Select(r => ((object)r.Id, (Guid?)id)), null, ct);
        return TypedResults.Ok(rows.Select(r => AdministrationDto.From(r, r.AdministeredByStaffId is { } s ? names.GetValueOrDefault(s) : null)).ToList());
    }

    public static async Task<Results<Ok<AdministrationDto>, ProblemHttpResult>> Get(Guid id, Guid administrationId, TrellisDbContext db, CancellationToken ct)
    {
        var a = await db.InstrumentAdministrations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == administrationId && x.ParticipantId == id, ct);
        if (a is null) return Refusal.NotFound("instrument administration").ToProblem();
        var names = await Administrations.StaffNamesAsync(db, [a.AdministeredByStaffId], ct);
        await db.AuditReadAsync(nameof(InstrumentAdministration), a.Id, id, ct);
        return TypedResults.Ok(AdministrationDto.From(a, a.AdministeredByStaffId is { } s ? names.GetValueOrDefault(s) : null));
    }

    /// <summary>Reads the JSON body's shapes (a list, a number, a text) into the action's input; the action checks the rest.</summary>
    public static async Task<Results<Created<AdministrationDto>, ProblemHttpResult>> Give(Guid id, GiveRequest? request, TrellisDbContext db, CancellationToken ct)
    {
        if (request is null) return Refusal.Invalid("body", "Send {\"instrument\": \"phq-9\", \"answers\": [...]}, plus \"sex\" for audit-c.").ToProblem();
        var (shapes, bad) = AnswerShapes.Read(request.Answers, request.Sex, request.Difficulty);
        if (bad is not null) return bad.ToProblem();
        var input = new GiveInput
        {
            Instrument = request.Instrument, Answers = shapes!.Answers, Sex = shapes.Sex, AdministeredAt = request.AdministeredAt, Difficulty = shapes.Difficulty,
        };
        var (given, refused) = await GiveInstrument.RunAsync(db, id, input, ct);
        if (refused is not null) return refused.ToProblem();
        var a = given!.Administration;
        return TypedResults.Created($"/api/participants/{id}/instruments/{a.Id}", AdministrationDto.From(a, db.Me.DisplayName, given.Flag?.Id));
    }
}
