using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Smart.Actions;

namespace Trellis.Web.Features.Smart;

public sealed record SmartClientDto(Guid Id, string ClientId, string Name, SmartClientKind Kind, string Scopes, string? Role,
    IReadOnlyList<Guid> ProgramIds, string? RedirectUri, bool IsActive, DateTimeOffset CreatedAt, string? Recipient, string? Purpose, long Version);

/// <summary>/api/smart-clients: the SMART clients administrators registered, and registering one.</summary>
public static class SmartClientsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/smart-clients").WithTags("SMART clients").RequireAuthorization(Permissions.ManageOrganization);
        group.MapGet("/", ListAsync).WithSummary("The registered SMART on FHIR clients.");
        group.MapPost("/", RegisterAsync).WithSummary("Register a backend service (JWKS, scopes, role, programs, Part 2 consent recipient and purpose) or a person's app (redirect address, scopes).");
        group.MapPut("/{id:guid}/recipient", LinkRecipientAsync)
            .WithSummary("Link a backend service to the recipient and purpose participants' 42 CFR Part 2 consents name (both, or neither to clear), with If-Match: the client's version.");
    }

    public static async Task<Ok<List<SmartClientDto>>> ListAsync(TrellisDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<SmartClient>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct)).Select(ToDto).ToList());

    public static async Task<Results<Created<SmartClientDto>, ProblemHttpResult>> RegisterAsync(SmartClientInput input, TrellisDbContext db,
        IOpenIddictApplicationManager apps, CancellationToken ct)
    {
        var saved = await RegisterSmartClient.RunAsync(db, apps, input, ct);
        if (saved.Refusal is { } refused) return refused.ToProblem();
        return TypedResults.Created($"/api/smart-clients/{saved.Value!.Id}", ToDto(saved.Value));
    }

    public static async Task<Results<Ok<SmartClientDto>, ProblemHttpResult>> LinkRecipientAsync(Guid id, SmartRecipientInput input, TrellisDbContext db, HttpContext http, CancellationToken ct)
    {
        var saved = await LinkSmartClientRecipient.RunAsync(db, id, input, ETags.From(http), ct);
        if (saved.Refusal is { } refused) return refused.ToProblem();
        ETags.Set(http, saved.Value!.Version);
        return TypedResults.Ok(ToDto(saved.Value));
    }

    public static SmartClientDto ToDto(SmartClient c) =>
        new(c.Id, c.ClientId, c.Name, c.Kind, c.Scopes, c.Role, c.ProgramIds, c.RedirectUri, c.IsActive, c.CreatedAt, c.Recipient, c.Purpose, c.Version);
}
