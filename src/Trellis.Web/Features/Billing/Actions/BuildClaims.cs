using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Accounts;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.FeeSchedules;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Web.Features.Billing.Actions;

public sealed class BuildClaimsInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the first day of the period.")] public DateOnly? From { get; set; }
    [Required(ErrorMessage = "Enter the last day of the period.")] public DateOnly? To { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (From is { } f && To is { } t && t < f) yield return new("The last day is before the first.", [nameof(To)]);
        if (From is { } f2 && To is { } t2 && t2.DayNumber - f2.DayNumber > 92) yield return new("A claim period is at most three months.", [nameof(To)]);
    }
}

public sealed record BuildClaimsResult(int Claims, int Replacements, int Voids, int SelfPayPosted, List<Guid> ClaimIds);

/// <summary>
/// Batches released charges into claims by payer, participant and period; sends self-pay charges to the
/// participant's account (sliding fee applied); turns charges voided after sending into a replacement (7)
/// or void (8) claim, so a corrected day is never billed twice. Only charges nothing forbids are taken.
/// Called by the claims page and POST /api/claims/build.
/// </summary>
public static class BuildClaims
{
    /// <summary>837P allows 50 service lines a claim; 837I 999.</summary>
    private const int ProfessionalLines = 50, InstitutionalLines = 999;

    public static async Task<Result<BuildClaimsResult>> RunAsync(TrellisDbContext db, BuildClaimsInput input, CancellationToken ct = default)
    {
        if (!db.Me.May(Permissions.ManageBilling)) return Refusal.Forbidden("Only billing specialists and administrators build claims.");
        if (Validation.Check(input) is { } invalid) return invalid;
        if (await db.Set<BillingIdentity>().AsNoTracking().FirstOrDefaultAsync(ct) is null)
            return Refusal.Conflict("Billing is not set up", "Enter the clinic's billing identity (Billing › Setup) before building claims.");
        // A month of charges is thousands of tracked rows; with automatic detection every claim added would
        // rescan them all (seconds for a 200-participant month). The save detects once (TrellisDbContext).
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try { return await BuildAsync(db, input.From!.Value, input.To!.Value, ct); }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = detect; }
    }

    private static async Task<Result<BuildClaimsResult>> BuildAsync(TrellisDbContext db, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var payers = await db.Set<Payer>().AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var ids = new List<Guid>();

        await DiscardUnsentCorrectionsAsync(db, ct);
        var (replacements, voids) = await CorrectSentAsync(db, payers, ids, ct);

        var ready = await db.Set<Charge>().Include(c => c.Lines)
            .Where(c => c.Status == ChargeStatus.Ready && c.ClaimId == null && c.ServiceDate >= from && c.ServiceDate <= to && c.PayerId != null)
            .OrderBy(c => c.ServiceDate).ToListAsync(ct);
        // The corrections above put ready charges on replacement claims in memory, not yet saved: the query matched them on
        // the database's values, so they are excluded here by their tracked ones, or they would be billed twice.
        ready = ready.Where(c => !c.Blocked && c.ClaimId == null && c.Status == ChargeStatus.Ready).ToList();
        var selfPay = ready.Where(c => payers[c.PayerId!.Value].IsSelfPay).ToList();
        var posted = await PostSelfPayAsync(db, selfPay, ct);

        var created = 0;
        foreach (var group in ready.Except(selfPay).GroupBy(c => (c.ParticipantId, PayerId: c.PayerId!.Value, CoverageId: c.CoverageId!.Value)))
        {
            var payer = payers[group.Key.PayerId];
            var max = payer.ClaimType == ClaimType.Professional ? ProfessionalLines : InstitutionalLines;
            var chunk = new List<Charge>();
            foreach (var charge in group)
            {
                if (chunk.Sum(c => c.Lines.Count) + charge.Lines.Count > max && chunk.Count > 0) { ids.Add((await NewClaimAsync(db, payer, chunk, null, ct)).Id); created++; chunk = []; }
                chunk.Add(charge);
            }
            if (chunk.Count > 0) { ids.Add((await NewClaimAsync(db, payer, chunk, null, ct)).Id); created++; }
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Refusal.Conflict("Someone else built or changed claims at the same time; nothing was saved. Build again."); }
        return new BuildClaimsResult(created, replacements, voids, posted, ids);
    }

    /// <summary>A draft or ready claim whose charges changed is simply made again: it was never sent.</summary>
    private static async Task DiscardUnsentCorrectionsAsync(TrellisDbContext db, CancellationToken ct)
    {
        var stale = await db.Set<Claim>().Where(c => c.CorrectionNeeded && (c.Status == ClaimStatus.Draft || c.Status == ClaimStatus.Ready)).ToListAsync(ct);
        foreach (var claim in stale)
        {
            claim.Status = ClaimStatus.Void;
            claim.CorrectionNeeded = false;
            foreach (var charge in await db.Set<Charge>().Where(c => c.ClaimId == claim.Id).ToListAsync(ct))
            {
                charge.ClaimId = null;
                if (charge.Status == ChargeStatus.Billed) charge.Status = charge.Blocked ? ChargeStatus.Held : ChargeStatus.Ready;
            }
        }
        if (stale.Count > 0) await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A sent claim whose charges changed: its still-valid charges and their ready replacements go on a
    /// replacement claim (frequency 7) naming the payer's number for the original; with nothing left, a void (8).
    /// </summary>
    internal static async Task<(int Replacements, int Voids)> CorrectSentAsync(TrellisDbContext db, Dictionary<Guid, Payer> payers, List<Guid> ids, CancellationToken ct, Guid? only = null)
    {
        var sent = await db.Set<Claim>().Include(c => c.Lines).Where(c => (c.CorrectionNeeded || c.Id == only) && c.ReplacedByClaimId == null
            && c.Status != ClaimStatus.Draft && c.Status != ClaimStatus.Ready && c.Status != ClaimStatus.Void && (only == null || c.Id == only)).ToListAsync(ct);
        int replacements = 0, voids = 0;
        foreach (var original in sent)
        {
            var charges = await db.Set<Charge>().Include(c => c.Lines).Where(c => c.ParticipantId == original.ParticipantId && c.PayerId == original.PayerId
                && c.CoverageId == original.CoverageId && c.ServiceDate >= original.From && c.ServiceDate <= original.To
                && (c.ClaimId == original.Id && c.Status == ChargeStatus.Billed || c.ClaimId == null && c.Status == ChargeStatus.Ready)).ToListAsync(ct);
            charges = charges.Where(c => c.ClaimId == original.Id || !c.Blocked).ToList();
            var replacement = await NewClaimAsync(db, payers[original.PayerId], charges, original, ct);
            if (charges.Count == 0) voids++; else replacements++;
            original.ReplacedByClaimId = replacement.Id;
            original.CorrectionNeeded = false;
            ids.Add(replacement.Id);
            // Its secondary claim repeated an answer to lines that changed: it is voided (or, unsent, dropped), and
            // the replacement's own 835 makes a new one.
            if (original.SecondaryClaimId is { } secondaryId
                && await db.Set<Claim>().Include(c => c.Lines).FirstOrDefaultAsync(c => c.Id == secondaryId && c.ReplacedByClaimId == null && c.Status != ClaimStatus.Void, ct) is { } secondary)
            {
                if (secondary.Status is ClaimStatus.Draft or ClaimStatus.Ready) secondary.Status = ClaimStatus.Void;
                else
                {
                    var cancel = await NewClaimAsync(db, payers[secondary.PayerId], [], secondary, ct);
                    (cancel.Type, cancel.PrimaryClaimId, cancel.PriorPayerAmount) = (secondary.Type, secondary.PrimaryClaimId, secondary.PriorPayerAmount);
                    secondary.ReplacedByClaimId = cancel.Id;
                    ids.Add(cancel.Id);
                    voids++;
                }
            }
        }
        return (replacements, voids);
    }

    private static async Task<Claim> NewClaimAsync(TrellisDbContext db, Payer payer, List<Charge> charges, Claim? replaces, CancellationToken ct)
    {
        var first = charges.FirstOrDefault();
        var participantId = first?.ParticipantId ?? replaces!.ParticipantId;
        var participant = await db.Participants.AsNoTracking().Include(p => p.Diagnoses).FirstAsync(p => p.Id == participantId, ct);
        var number = await Counters.TakeAsync(db, Counters.Claim, 1, ct);
        var claim = new Claim
        {
            Number = "TC" + number.ToString("D8"), ParticipantId = participantId, ProgramId = first?.ProgramId ?? replaces!.ProgramId, PayerId = payer.Id,
            CoverageId = first?.CoverageId ?? replaces!.CoverageId, Type = payer.ClaimType, From = charges.Count > 0 ? charges.Min(c => c.ServiceDate) : replaces!.From,
            To = charges.Count > 0 ? charges.Max(c => c.ServiceDate) : replaces!.To, ReplacesClaimId = replaces?.Id, AdmissionDate = participant.AdmittedOn,
            Diagnoses = Claim.DiagnosesFrom(participant.Diagnoses),
            AuthorizationNumber = charges.Select(c => c.AuthorizationNumber).FirstOrDefault(a => a is not null),
            AttendingStaffId = participant.PrimaryClinicianId ?? charges.SelectMany(c => c.Lines).Select(l => l.RenderingStaffId).FirstOrDefault(r => r is not null),
        };
        var n = 0;
        foreach (var charge in charges.OrderBy(c => c.ServiceDate).ThenBy(c => c.Key))
        {
            foreach (var line in charge.Lines.OrderBy(l => l.Number))
                claim.Lines.Add(new ClaimLine
                {
                    ClaimId = claim.Id, Number = ++n, ChargeId = charge.Id, ChargeLineId = line.Id, ServiceDate = charge.ServiceDate, Code = line.Code,
                    Modifier = line.Modifier, RevenueCode = line.RevenueCode, Units = line.Units, Amount = line.Amount, PlaceOfService = line.PlaceOfService,
                    RenderingStaffId = line.RenderingStaffId, Description = line.Description,
                    DiagnosisPointers = Claim.PointersFor(claim.Diagnoses, participant.Diagnoses, charge.ServiceDate),
                });
            charge.ClaimId = claim.Id;
            charge.Status = ChargeStatus.Billed;
        }
        if (replaces is not null)
        {
            claim.Frequency = charges.Count == 0 ? "8" : "7";
            // A void repeats the claim it cancels, line for line.
            if (charges.Count == 0)
                claim.Lines = replaces.Lines.OrderBy(l => l.Number).Select(l => new ClaimLine
                {
                    ClaimId = claim.Id, Number = l.Number, ChargeId = l.ChargeId, ChargeLineId = l.ChargeLineId, ServiceDate = l.ServiceDate, Code = l.Code,
                    Modifier = l.Modifier, RevenueCode = l.RevenueCode, Units = l.Units, Amount = l.Amount, PlaceOfService = l.PlaceOfService,
                    RenderingStaffId = l.RenderingStaffId, Description = l.Description, DiagnosisPointers = [.. l.DiagnosisPointers],
                }).ToList();
            claim.PatientStatus = replaces.PatientStatus;
        }
        claim.Total = claim.Lines.Sum(l => l.Amount);
        if (payer.ClaimType == ClaimType.Institutional && replaces is null)
        {
            var earlier = await db.Set<Claim>().AnyAsync(c => c.ParticipantId == participantId && c.PayerId == payer.Id && c.Id != claim.Id
                && c.Status != ClaimStatus.Void && c.From < claim.From && (participant.AdmittedOn == null || c.From >= participant.AdmittedOn), ct);
            var discharged = participant.DischargedOn is { } d && d <= claim.To;
            claim.Frequency = (earlier, discharged) switch { (false, true) => "1", (false, false) => "2", (true, false) => "3", _ => "4" };
            claim.PatientStatus = discharged ? "01" : "30";
        }
        db.Set<Claim>().Add(claim);
        await ClaimCheck.RunAsync(db, claim, payer, ct);
        return claim;
    }

    /// <summary>Self-pay charges go to the participant's account, less the program's sliding-fee discount when their income is on file.</summary>
    private static async Task<int> PostSelfPayAsync(TrellisDbContext db, List<Charge> charges, CancellationToken ct)
    {
        if (charges.Count == 0) return 0;
        var coverageIds = charges.Select(c => c.CoverageId!.Value).Distinct().ToList();
        var coverages = await db.Set<PayerCoverage>().AsNoTracking().Where(c => coverageIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var programIds = charges.Select(c => c.ProgramId).Distinct().ToList();
        var scales = await db.Set<SlidingFeeScale>().AsNoTracking().Where(s => programIds.Contains(s.ProgramId)).ToDictionaryAsync(s => s.ProgramId, ct);
        foreach (var charge in charges)
        {
            db.Set<AccountEntry>().Add(new AccountEntry
            {
                ParticipantId = charge.ParticipantId, On = charge.ServiceDate, Kind = AccountEntryKind.SelfPayCharge, Amount = charge.Amount, ChargeId = charge.Id,
                Description = $"IOP services {charge.ServiceDate:MMM d, yyyy}: {string.Join(", ", charge.Lines.Select(l => l.Code))}",
            });
            var coverage = coverages[charge.CoverageId!.Value];
            if (coverage is { HouseholdSize: { } size, AnnualIncome: { } income } && scales.TryGetValue(charge.ProgramId, out var scale))
            {
                var share = scale.ShareFor(size, income);
                var discount = Math.Round(charge.Amount * (1 - share), 2, MidpointRounding.AwayFromZero);
                if (discount > 0)
                    db.Set<AccountEntry>().Add(new AccountEntry
                    {
                        ParticipantId = charge.ParticipantId, On = charge.ServiceDate, Kind = AccountEntryKind.Discount, Amount = -discount, ChargeId = charge.Id,
                        Description = $"Sliding-fee discount: pays {share:P0} (household of {size})",
                    });
            }
            charge.Status = ChargeStatus.Billed;
        }
        return charges.Count;
    }
}
