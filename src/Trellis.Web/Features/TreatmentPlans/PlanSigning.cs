using Trellis.Web.Features.Participants;

namespace Trellis.Web.Features.TreatmentPlans;

public enum PlanSigner { Clinician, Supervisor, Participant }

/// <summary>Who signs plan versions and what a version still needs: the rules the signing action, the pages and the API share.</summary>
public static class PlanSigning
{
    /// <summary>
    /// A typed signature is the name the participant goes by (<see cref="Participant.DisplayName"/>) or their legal
    /// name, case and spacing aside: either is theirs to sign with, and the plan keeps what they typed.
    /// </summary>
    public static bool MatchesName(string? typed, Participant p)
    {
        static string Norm(string s) => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(typed)) return false;
        var t = Norm(typed);
        return t == Norm(p.LegalName) || t == Norm(p.DisplayName);
    }

    /// <param name="inEffectNumber">The latest complete version: it stays in effect while a newer one waits for signatures.</param>
    public static string StatusText(TreatmentPlan plan, int latestNumber, int? inEffectNumber = null)
    {
        if (plan.Number == inEffectNumber) return "In effect";
        if (plan.Number != latestNumber) return "Replaced";
        if (plan.IsComplete) return "In effect";
        if (!plan.ClinicianSigned && !plan.ParticipantSigned) return "Draft";
        return "Awaiting signatures";
    }

    /// <summary>The signatures a version still needs, in words.</summary>
    public static List<string> Missing(TreatmentPlan plan)
    {
        var list = new List<string>();
        if (!plan.ClinicianSigned) list.Add("clinician");
        if (plan.SupervisorRequired && !plan.SupervisorSigned) list.Add("supervisor");
        if (!plan.ParticipantSigned) list.Add("participant");
        return list;
    }
}
