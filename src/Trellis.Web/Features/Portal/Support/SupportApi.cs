using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Mail;
using Trellis.Web.Features.Portal.Support.Actions;

namespace Trellis.Web.Features.Portal.Support;

public sealed record SupportPersonDto(Guid Id, string Name, string Email, string Relationship, bool SeesFamilySessions, bool SeesProgramInformation,
    Guid ConsentId, string ConsentKind, DateTimeOffset InvitedAt, string InvitedBy, DateTimeOffset? RevokedAt, bool Active)
{
    public static SupportPersonDto From(SupportPerson s, DateOnly today) => new(s.Id, s.Name, s.Email, s.Relationship, s.SeesFamilySessions, s.SeesProgramInformation,
        s.ConsentId, s.Consent?.Kind.ToString() ?? "", s.InvitedAt, s.InvitedBy, s.RevokedAt, s.RevokedAt is null && s.Consent?.IsActiveOn(today) == true);
}

/// <summary>Support people: the participant and their care team invite and revoke them; the support person reads what the consent names.</summary>
public static class SupportApi
{
    public static void MapSupportApi(this RouteGroupBuilder api)
    {
        var chart = api.MapGroup("/participants/{id:guid}/support-people").WithTags("Portal").RequireAuthorization(Permissions.InviteSupportPeople);
        chart.MapGet("/", List).WithSummary("The participant's support people and whether each still has access (the participant themself, and their care team).");
        chart.MapPost("/", Invite).WithSummary("Invite a support person under the participant's signed consent: { name, email, relationship, seesFamilySessions, seesProgramInformation, expiresOn | expiresOnEvent, acknowledged, signedBy }.");
        chart.MapPost("/{supportId:guid}/revoke", Revoke).WithSummary("Revoke the consent: the support person's access and sessions end at once.");

        var support = api.MapGroup("/support").WithTags("Portal").RequireAuthorization(Permissions.SupportPortal);
        support.MapGet("/", Mine).WithSummary("For a support person: what each participant's active consent lets them see (family sessions, program information). Nothing clinical.");
        support.MapGet("/{participantId:guid}", One).WithSummary("For a support person: one participant's consented view; 404 once the consent is revoked or expired.");
    }

    public static async Task<Results<Ok<List<SupportPersonDto>>, ProblemHttpResult>> List(Guid id, TrellisDbContext db, CancellationToken ct)
    {
        if (await db.Participants.Include(p => p.Program).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) is not { } participant) return Refusal.NotFound("participant").ToProblem();
        var rows = await SupportPeople.OfAsync(db, id, ct);
        await db.AuditReadAsync(nameof(SupportPerson), rows.Select(r => ((object)r.Id, (Guid?)id)), "support people", ct);
        return TypedResults.Ok(rows.Select(r => SupportPersonDto.From(r, participant.Today(db.Now))).ToList());
    }

    public static async Task<Results<Created<SupportPersonDto>, ProblemHttpResult>> Invite(Guid id, SupportInviteInput? input, TrellisDbContext db, UserManager<TrellisUser> users,
        PublicLinks links, IOptions<MailOptions> mail, CancellationToken ct)
    {
        var (link, refused) = await InviteSupportPerson.RunAsync(db, users, links, mail, id, input ?? new(), ct);
        if (refused is not null) return refused.ToProblem();
        return TypedResults.Created($"/api/participants/{id}/support-people", SupportPersonDto.From(link!, DateOnly.MinValue) with { Active = true });
    }

    public static async Task<Results<Ok<SupportPersonDto>, ProblemHttpResult>> Revoke(Guid id, Guid supportId, TrellisDbContext db, CancellationToken ct)
    {
        var (link, refused) = await RevokeSupportPerson.RunAsync(db, id, supportId, ct);
        if (refused is not null) return refused.ToProblem();
        return TypedResults.Ok(SupportPersonDto.From(link!, DateOnly.MaxValue));
    }

    private static async Task<Ok<List<SupportedView>>> Mine(TrellisDbContext db, CancellationToken ct) => TypedResults.Ok(await SupportAccess.ViewsAsync(db, ct));

    private static async Task<Results<Ok<SupportedView>, ProblemHttpResult>> One(Guid participantId, TrellisDbContext db, CancellationToken ct) =>
        (await SupportAccess.ViewsAsync(db, ct)).FirstOrDefault(v => v.ParticipantId == participantId) is { } view ? TypedResults.Ok(view) : Refusal.NotFound("participant").ToProblem();
}

/// <summary>A chart's support people with their consents, through the scope filters.</summary>
public static class SupportPeople
{
    public static Task<List<SupportPerson>> OfAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default) =>
        db.Set<SupportPerson>().AsNoTracking().Include(s => s.Consent).Where(s => s.ParticipantId == participantId).OrderByDescending(s => s.InvitedAt).ToListAsync(ct);
}
