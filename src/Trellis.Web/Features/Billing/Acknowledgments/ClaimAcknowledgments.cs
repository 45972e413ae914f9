using Trellis.Web.Features.Billing.X12;

namespace Trellis.Web.Features.Billing.Acknowledgments;

/// <summary>What an acknowledgment says about one claim (277CA) or one 837 transaction (999).</summary>
public sealed record AcknowledgedClaim(int Position, string? PatientControlNumber, bool Accepted, string Reason, string? PayerClaimNumber);

/// <summary>
/// An acknowledgment file as read: a 999 (implementation acknowledgment, 005010X231A1) answers our 837
/// interchanges by their group control number (AK102 = our GS06) and each transaction's syntax; a 277CA
/// (claim acknowledgment, 005010X214) answers each claim by its patient control number (TRN02 = our CLM01)
/// with a status (STC) saying whether it entered adjudication.
/// </summary>
public sealed record AcknowledgmentFile(string Kind, long? GroupControlNumber, bool GroupAccepted, string GroupReason, List<AcknowledgedClaim> Claims);

/// <summary>
/// Reads 999 and 277CA files. Words for the codes are paraphrased from the X12 external code lists 507 (claim
/// status category) and 508 (claim status) and from the 999's own code lists (IK304, IK403, IK501, AK901); a
/// code not listed is shown as its number with a pointer to the list. Every fault names the segment and element.
/// </summary>
public static class ClaimAcknowledgments
{
    public static AcknowledgmentFile Read(string text)
    {
        var segments = X12Reader.Read(text);
        var st = segments.First(s => s.Id == "ST");
        return st[1] switch
        {
            "999" => Read999(segments),
            "277" => Read277(segments, st),
            _ => throw new X12Exception(st.Position, "ST", "ST01", $"This is a {st[1]} transaction, not an acknowledgment (999 or 277CA)."),
        };
    }

    private static AcknowledgmentFile Read999(List<X12Segment> segments)
    {
        var ak1 = segments.FirstOrDefault(s => s.Id == "AK1") ?? throw new X12Exception(segments[0].Position, "AK1", null, "The functional group response (AK1) is missing.");
        if (ak1[1] != "HC") throw new X12Exception(ak1.Position, "AK1", "AK101", $"This 999 answers a '{ak1[1]}' group, not claims (HC).");
        if (!long.TryParse(ak1.Required(2, "The group control number answered"), out var group))
            throw new X12Exception(ak1.Position, "AK1", "AK102", $"'{ak1[2]}' is not a group control number.");
        var errors = new List<string>();
        var transactions = new List<AcknowledgedClaim>();
        X12Segment? ak2 = null;
        foreach (var s in segments)
        {
            switch (s.Id)
            {
                case "AK2": ak2 = s; errors.Clear(); break;
                case "IK3":
                    errors.Add($"segment {s[1]} (position {s[2]} in the transaction): {SegmentError(s[4])}");
                    break;
                case "IK4":
                    errors.Add($"element {s.Components(1)[0]}{(s[2].Length > 0 ? $" (data element {s[2]})" : "")}: {ElementError(s[3])}{(s[4].Length > 0 ? $" ('{s[4]}')" : "")}");
                    break;
                case "IK5":
                    if (ak2 is null) throw new X12Exception(s.Position, "IK5", null, "A transaction response (IK5) appears before its AK2.");
                    var code = s.Required(1, "The transaction acknowledgment code");
                    if (code is not ("A" or "E" or "M" or "R" or "W" or "X")) throw new X12Exception(s.Position, "IK5", "IK501", $"'{code}' is not an acknowledgment code (A, E, M, R, W, X).");
                    var accepted = code is "A" or "E";
                    var reason = accepted ? (code == "A" ? "Accepted" : "Accepted with errors: " + string.Join("; ", errors))
                        : "Rejected by the clearinghouse: " + (errors.Count > 0 ? string.Join("; ", errors) : TransactionError(s[2]));
                    transactions.Add(new AcknowledgedClaim(s.Position, null, accepted, reason, null));
                    break;
            }
        }
        var ak9 = segments.FirstOrDefault(s => s.Id == "AK9") ?? throw new X12Exception(segments[^1].Position, "AK9", null, "The functional group response trailer (AK9) is missing.");
        var groupCode = ak9.Required(1, "The functional group acknowledgment code");
        if (groupCode is not ("A" or "E" or "M" or "P" or "R" or "W" or "X")) throw new X12Exception(ak9.Position, "AK9", "AK901", $"'{groupCode}' is not an acknowledgment code (A, E, M, P, R, W, X).");
        var groupAccepted = groupCode is "A" or "E";
        var groupReason = groupAccepted ? "Accepted" : groupCode == "P" ? "Partly accepted: some transactions were rejected" : "Rejected by the clearinghouse" +
            (transactions.FirstOrDefault(t => !t.Accepted) is { } first ? ": " + first.Reason["Rejected by the clearinghouse: ".Length..] : "");
        return new AcknowledgmentFile("999", group, groupAccepted, groupReason, transactions);
    }

    private static AcknowledgmentFile Read277(List<X12Segment> segments, X12Segment st)
    {
        if (!string.IsNullOrEmpty(st[3]) && st[3] != "005010X214") throw new X12Exception(st.Position, "ST", "ST03", $"Implementation guide {st[3]} is not 005010X214 (277CA).");
        var claims = new List<AcknowledgedClaim>();
        string? level = null, pcn = null, icn = null;
        X12Segment? status = null;
        void Flush()
        {
            if (level == "PT" && pcn is not null && status is not null)
                claims.Add(Claim(status, pcn, icn));
            pcn = null; icn = null; status = null;
        }
        foreach (var s in segments)
        {
            switch (s.Id)
            {
                case "HL":
                    Flush();
                    level = s.Required(3, "The hierarchical level code");
                    break;
                case "TRN" when level == "PT":
                    pcn = s.Required(2, "The patient control number (our CLM01)");
                    break;
                case "STC" when level == "PT" && status is null:
                    status = s;
                    break;
                case "REF" when level == "PT" && s[1] == "1K":
                    icn = s[2];
                    break;
                case "SE":
                    Flush();
                    break;
            }
        }
        return new AcknowledgmentFile("277CA", null, true, "", claims);
    }

    private static AcknowledgedClaim Claim(X12Segment stc, string pcn, string? icn)
    {
        var parts = stc.Components(1);
        var category = parts[0];
        if (!System.Text.RegularExpressions.Regex.IsMatch(category, "^[A-Z][0-9]{1,2}$")) throw new X12Exception(stc.Position, "STC", "STC01", $"'{stc[1]}' is not a claim status such as A1:20 or A7:21:IL.");
        var accepted = category is "A1" or "A2" or "A5";
        var words = $"{Category(category)}: {Status(parts.ElementAtOrDefault(1))}" + (parts.ElementAtOrDefault(2) is { Length: > 0 } entity ? $" ({Entity(entity)})" : "");
        // A second status in STC10/STC11 adds to the first (e.g. the member id as well as the subscriber).
        foreach (var more in new[] { stc[10], stc[11] }.Where(m => m.Length > 0))
        {
            var p = more.Split(stc.ComponentSeparator);
            words += $"; {Status(p.ElementAtOrDefault(1))}" + (p.ElementAtOrDefault(2) is { Length: > 0 } e ? $" ({Entity(e)})" : "");
        }
        return new AcknowledgedClaim(stc.Position, pcn, accepted, words, string.IsNullOrEmpty(icn) ? null : icn);
    }

    public static string Category(string code) => code switch
    {
        "A0" => "Forwarded to another entity",
        "A1" => "Received",
        "A2" => "Accepted into adjudication",
        "A3" => "Returned as unprocessable",
        "A4" => "Not found",
        "A5" => "Split",
        "A6" => "Rejected for missing information",
        "A7" => "Rejected for invalid information",
        "A8" => "Rejected for a relational field in error",
        _ => $"Category {code} (X12 code list 507)",
    };

    public static string Status(string? code) => code switch
    {
        null or "" => "no status code",
        "0" => "cannot provide further status electronically",
        "19" => "the entity acknowledges receipt of the claim",
        "20" => "accepted for processing",
        "21" => "missing or invalid information",
        "33" => "subscriber and subscriber id not found",
        "35" => "claim not found",
        "97" => "patient eligibility not found with the entity",
        "116" => "claim submitted to the wrong payer",
        "145" => "the entity's primary identifier",
        "164" => "the entity's contract or member number",
        "187" => "date(s) of service",
        "254" => "principal diagnosis code",
        "400" => "the claim is out of balance",
        "454" => "procedure code for the services rendered",
        "562" => "the entity's National Provider Identifier (NPI)",
        _ => $"status code {code} (X12 code list 508)",
    };

    public static string Entity(string code) => code switch
    {
        "IL" => "subscriber", "QC" => "patient", "85" => "billing provider", "82" => "rendering provider", "71" => "attending provider",
        "PR" => "payer", "41" => "submitter", "40" => "receiver", "77" => "service location",
        _ => $"entity {code}",
    };

    private static string SegmentError(string code) => code switch
    {
        "1" => "unrecognized segment", "2" => "unexpected segment", "3" => "required segment missing", "4" => "loop occurs over its maximum",
        "5" => "segment exceeds its maximum use", "6" => "segment not in the transaction", "7" => "segment out of order", "8" => "segment has data element errors",
        "I4" => "implementation: segment not used", "I6" => "implementation: dependent segment missing", "I7" => "implementation: loop occurs under its minimum",
        "I8" => "implementation: segment under its minimum use", "I9" => "implementation: dependent segment not used",
        _ => $"error {code}",
    };

    private static string ElementError(string code) => code switch
    {
        "1" => "required element missing", "2" => "conditional required element missing", "3" => "too many elements", "4" => "too short", "5" => "too long",
        "6" => "invalid character", "7" => "invalid code value", "8" => "invalid date", "9" => "invalid time", "10" => "exclusion condition violated",
        "12" => "too many repetitions", "13" => "too many components", "I10" => "implementation: not used", "I12" => "implementation: pattern match failure",
        "I13" => "implementation: dependent element missing", "I6" => "implementation: code value not used", "I9" => "implementation: dependent element not used",
        _ => $"error {code}",
    };

    private static string TransactionError(string code) => code switch
    {
        "1" => "transaction set not supported", "2" => "trailer missing", "3" => "control numbers in header and trailer do not match",
        "4" => "number of included segments does not match the actual count", "5" => "one or more segments in error",
        "23" => "transaction set control number not unique within the group", "I5" => "implementation: one or more segments in error",
        "I6" => "implementation convention not supported", "" => "no reason given",
        _ => $"error {code}",
    };
}
