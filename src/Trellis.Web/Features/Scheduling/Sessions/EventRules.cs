using System.ComponentModel.DataAnnotations;

namespace Trellis.Web.Features.Scheduling;

/// <summary>What every dated event (a group session, an appointment) must say: it ends after it starts, and where people go.</summary>
public static class EventRules
{
    public static IEnumerable<ValidationResult> Check(string what, TimeOnly? start, TimeOnly? end, Guid? roomId, string? telehealthUrl, string whereHint)
    {
        if (start is { } s && end is { } e && e <= s)
            yield return new($"The {what} ends at {e:H\\:mm}, which is not after it starts at {s:H\\:mm}.", ["EndTime"]);
        if (telehealthUrl is { Length: > 0 } url && !QueryText.IsHttpsUrl(url))
            yield return new("The video link must be a full https:// address.", ["TelehealthUrl"]);
        if (roomId is null && string.IsNullOrWhiteSpace(telehealthUrl))
            yield return new($"Choose a room or give a video link{whereHint}.", ["RoomId"]);
    }
}
