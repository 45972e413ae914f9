namespace Trellis.Web.Features.Billing.Charges;

/// <summary>
/// Why a charge is held, with the words a billing specialist reads. Some holds a specialist may release
/// (the payer granted a retro authorization by phone, it accepts a short day); the others name something
/// that must be fixed where it lives (sign the note, record the coverage or the consent, renew the licence),
/// and no release lets such a charge reach a claim.
/// </summary>
public static class HoldReasons
{
    public const string NoteUnsigned = "note_unsigned";
    public const string NoteNotCosigned = "note_not_cosigned";
    public const string NoAuthorization = "no_authorization";
    public const string AuthorizationUsedUp = "authorization_used_up";
    public const string NoCoverage = "no_coverage";
    public const string LicenceExpired = "licence_expired";
    public const string Part2NoConsent = "part2_no_consent";
    public const string BelowMinimum = "below_minimum";
    public const string NoFeeSchedule = "no_fee_schedule";
    public const string MissingProviderNpi = "missing_provider_npi";

    public static readonly string[] All =
        [NoteUnsigned, NoteNotCosigned, NoAuthorization, AuthorizationUsedUp, NoCoverage, LicenceExpired, Part2NoConsent, BelowMinimum, NoFeeSchedule, MissingProviderNpi];

    private static readonly HashSet<string> ReleasableCodes = [NoAuthorization, AuthorizationUsedUp, BelowMinimum];

    public static bool Releasable(string code) => ReleasableCodes.Contains(code);

    public static string Label(string code) => code switch
    {
        NoteUnsigned => "Note not signed",
        NoteNotCosigned => "Note not co-signed",
        NoAuthorization => "No authorization",
        AuthorizationUsedUp => "Authorization used up",
        NoCoverage => "No active coverage",
        LicenceExpired => "Licence expired",
        Part2NoConsent => "No Part 2 consent for the payer",
        BelowMinimum => "Below the payer's minimum",
        NoFeeSchedule => "No fee schedule",
        MissingProviderNpi => "Clinician without NPI",
        _ => code,
    };
}
