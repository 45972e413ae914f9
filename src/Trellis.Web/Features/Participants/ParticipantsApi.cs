using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.HttpResults;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants.Actions;

namespace Trellis.Web.Features.Participants;

/// <summary>/api/participants: thin adapters over the actions in Actions/ (which the pages call too) and the shared list.</summary>
public static class ParticipantsApi
{
    public static RouteGroupBuilder MapParticipantsApi(this RouteGroupBuilder api)
    {
        // Bodies are validated in the actions, so the order of answers is the same from every door.
        var group = api.MapGroup("/participants").WithTags("Participants");
        group.MapGet("/", List).RequireAuthorization(Permissions.Anyone)
            .WithSummary("Participants within your care team, with search by name, preferred name or MRN, program and status filters, and paging.");
        group.MapGet("/{id:guid}", Get).RequireAuthorization(Permissions.Anyone)
            .WithSummary("One participant. The ETag header is the version to send back as If-Match.");
        group.MapPost("/", Create).RequireAuthorization(Permissions.CreateParticipants)
            .WithSummary("Create a participant. The MRN is generated when left empty.");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Permissions.EditParticipants)
            .WithSummary("Replace a participant's details. Requires If-Match; answers 412 if someone saved first.");
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(Permissions.DeleteParticipants)
            .WithSummary("Soft-delete a participant: hidden everywhere, restorable. If-Match is optional; when sent it must be current.");
        group.MapPost("/{id:guid}/restore", Restore).RequireAuthorization(Permissions.DeleteParticipants)
            .WithSummary("Restore a soft-deleted participant.");
        return api;
    }

    public static async Task<Results<Ok<ParticipantPage>, ProblemHttpResult>> List(
        TrellisDbContext db, string? search, Guid? program, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        ParticipantStatus? parsed = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!EnumText.TryParse<ParticipantStatus>(status, out var s))
                return Refusal.Invalid("status", $"'{status}' is not a status; use one of {EnumText.Allowed<ParticipantStatus>()}.").ToProblem();
            parsed = s;
        }
        if (page is < 1) return Refusal.Invalid("page", "page starts at 1.").ToProblem();
        if (pageSize is < 1 or > ParticipantQueries.MaxPageSize) return Refusal.Invalid("pageSize", $"pageSize must be between 1 and {ParticipantQueries.MaxPageSize}.").ToProblem();
        if (search is { Length: > ParticipantQueries.MaxSearch }) return Refusal.Invalid("search", $"search is at most {ParticipantQueries.MaxSearch} characters.").ToProblem();
        return TypedResults.Ok(await ParticipantQueries.ListAsync(db, search, program, parsed, page ?? 1, pageSize ?? 25, ct));
    }

    public static async Task<Results<Ok<ParticipantDto>, ProblemHttpResult>> Get(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        await AnswerAsync(db, id, http, ct);

    public static async Task<Results<Created<ParticipantDto>, ProblemHttpResult>> Create(
        ParticipantInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var (participant, refused) = await CreateParticipant.RunAsync(db, input, ct);
        if (refused is not null) return refused.ToProblem();
        var saved = (await ParticipantQueries.GetAsync(db, participant!.Id, ct: ct))!;
        await WithIdentifiersAsync(db, saved, ct);
        ETags.Set(http, saved.Version);
        return TypedResults.Created($"/api/participants/{saved.Id}", ParticipantDto.From(saved));
    }

    public static async Task<Results<Ok<ParticipantDto>, ProblemHttpResult>> Update(
        Guid id, ParticipantInput input, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        (await ChangeParticipant.RunAsync(db, id, input, ETags.From(http), ct)).Refusal is { } refused
            ? refused.ToProblem()
            : await AnswerAsync(db, id, http, ct);

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        (await DeleteParticipant.RunAsync(db, id, ETags.From(http), ct)).Refusal is { } refused ? refused.ToProblem() : TypedResults.NoContent();

    public static async Task<Results<Ok<ParticipantDto>, ProblemHttpResult>> Restore(Guid id, TrellisDbContext db, HttpContext http, CancellationToken ct) =>
        (await RestoreParticipant.RunAsync(db, id, ct)).Refusal is { } refused
            ? refused.ToProblem()
            : await AnswerAsync(db, id, http, ct);

    /// <summary>The participant as the API shows it, with its ETag (the read is audited).</summary>
    private static async Task<Results<Ok<ParticipantDto>, ProblemHttpResult>> AnswerAsync(TrellisDbContext db, Guid id, HttpContext http, CancellationToken ct)
    {
        if (await ParticipantQueries.GetAsync(db, id, ct: ct) is not { } participant) return Refusal.NotFound("participant").ToProblem();
        await WithIdentifiersAsync(db, participant, ct);
        ETags.Set(http, participant.Version);
        return TypedResults.Ok(ParticipantDto.From(participant));
    }

    // Read here, not in ParticipantQueries.GetAsync: the chart pages that share that read never show them.
    private static async Task WithIdentifiersAsync(TrellisDbContext db, Participant participant, CancellationToken ct) =>
        participant.Identifiers = await db.Set<ParticipantIdentifier>().AsNoTracking().Where(i => i.ParticipantId == participant.Id).ToListAsync(ct);
}
