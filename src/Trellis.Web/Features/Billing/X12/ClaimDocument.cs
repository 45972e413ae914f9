using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Billing.X12;

/// <summary>A clinician as a claim names them.</summary>
public sealed record ClaimProvider(Guid StaffId, string FirstName, string LastName, string? Npi, string? Taxonomy);

/// <summary>Everything one claim's 837 (and its UB-04 or CMS-1500 view) shows, loaded by <see cref="ClaimDocuments"/>.</summary>
public sealed record ClaimDocument(Claim Claim, Participant Participant, PayerCoverage Coverage, Payer Payer, string? OriginalPayerClaimNumber,
    bool ConditionCode92, ClaimProvider? Attending, IReadOnlyDictionary<Guid, ClaimProvider> Rendering);
