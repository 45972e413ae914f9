using Microsoft.EntityFrameworkCore;

namespace Trellis.Web.Features.Billing.Accounts;

public sealed record AccountLine(Guid Id, DateOnly On, string Kind, decimal Amount, string Description, string? Method, string? Reference, decimal Running);

public sealed record Balance(Guid ParticipantId, decimal Amount, List<AccountLine> Entries);

public static class AccountQueries
{
    /// <summary>The participant's account, oldest first, with the running balance after each line.</summary>
    public static async Task<Balance> BalanceAsync(TrellisDbContext db, Guid participantId, CancellationToken ct = default)
    {
        var entries = await db.Set<AccountEntry>().AsNoTracking().Where(e => e.ParticipantId == participantId).OrderBy(e => e.On).ThenBy(e => e.CreatedAt).ToListAsync(ct);
        decimal running = 0;
        var lines = entries.Select(e => new AccountLine(e.Id, e.On, EnumText.ToApi(e.Kind), e.Amount, e.Description, e.Method, e.Reference, running += e.Amount)).ToList();
        return new Balance(participantId, running, lines);
    }
}
