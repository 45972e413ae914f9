using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Infrastructure;

namespace Trellis.Web.Features.Participants;

public static class ParticipantsApi
{
    public static RouteGroupBuilder MapParticipantsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/participants").WithTags("Participants");
        group.MapGet("/", List).RequireAuthorization(Permissions.Anyone)
            .WithSummary("Participants within your care team, with search by name or MRN, program and status filters, and paging.");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Permissions.Anyone)
            .WithSummary("One participant. The ETag header is the version to send back as If-Match.");
        group.MapPost("/", Create).RequireAuthorization(Permissions.CreateParticipants)
            .WithSummary("Create a participant. The MRN is generated when left empty.");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.EditParticipants)
            .WithSummary("Replace a participant's details. Requires If-Match; answers 412 if someone saved first.");
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(Permissions.DeleteParticipants)
            .WithSummary("Soft-delete a participant: hidden everywhere, restorable.");
        group.MapPost("/{id:guid}/restore", Restore).RequireAuthorization(Permissions.DeleteParticipants)
            .WithSummary("Restore a soft-deleted participant.");
        return api;
    }

    public static async Task<Results<Ok<ParticipantPage>, ValidationProblem>> List(
        TrellisDbContext db, string? search, Guid? program, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        ParticipantStatus? parsed = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!EnumText.TryParse<ParticipantStatus>(status, out var s))
                return Problems.Invalid("status", $"'{status}' is not a status; use one of {EnumText.Allowed<ParticipantStatus>()}.");
            parsed = s;
        }
        if (page is < 1) return Problems.Invalid("page", "page starts at 1.");
        if (pageSize is < 1 or > ParticipantQueries.MaxPageSize) return Problems.Invalid("pageSize", $"pageSize must be between 1 and {ParticipantQueries.MaxPageSize}.");
        if (search is { Length: > 100 }) return Problems.Invalid("search", "search is at most 100 characters.");
        return TypedResults.Ok(await ParticipantQueries.ListAsync(db, search, program, parsed, page ?? 1, pageSize ?? 25, ct));
    }

    public static async Task<Results<Ok<ParticipantDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var participant = await ParticipantQueries.GetAsync(db, id, ct: ct);
        if (participant is null) return Problems.NotFound("participant");
        ETags.Set(http, participant.Version);
        return TypedResults.Ok(ParticipantDto.From(participant));
    }

    public static async Task<Results<Created<ParticipantDto>, ValidationProblem>> Create(
        ParticipantInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var errors = await SaveParticipant.CheckAsync(db, input, null, ct);
        if (errors.Count > 0) return Problems.Invalid(errors);
        var participant = await SaveParticipant.CreateAsync(db, input, ct);
        await db.SaveChangesAsync(ct);
        var saved = (await ParticipantQueries.GetAsync(db, participant.Id, ct: ct))!;
        ETags.Set(http, saved.Version);
        return TypedResults.Created($"/api/participants/{saved.Id}", ParticipantDto.From(saved));
    }

    public static async Task<Results<Ok<ParticipantDto>, ProblemHttpResult, ValidationProblem>> Update(
        Guid id, ParticipantInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var participant = await SaveParticipant.LoadForEditAsync(db, id, ct);
        if (participant is null) return Problems.NotFound("participant");
        if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
        if (participant.Version != version) return Problems.Stale(participant.Version);
        var errors = await SaveParticipant.CheckAsync(db, input, id, ct);
        if (errors.Count > 0) return Problems.Invalid(errors);

        SaveParticipant.Apply(db, participant, input);
        // The version the client saw is what the database must still hold, or the save is refused.
        db.Entry(participant).Property(p => p.Version).OriginalValue = version;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Problems.Stale(version + 1); }

        var saved = (await ParticipantQueries.GetAsync(db, id, ct: ct))!;
        ETags.Set(http, saved.Version);
        return TypedResults.Ok(ParticipantDto.From(saved));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var participant = await db.Participants.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (participant is null) return Problems.NotFound("participant");
        if (!string.IsNullOrEmpty(http.Request.Headers.IfMatch) )
        {
            if (ETags.RequireIfMatch(http, out var version) is { } problem) return problem;
            if (version != participant.Version) return Problems.Stale(participant.Version);
        }
        SaveParticipant.SoftDelete(db, participant);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ParticipantDto>, ProblemHttpResult>> Restore(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        if (await SaveParticipant.RestoreAsync(db, id, ct) is null) return Problems.NotFound("participant");
        var saved = (await ParticipantQueries.GetAsync(db, id, ct: ct))!;
        ETags.Set(http, saved.Version);
        return TypedResults.Ok(ParticipantDto.From(saved));
    }
}
