using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Remittances;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Billing.X12;

/// <summary>A clinician as a claim names them.</summary>
public sealed record ClaimProvider(Guid StaffId, string FirstName, string LastName, string? Npi, string? Taxonomy);

/// <summary>Everything one claim's 837 (and its UB-04 or CMS-1500 view) shows, loaded by <see cref="ClaimDocuments"/>.</summary>
public sealed record ClaimDocument(Claim Claim, Participant Participant, PayerCoverage Coverage, Payer Payer, string? OriginalPayerClaimNumber,
    bool ConditionCode92, ClaimProvider? Attending, IReadOnlyDictionary<Guid, ClaimProvider> Rendering, PriorPayer? Prior = null);

/// <summary>
/// On a secondary claim, the primary payer's answer the 837 repeats (2320/2330A/2330B, and 2430 per line): its
/// coverage and payer, when it adjudicated, what it paid, and its adjustments (claim-level with no line, else
/// the line number, which the secondary's lines share).
/// </summary>
public sealed record PriorPayer(PayerCoverage Coverage, Payer Payer, string? PayerClaimNumber, DateOnly AdjudicatedOn, decimal Paid, IReadOnlyList<PostedAdjustment> Adjustments)
{
    public IEnumerable<PostedAdjustment> ClaimAdjustments => Adjustments.Where(a => a.Line is null);
    public IEnumerable<PostedAdjustment> LineAdjustments(int line) => Adjustments.Where(a => a.Line == line);
    /// <summary>A line's payment by the primary: its charge less its adjustments (the 835 balanced each line so).</summary>
    public decimal LinePaid(ClaimLine line) => line.Amount - LineAdjustments(line.Number).Sum(a => a.Amount);
}
