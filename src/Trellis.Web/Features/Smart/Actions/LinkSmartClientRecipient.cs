using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;

namespace Trellis.Web.Features.Smart.Actions;

/// <summary>
/// Link a backend service to the recipient and purpose of participants' 42 CFR Part 2 consents, or clear the link
/// (administrators). Its next request reads under the new link (the principal is built on every request). Called by
/// /admin/smart-clients and PUT /api/smart-clients/{id}/recipient.
/// </summary>
public static class LinkSmartClientRecipient
{
    public static async Task<Result<SmartClient>> RunAsync(TrellisDbContext db, Guid id, SmartRecipientInput input, ETags.Expected expected, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageOrganization)) return Refusal.Forbidden("Only administrators link SMART clients to consent recipients.");
        if (await db.Set<SmartClient>().FirstOrDefaultAsync(c => c.Id == id, ct) is not { } client) return Refusal.NotFound("SMART client");
        if (client.Kind != SmartClientKind.Backend)
            return Refusal.Conflict("A person's app is not a recipient: it reads what the person who signs in reads. Link a backend service.");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (expected.Check(client.Version) is { } stale) return stale;
        client.Recipient = RegisterSmartClient.Clean(input.Recipient);
        client.Purpose = RegisterSmartClient.Clean(input.Purpose);
        await db.SaveChangesAsync(ct);
        return client;
    }
}
