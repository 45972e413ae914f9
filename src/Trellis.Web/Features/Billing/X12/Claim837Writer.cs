using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Coverage;
using Trellis.Web.Features.Billing.Payers;
using Trellis.Web.Features.Billing.Remittances;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Web.Features.Billing.X12;

/// <summary>
/// Writes claims of one type as one 837 interchange: ISA/GS/ST envelopes with the control numbers given,
/// the submitter and receiver, one billing provider (2000A) and, under it, each claim's subscriber (2000B),
/// patient when not the subscriber (2000C), claim (2300) and lines (2400), per 005010X223A2 (institutional)
/// and 005010X222A1 (professional); a secondary claim adds the primary payer's answer (2320, 2330A/B, 2430).
/// Sources of the codes: docs/billing.md.
/// </summary>
public static class Claim837Writer
{
    public const string Institutional = "005010X223A2", Professional = "005010X222A1";

    public static string Write(BillingIdentity clinic, ClaimType type, IReadOnlyList<ClaimDocument> claims, long controlNumber, DateTimeOffset at)
    {
        var version = type == ClaimType.Institutional ? Institutional : Professional;
        var w = new X12Writer();
        var icn = controlNumber.ToString("D9");
        var date = at.UtcDateTime;
        w.Segment("ISA", "00", new string(' ', 10), "00", new string(' ', 10), "ZZ", X12Writer.Pad(clinic.SubmitterId, 15), "ZZ", X12Writer.Pad(clinic.ReceiverId, 15),
            date.ToString("yyMMdd"), date.ToString("HHmm"), "^", "00501", icn, "0", clinic.UsageIndicator, ":");
        w.Segment("GS", "HC", X12Writer.Clean(clinic.SubmitterId, 15), X12Writer.Clean(clinic.ReceiverId, 15), date.ToString("yyyyMMdd"), date.ToString("HHmm"),
            controlNumber.ToString(), "X", version);
        w.StartCount();
        w.Segment("ST", "837", "0001", version);
        w.Segment("BHT", "0019", "00", icn, date.ToString("yyyyMMdd"), date.ToString("HHmm"), "CH");
        w.Segment("NM1", "41", "2", X12Writer.Clean(clinic.Name), "", "", "", "", "46", X12Writer.Clean(clinic.SubmitterId, 15));
        w.Segment("PER", "IC", X12Writer.Clean(clinic.ContactName), "TE", clinic.Phone);
        w.Segment("NM1", "40", "2", X12Writer.Clean(clinic.ReceiverName), "", "", "", "", "46", X12Writer.Clean(clinic.ReceiverId, 15));
        w.Segment("HL", "1", "", "20", "1");
        w.Segment("PRV", "BI", "PXC", clinic.Taxonomy);
        w.Segment("NM1", "85", "2", X12Writer.Clean(clinic.Name), "", "", "", "", "XX", clinic.Npi);
        w.Segment("N3", X12Writer.Clean(clinic.AddressLine, 55));
        w.Segment("N4", X12Writer.Clean(clinic.City, 30), clinic.State, clinic.PostalCode);
        w.Segment("REF", "EI", clinic.TaxId);
        var hl = 1;
        foreach (var doc in claims)
        {
            var self = doc.Coverage.Relationship == SubscriberRelationship.Self;
            var subscriberHl = ++hl;
            w.Segment("HL", subscriberHl.ToString(), "1", "22", self ? "0" : "1");
            w.Segment("SBR", doc.Claim.IsSecondary ? "S" : "P", self ? "18" : "", X12Writer.Clean(doc.Coverage.GroupNumber, 30), "", "", "", "", "", doc.Payer.FilingIndicator);
            var p = doc.Participant;
            if (self)
            {
                w.Segment("NM1", "IL", "1", X12Writer.Clean(p.LegalLastName), X12Writer.Clean(p.LegalFirstName, 35), "", "", "", "MI", X12Writer.Clean(doc.Coverage.MemberId, 80));
                Address(w, p);
                w.Segment("DMG", "D8", X12Writer.Date(p.DateOfBirth), doc.Coverage.Sex);
            }
            else
                w.Segment("NM1", "IL", "1", X12Writer.Clean(doc.Coverage.SubscriberLastName), X12Writer.Clean(doc.Coverage.SubscriberFirstName, 35), "", "", "", "MI",
                    X12Writer.Clean(doc.Coverage.MemberId, 80));
            w.Segment("NM1", "PR", "2", X12Writer.Clean(doc.Payer.Name), "", "", "", "", "PI", X12Writer.Clean(doc.Payer.PayerId, 80));
            if (!self)
            {
                w.Segment("HL", (++hl).ToString(), subscriberHl.ToString(), "23", "0");
                w.Segment("PAT", PayerCoverage.RelationshipCode(doc.Coverage.Relationship));
                w.Segment("NM1", "QC", "1", X12Writer.Clean(p.LegalLastName), X12Writer.Clean(p.LegalFirstName, 35));
                Address(w, p);
                w.Segment("DMG", "D8", X12Writer.Date(p.DateOfBirth), doc.Coverage.Sex);
            }
            if (type == ClaimType.Institutional) InstitutionalClaim(w, clinic, doc);
            else ProfessionalClaim(w, clinic, doc);
        }
        w.Segment("SE", (w.Counted + 1).ToString(), "0001");
        w.Segment("GE", "1", controlNumber.ToString());
        w.Segment("IEA", "1", icn);
        return w.ToString();
    }

    private static void Address(X12Writer w, Participants.Participant p)
    {
        w.Segment("N3", X12Writer.Clean(p.AddressLine ?? "UNKNOWN", 55));
        w.Segment("N4", X12Writer.Clean(p.City ?? "UNKNOWN", 30), p.State ?? "", (p.PostalCode ?? "").Replace("-", ""));
    }

    private static void InstitutionalClaim(X12Writer w, BillingIdentity clinic, ClaimDocument doc)
    {
        var c = doc.Claim;
        w.Segment("CLM", c.Number, X12Writer.Amount(c.Total), "", "", X12Writer.Composite(clinic.FacilityTypeCode, "A", c.Frequency), "", "A", "Y", "Y");
        w.Segment("DTP", "434", "RD8", $"{X12Writer.Date(c.From)}-{X12Writer.Date(c.To)}");
        w.Segment("CL1", "3", "1", c.PatientStatus ?? "30");
        References(w, doc);
        if (c.Diagnoses.Count > 0)
        {
            w.Segment("HI", X12Writer.Composite("ABK", X12Writer.Dx(c.Diagnoses[0])));
            w.Segment("HI", X12Writer.Composite("APR", X12Writer.Dx(c.Diagnoses[0])));
            if (c.Diagnoses.Count > 1) w.Segment("HI", [.. c.Diagnoses.Skip(1).Take(11).Select(d => X12Writer.Composite("ABF", X12Writer.Dx(d)))]);
        }
        if (doc.ConditionCode92) w.Segment("HI", X12Writer.Composite("BG", "92"));
        if (doc.Attending is { } a)
        {
            w.Segment("NM1", "71", "1", X12Writer.Clean(a.LastName), X12Writer.Clean(a.FirstName, 35), "", "", "", "XX", a.Npi);
            if (a.Taxonomy is not null) w.Segment("PRV", "AT", "PXC", a.Taxonomy);
        }
        OtherSubscriber(w, doc);
        foreach (var line in c.Lines.OrderBy(l => l.Number))
        {
            w.Segment("LX", line.Number.ToString());
            w.Segment("SV2", line.RevenueCode, X12Writer.Composite("HC", line.Code, line.Modifier), X12Writer.Amount(line.Amount), "UN", line.Units.ToString());
            w.Segment("DTP", "472", "D8", X12Writer.Date(line.ServiceDate));
            w.Segment("REF", "6R", line.Id.ToString("N"));
            LineAdjudication(w, doc, line, institutional: true);
        }
    }

    private static void ProfessionalClaim(X12Writer w, BillingIdentity clinic, ClaimDocument doc)
    {
        var c = doc.Claim;
        var lines = c.Lines.OrderBy(l => l.Number).ToList();
        var pos = lines.GroupBy(l => l.PlaceOfService).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        w.Segment("CLM", c.Number, X12Writer.Amount(c.Total), "", "", X12Writer.Composite(pos, "B", c.Frequency), "Y", "A", "Y", "Y");
        References(w, doc);
        if (c.Diagnoses.Count > 0)
            w.Segment("HI", [.. c.Diagnoses.Take(12).Select((d, i) => X12Writer.Composite(i == 0 ? "ABK" : "ABF", X12Writer.Dx(d)))]);
        var claimRendering = lines.Select(l => l.RenderingStaffId).FirstOrDefault(r => r is not null);
        if (claimRendering is { } cr && doc.Rendering.TryGetValue(cr, out var rp)) Rendering(w, rp);
        OtherSubscriber(w, doc);
        foreach (var line in lines)
        {
            var pointers = string.Join(X12Writer.Component, line.PointersOn(c));
            w.Segment("LX", line.Number.ToString());
            w.Segment("SV1", X12Writer.Composite("HC", line.Code, line.Modifier), X12Writer.Amount(line.Amount), "UN", line.Units.ToString(),
                line.PlaceOfService == pos ? "" : line.PlaceOfService, "", pointers);
            w.Segment("DTP", "472", "D8", X12Writer.Date(line.ServiceDate));
            w.Segment("REF", "6R", line.Id.ToString("N"));
            if (line.RenderingStaffId is { } r && r != claimRendering && doc.Rendering.TryGetValue(r, out var lp)) Rendering(w, lp);
            LineAdjudication(w, doc, line, institutional: false);
        }
    }

    /// <summary>
    /// A secondary claim's 2320 (the primary payer's subscriber: SBR P with its filing indicator, the claim-level
    /// CAS, AMT*D what it paid, OI), 2330A (NM1*IL the primary's subscriber) and 2330B (NM1*PR the primary payer,
    /// DTP*573 when it adjudicated). Nothing on a primary claim.
    /// </summary>
    private static void OtherSubscriber(X12Writer w, ClaimDocument doc)
    {
        if (doc.Prior is not { } prior) return;
        var coverage = prior.Coverage;
        var self = coverage.Relationship == SubscriberRelationship.Self;
        w.Segment("SBR", "P", PayerCoverage.RelationshipCode(coverage.Relationship), X12Writer.Clean(coverage.GroupNumber, 30), "", "", "", "", "", prior.Payer.FilingIndicator);
        Adjustments(w, prior.ClaimAdjustments);
        w.Segment("AMT", "D", X12Writer.Amount(prior.Paid));
        w.Segment("OI", "", "", "Y", "", "", "Y");
        w.Segment("NM1", "IL", "1", X12Writer.Clean(self ? doc.Participant.LegalLastName : coverage.SubscriberLastName),
            X12Writer.Clean(self ? doc.Participant.LegalFirstName : coverage.SubscriberFirstName, 35), "", "", "", "MI", X12Writer.Clean(coverage.MemberId, 80));
        w.Segment("NM1", "PR", "2", X12Writer.Clean(prior.Payer.Name), "", "", "", "", "PI", X12Writer.Clean(prior.Payer.PayerId, 80));
        w.Segment("DTP", "573", "D8", X12Writer.Date(prior.AdjudicatedOn));
        if (prior.PayerClaimNumber is { } icn) w.Segment("REF", "F8", X12Writer.Clean(icn, 50));
    }

    /// <summary>A secondary claim's 2430 for one line: what the primary paid (SVD), its adjustments (CAS) and when (DTP*573).</summary>
    private static void LineAdjudication(X12Writer w, ClaimDocument doc, ClaimLine line, bool institutional)
    {
        if (doc.Prior is not { } prior) return;
        w.Segment("SVD", X12Writer.Clean(prior.Payer.PayerId, 80), X12Writer.Amount(prior.LinePaid(line)), X12Writer.Composite("HC", line.Code, line.Modifier),
            institutional ? line.RevenueCode : "", line.Units.ToString());
        Adjustments(w, prior.LineAdjustments(line.Number));
        w.Segment("DTP", "573", "D8", X12Writer.Date(prior.AdjudicatedOn));
    }

    /// <summary>CAS segments, one per group, at most six reason/amount pairs each.</summary>
    private static void Adjustments(X12Writer w, IEnumerable<PostedAdjustment> adjustments)
    {
        foreach (var group in adjustments.GroupBy(a => a.Group).OrderBy(g => g.Key))
            foreach (var six in group.GroupBy(a => a.Reason).Select(r => (Reason: r.Key, Amount: r.Sum(a => a.Amount))).Where(r => r.Amount != 0).Chunk(6))
                w.Segment("CAS", [group.Key, .. six.SelectMany(r => new[] { r.Reason, X12Writer.Amount(r.Amount), "" }).SkipLast(1)]);
    }

    private static void Rendering(X12Writer w, ClaimProvider p)
    {
        w.Segment("NM1", "82", "1", X12Writer.Clean(p.LastName), X12Writer.Clean(p.FirstName, 35), "", "", "", "XX", p.Npi);
        if (p.Taxonomy is not null) w.Segment("PRV", "PE", "PXC", p.Taxonomy);
    }

    private static void References(X12Writer w, ClaimDocument doc)
    {
        if (doc.Claim.Frequency is "7" or "8" && doc.OriginalPayerClaimNumber is { } original) w.Segment("REF", "F8", X12Writer.Clean(original, 50));
        if (doc.Claim.AuthorizationNumber is { } auth) w.Segment("REF", "G1", X12Writer.Clean(auth, 50));
    }
}
