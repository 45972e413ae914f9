namespace Trellis.Web.Features.Mail;

/// <summary>
/// The words of an email or text. Made only by <see cref="Notices"/>, from fixed sentences and a link: an email or a text
/// leaves the clinic's control (a shared phone, a work inbox), so it never carries a name of a condition, a message's
/// content, a score or a clinician's note. The person signs in to read the rest.
/// </summary>
public sealed record Notice(string Kind, string Subject, string Text);

public static class Notices
{
    private const string Crisis = "Trellis is not for emergencies: in a crisis call or text 988, or call 911.";
    private const string Footer = "\n\n" + Crisis + "\nYou get this because you have an account with your care team's portal.";

    public static Notice PasswordReset(string link, int minutes) => new("password_reset", "Reset your password",
        $"Someone (we hope you) asked to reset your password.\n\nSet a new one here, within {minutes} minutes: {link}\n\n" +
        "The link works once. If you did not ask, ignore this email: your password stays as it is." + Footer);

    public static Notice Invitation(string link, int days) => new("invitation", "Your invitation to the portal",
        $"Your care team invites you to their online portal.\n\nChoose your password here, within {days} days: {link}\n\n" +
        "The link works once. If you were not expecting this, ignore it." + Footer);

    /// <summary>A support person's invitation: it names neither the participant nor the program (that would disclose treatment).</summary>
    public static Notice SupportInvitation(string link, int days) => new("support_invitation", "Your invitation to the portal",
        $"Someone you know invited you to follow part of their care in their care team's portal, as their support person.\n\nChoose your password here, within {days} days: {link}\n\n" +
        "The link works once. If you were not expecting this, ignore it." + Footer);

    public static Notice InvitationText(string link) => new("invitation", "",
        $"Your care team invites you to their portal. Choose a password: {link} (works once). Not for emergencies: call or text 988.");

    public static Notice NewMessage(string link) => new("message", "You have a new message",
        $"You have a new message from your care team.\n\nSign in to read it: {link}" + Footer);

    public static Notice NewMessageText(string link) => new("message", "",
        $"You have a new message from your care team. Sign in to read it: {link}");

    // Reminders (Features/Reminders): a time and "your session" or "your appointment", never a title, a clinician, a
    // questionnaire's or a document's name: the kind of session can tell what someone is treated for.
    public static Notice SessionTomorrow(string time, bool video, bool text, string link) =>
        Reminder("reminder_session", $"You have a session tomorrow at {time}{(video ? ", by video" : "")}.", link, text);

    public static Notice AppointmentTomorrow(string time, bool video, bool text, string link) =>
        Reminder("reminder_appointment", $"You have an appointment tomorrow at {time}{(video ? ", by video" : "")}.", link, text);

    public static Notice MissedSession(bool text, string link) =>
        Reminder("reminder_missed", "We missed you at your session. Your care team would like to hear how you are doing.", link, text);

    public static Notice MeasuresDue(bool text, string link) => Reminder("reminder_measures", "You have a short questionnaire to fill in.", link, text);

    public static Notice DocumentsToSign(bool text, string link) => Reminder("reminder_documents", "You have documents to read and sign.", link, text);

    private static Notice Reminder(string kind, string sentence, string link, bool text) => text
        ? new(kind, "", $"{sentence} Details: {link} Not for emergencies: call or text 988.")
        : new(kind, "A reminder from your care team",
            $"{sentence}\n\nSign in for the details: {link}\n\nTo change which reminders you get, open Reminders in the portal." + Footer);
}
