using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Auth;
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
        if (!await db.Participants.AnyAsync(p => p.Id == id, ct)) return Problems.NotFound("participant");
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
        if (a is null) return Problems.NotFound("instrument administration");
        var names = await Administrations.StaffNamesAsync(db, [a.AdministeredByStaffId], ct);
        await db.AuditReadAsync(nameof(InstrumentAdministration), a.Id, id, ct);
        return TypedResults.Ok(AdministrationDto.From(a, a.AdministeredByStaffId is { } s ? names.GetValueOrDefault(s) : null));
    }

    public static async Task<Results<Created<AdministrationDto>, ProblemHttpResult, ValidationProblem>> Give(Guid id, GiveRequest? request,
        TrellisDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var participant = await db.Participants.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is null) return Problems.NotFound("participant");
        if (request is null) return Problems.Invalid("body", "Send {\"instrument\": \"phq-9\", \"answers\": [...]}, plus \"sex\" for audit-c.");
        if (InstrumentCatalog.Get(request.Instrument) is not { } definition)
            return Problems.Invalid("instrument", string.IsNullOrWhiteSpace(request.Instrument)
                ? $"instrument is required: one of {InstrumentCatalog.Codes}."
                : $"There is no instrument '{Cut(request.Instrument)}'; use one of {InstrumentCatalog.Codes}.");
        if (request.Answers is not { ValueKind: JsonValueKind.Array } answers)
            return Problems.Invalid("answers", $"answers must be a list (JSON array) with one answer per {definition.Code} item.");
        var at = request.AdministeredAt ?? db.Now;
        if (at > db.Now.AddMinutes(5)) return Problems.Invalid("administeredAt", "administeredAt cannot be in the future.");
        if (at < db.Now.AddYears(-2)) return Problems.Invalid("administeredAt", "administeredAt is more than two years ago; enter it on paper records instead.");
        var sex = request.Sex is { ValueKind: JsonValueKind.String } s ? s.GetString() : request.Sex is { ValueKind: not JsonValueKind.Null } other ? other.GetRawText() : null;

        int? difficulty = null;
        if (request.Difficulty is { ValueKind: not JsonValueKind.Null } d)
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out var value))
                return Problems.Invalid(Administrations.Difficulty, "difficulty must be a whole number (0 not difficult at all … 3 extremely difficult), or left out.");
            difficulty = value;
        }

        var by = Caller.From(user);
        var recorded = await Administrations.RecordAsync(db, participant, definition, answers.EnumerateArray().ToList(), sex, at.ToUniversalTime(), by, ct: ct, difficulty: difficulty);
        if (recorded.Administration is null) return Problems.Invalid(recorded.Outcome.Errors.ToDictionary());
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/participants/{id}/instruments/{recorded.Administration.Id}",
            AdministrationDto.From(recorded.Administration, by.Name, recorded.Flag?.Id));
    }

    private static string Cut(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
