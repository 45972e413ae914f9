using Trellis.Web.Features.Plans;

namespace Trellis.Web.Features.Portal.Measures;

/// <summary>What a participant sees first when an answer shows a sign of suicide risk: 988, and what to do now.</summary>
public sealed record Crisis(string Line, string Name, string Call, string Text, string Message, IReadOnlyList<string> WhatToDoNow, string? SafetyPlan)
{
    /// <summary>The one wording of the crisis answer, for the API and the page alike. The numbers come from the safety plan's crisis lines.</summary>
    public static Crisis Now(bool hasSafetyPlan) => new(
        CrisisLines.Lifeline988.Phone!, "988 Suicide & Crisis Lifeline", "tel:988", "sms:988",
        "Thank you for answering honestly. You do not have to handle these thoughts alone.",
        [
            "Call or text 988 now to talk with someone, any time, day or night.",
            CrisisLines.Emergency,
            "Your care team has been told and will contact you today.",
            hasSafetyPlan ? "Open your safety plan and follow its steps." : "Stay with someone you trust, and keep away from anything you could use to hurt yourself.",
        ],
        hasSafetyPlan ? "/my/safety-plan" : null);
}
