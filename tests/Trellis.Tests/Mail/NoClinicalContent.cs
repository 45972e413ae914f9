namespace Trellis.Tests.Mail;

/// <summary>Words that must never leave the clinic in an email or a text: diagnoses, measures, risk, substances, note and message text.</summary>
public static class NoClinicalContent
{
    private static readonly string[] Words =
    [
        "PHQ", "GAD", "C-SSRS", "suicid", "risk", "diagnos", "depress", "anxiety", "alcohol", "opioid", "cannabis", "relapse",
        "craving", "overdose", "score", "medication", "note", "F32", "F10", "F11", "substance", "withdrawal",
    ];

    /// <summary>Checks a caught email's subject and text; links are left out (their tokens are random letters).</summary>
    public static void Assert(CaughtMail mail, params string[] alsoForbidden) => Assert(mail.Subject + "\n" + mail.Body, alsoForbidden);

    public static void Assert(string text, params string[] alsoForbidden)
    {
        text = System.Text.RegularExpressions.Regex.Replace(text, @"https?://\S+", "<link>");
        foreach (var word in Words.Concat(alsoForbidden))
            Xunit.Assert.False(text.Contains(word, StringComparison.OrdinalIgnoreCase), $"'{word}' is in a message that leaves the clinic:\n{text}");
    }
}
