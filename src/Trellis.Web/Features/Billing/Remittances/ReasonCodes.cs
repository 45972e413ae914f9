namespace Trellis.Web.Features.Billing.Remittances;

/// <summary>
/// Claim adjustment reason codes (CARC), remark codes (RARC) and adjustment groups in words, for the codes
/// behavioral health remittances carry most. Paraphrased from the X12 external code lists (docs/billing.md);
/// a code not listed is shown as its number with a pointer to the list.
/// </summary>
public static class ReasonCodes
{
    private static readonly Dictionary<string, string> Carc = new()
    {
        ["1"] = "Deductible amount",
        ["2"] = "Coinsurance amount",
        ["3"] = "Co-payment amount",
        ["4"] = "The procedure code does not fit the modifier used, or a required modifier is missing",
        ["5"] = "The procedure code or type of bill does not fit the place of service",
        ["11"] = "The diagnosis does not fit the procedure",
        ["15"] = "The authorization number is missing, invalid or does not apply to the service",
        ["16"] = "The claim lacks information or has billing errors needed to adjudicate it",
        ["18"] = "Exact duplicate claim or service",
        ["22"] = "This care may be covered by another payer (coordination of benefits)",
        ["23"] = "The impact of prior payer adjudication, including payments and adjustments",
        ["27"] = "Expenses incurred after coverage ended",
        ["29"] = "The time limit for filing has expired",
        ["31"] = "The patient cannot be identified as our insured",
        ["45"] = "Charge exceeds the fee schedule or maximum allowable (contractual adjustment)",
        ["50"] = "Not deemed a medical necessity by the payer",
        ["96"] = "Non-covered charge",
        ["97"] = "Included in the payment for another service already adjudicated",
        ["109"] = "Not covered by this payer; send to the correct payer",
        ["119"] = "The benefit maximum for this period has been reached",
        ["151"] = "The payer judges the information does not support this many services",
        ["167"] = "This diagnosis is not covered",
        ["170"] = "Payment is denied when performed by this type of provider",
        ["185"] = "The rendering provider is not eligible to perform the service billed",
        ["197"] = "Precertification, authorization or notification is absent",
        ["198"] = "Precertification, notification or authorization exceeded",
        ["204"] = "This service is not covered under the patient's current benefit plan",
        ["242"] = "Services not provided by network or primary care providers",
        ["253"] = "Sequestration: reduction of federal payment",
    };

    private static readonly Dictionary<string, string> Rarc = new()
    {
        ["M15"] = "Separately billed services have been bundled as they are considered components of the same procedure",
        ["M20"] = "Missing or invalid HCPCS code",
        ["M62"] = "Missing, incomplete or invalid treatment authorization code",
        ["M76"] = "Missing, incomplete or invalid diagnosis or condition",
        ["M86"] = "Service denied because payment already made for the same or a similar procedure in the set time frame",
        ["MA01"] = "If you do not agree with what we approved, you may appeal in writing within the time limit",
        ["MA130"] = "The claim has incomplete or invalid information and no appeal rights are afforded; correct and resubmit it",
        ["N4"] = "Missing or incomplete prior insurance carrier's explanation of benefits",
        ["N30"] = "The patient is not eligible for this service",
        ["N54"] = "The claim information is inconsistent with pre-certified or authorized services",
        ["N130"] = "Consult the plan's benefit documents for coverage restrictions",
        ["N290"] = "Missing or invalid rendering provider identifier",
        ["N386"] = "This decision was based on a national coverage determination",
    };

    public static string Group(string code) => code switch
    {
        "CO" => "Contractual obligation (the clinic writes it off)",
        "PR" => "Patient responsibility",
        "OA" => "Other adjustment",
        "PI" => "Payer-initiated reduction",
        "CR" => "Correction or reversal",
        _ => code,
    };

    public static string Reason(string code) => Carc.TryGetValue(code, out var text) ? text : $"Reason code {code} (see the X12 claim adjustment reason code list)";
    public static string Remark(string code) => Rarc.TryGetValue(code, out var text) ? text : $"Remark code {code} (see the X12 remittance advice remark code list)";

    /// <summary>Contractual write-downs and patient shares are the ordinary outcome of a paid claim; anything else on an unpaid line is a denial to work.</summary>
    public static bool IsOrdinary(string group, string reason) => group == "PR" || (group == "CO" && reason is "45" or "253") || IsPriorPayer(group, reason);

    /// <summary>OA-23 on a secondary payer's 835: what the primary payer already paid and adjusted, not a denial.</summary>
    public static bool IsPriorPayer(string group, string reason) => group == "OA" && reason == "23";
}
