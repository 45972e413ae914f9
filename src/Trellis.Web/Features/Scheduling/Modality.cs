namespace Trellis.Web.Features.Scheduling;

/// <summary>
/// How a service was delivered: in person, or by telehealth with audio and video. Recorded on the attendance record (what
/// the charge reads: place of service 02/10 and the payer's GT/95 modifier) and on the note written for the visit (what
/// the signed note and its PDF say). Audio-only telehealth is not offered: the portal's visits are video rooms.
/// </summary>
public enum Modality { InPerson, Video }

/// <summary>The one spelling of "was this by video", for attendance, notes and charges alike.</summary>
public static class Modalities
{
    /// <summary>
    /// A session or appointment is held by video when it is in a video room, or has a video link and no room. A link
    /// beside a physical room is a hybrid session: who joined by video says so with the attendance status "By video".
    /// </summary>
    public static bool EventByVideo(Guid? roomId, bool roomIsVideo, string? telehealthUrl) =>
        roomIsVideo || (roomId is null && telehealthUrl is not null);

    /// <summary>One participant's attendance: by video when marked so, or when the whole event was.</summary>
    public static Modality Of(AttendanceStatus status, bool eventByVideo) =>
        status == AttendanceStatus.Telehealth || eventByVideo ? Modality.Video : Modality.InPerson;

    /// <summary>The words on a note, its print and its PDF.</summary>
    public static string Describe(Modality modality) => modality switch
    {
        Modality.Video => "Telehealth (audio and video)",
        _ => "In person",
    };
}
