using System.Security.Cryptography;
using System.Text;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Organization;
using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.Portal.Documents;

/// <summary>
/// One document of the intake packet as a participant reads it: the exact text (their name, their program), its SHA-256,
/// the orientation item its signature completes, and for a consent to disclose the elements recorded with it.
/// </summary>
public sealed record PacketDocument(string Key, int Version, string Title, string Text, OrientationItem? Completes, ConsentInput? Consent)
{
    public string Sha256 { get; } = IntakePacket.Hash(Text);
}

/// <summary>
/// The intake packet's templates: consent to treatment, privacy notice acknowledgment, financial agreement, release of
/// information to the emergency contact (when one is on file) and, in a 42 CFR Part 2 program, the consent to disclose
/// for payment with every §2.31 element (the same elements intake records: <see cref="OrientationRecords.Draft"/>).
/// A change of wording is a new version: a signature names the version and the hash of the text it saw.
/// </summary>
public static class IntakePacket
{
    public const string ConsentToTreatment = "consent-to-treatment", PrivacyNotice = "privacy-notice", FinancialAgreement = "financial-agreement",
        ReleaseOfInformation = "release-of-information", Part2Consent = "part2-consent", TelehealthConsent = "telehealth-consent";

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static IReadOnlyList<PacketDocument> For(Participant p, TreatmentProgram program, string clinic, DateOnly today)
    {
        var name = p.LegalName;
        var docs = new List<PacketDocument>
        {
            new(ConsentToTreatment, 1, "Consent to treatment", Lines(
                $"I, {name}, consent to intensive outpatient treatment in {program.Name} at {clinic}.",
                "Treatment includes group therapy, individual therapy, and where my care team and I agree, medication management, case management and family sessions. The program meets several days a week; my schedule is in the portal.",
                "I was told what the program is for, what it asks of me, its benefits and risks, and the other kinds of care I could choose instead. I may ask questions at any time.",
                "I may stop treatment at any time by telling my care team. If I am at risk of harming myself or others, my care team may act to keep me safe, including contacting emergency services.",
                "This consent lasts until my treatment in this program ends or I withdraw it in writing."), OrientationItem.ConsentToTreatment, null),
            new(PrivacyNotice, 1, "Acknowledgment of the notice of privacy practices", Lines(
                $"I, {name}, acknowledge that I received the notice of privacy practices of {clinic}.",
                "The notice explains how my health information may be used and disclosed, my rights to see and get a copy of my records, to ask for corrections and limits, to get a list of disclosures, and how to complain without fear of retaliation.",
                program.IsPart2
                    ? "Because this is a substance use program, my records are also protected by federal law (42 CFR Part 2): they are not disclosed without my written consent except as that law allows, and the notice includes the Part 2 notice."
                    : "I may ask for another copy of the notice at any time.",
                "Signing this acknowledges that I received the notice; it does not mean I agree to any particular use of my information."), OrientationItem.PrivacyNotice, null),
            new(FinancialAgreement, 1, "Financial agreement", Lines(
                $"I, {name}, agree that {clinic} may bill my health plan for the services I receive in {program.Name}.",
                "I am responsible for any copayment, coinsurance or deductible my plan sets, and for services my plan does not cover, after the clinic has told me about them. If I cannot pay, I may ask about the sliding fee scale.",
                "The clinic will give me an estimate of my costs on request and a statement of my account."), null, null),
            new(TelehealthConsent, 1, "Consent to telehealth", Lines(
                $"I, {name}, consent to take part in sessions and appointments of {program.Name} by live video when my care team and I choose it.",
                $"Video visits use {clinic}'s own video service. The link to each visit is shown in the portal shortly before it starts; I will not share it. Nobody records a visit without my written permission.",
                "At the start of each video visit I will say where I am, so my care team can send help to me in an emergency, and I will join from a private place where others cannot overhear.",
                "Video has limits: the connection may fail, and some things are better done in person. My care team may ask me to come in instead. I may choose to be seen in person at any time.",
                "If the video stops during a visit, my care team will try to call me. In a crisis I call or text 988, or call 911.",
                "This consent lasts until my treatment in this program ends or I withdraw it in writing. Signing it once covers every video visit."), null, null),
        };
        if (!string.IsNullOrWhiteSpace(p.EmergencyContactName))
        {
            var release = OrientationRecords.Draft(program.IsPart2 ? ConsentKind.Part2 : ConsentKind.Release, name, program, null, today);
            release.Recipient = $"{p.EmergencyContactName!.Trim()}{(string.IsNullOrWhiteSpace(p.EmergencyContactRelationship) ? "" : $" ({p.EmergencyContactRelationship.Trim()})")}, my emergency contact";
            release.Information = "That I am in treatment in this program, whether I attended on a given day, and how to reach me in an emergency. No diagnoses, test results or notes.";
            release.Purpose = "To reach me, or to be told, in an emergency.";
            release.ExpiresOn = today.AddYears(1);
            release.ExpiresOnEvent = null;
            docs.Add(Consent(ReleaseOfInformation, "Release of information to my emergency contact", release, program.IsPart2, OrientationItem.ReleasesOfInformation));
        }
        if (program.IsPart2)
            docs.Add(Consent(Part2Consent, "Consent to disclose substance use records for payment (42 CFR Part 2)",
                OrientationRecords.Draft(ConsentKind.Part2, name, program, null, today), true, OrientationItem.Part2Consent));
        return docs;
    }

    /// <summary>A consent to disclose in words, one element per paragraph, so the signed text itself holds every element the rules ask for.</summary>
    private static PacketDocument Consent(string key, string title, ConsentInput c, bool part2, OrientationItem item)
    {
        c.RightToRevokeExplained = true;
        c.RedisclosureNoticeGiven = part2;
        var text = Lines(
            $"Patient: {c.PatientName}.",
            $"Who may disclose: {c.DisclosingParty}.",
            $"What may be disclosed: {c.Information}" + (part2 ? " This includes information that identifies me as having or having had a substance use disorder." : ""),
            $"To whom: {c.Recipient}.",
            $"Purpose: {c.Purpose}",
            $"This consent expires {(c.ExpiresOn is { } on ? $"on {on:MMMM d, yyyy}" : $"on this event: {c.ExpiresOnEvent}")}.",
            "I may revoke this consent at any time, in writing or by telling my care team, except to the extent that the program has already acted on it.",
            part2
                ? "My substance use records are protected by federal law (42 CFR Part 2). My treatment, payment, enrollment or eligibility for benefits does not depend on my signing this consent. Records disclosed under this consent to a program, covered entity or business associate may be redisclosed by them as federal law allows; records given to others may be redisclosed only as Part 2 permits. Records shared under this consent will not be used in civil, criminal, administrative or legislative proceedings against me without my separate consent or a court order."
                : "My treatment does not depend on my signing this authorization. Information disclosed may be redisclosed by the recipient and may no longer be protected by federal privacy law.",
            "Signed by the patient, with the date and time of signature below.");
        return new PacketDocument(key, 1, title, text, item, c);
    }

    private static string Lines(params string[] paragraphs) => string.Join("\n\n", paragraphs);
}
