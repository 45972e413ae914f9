using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Accounts;
using Trellis.Web.Features.Clinical;

namespace Trellis.Web.Features.Billing.Actions;

/// <summary>A payment the participant made at the front desk or by post, taken off their balance. Called by the account page and POST /api/participants/{id}/payments.</summary>
public static class RecordPayment
{
    public static async Task<Result<AccountEntry>> RunAsync(TrellisDbContext db, Guid participantId, PaymentInput input, CancellationToken ct = default)
    {
        if (await Charts.FindAsync(db, participantId, ct) is null) return Refusal.NotFound("participant");
        if (!db.Me.May(Permissions.RecordCoverage)) return Refusal.Forbidden("Only billing, intake and program directors record payments.");
        if (Validation.Check(input) is { } invalid) return invalid;
        var entry = new AccountEntry
        {
            ParticipantId = participantId, On = input.PaidOn!.Value, Kind = AccountEntryKind.Payment, Amount = -input.Amount!.Value, Method = input.Method,
            Reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim(), Description = $"Payment by {input.Method}, thank you",
        };
        db.Set<AccountEntry>().Add(entry);
        await db.SaveChangesAsync(ct);
        return entry;
    }
}
