using Ical.Net;
using Trellis.Web.Features.Scheduling;

namespace Trellis.Tests.Scheduling;

[Trait("Category", "Unit")]
public class ICalendarWriterTests
{
    private static ScheduleItem Item(string title, DateTimeOffset start, bool cancelled = false, string? participant = null) =>
        new(ScheduleItemKind.GroupSession, Guid.NewGuid(), title, ServiceType.SkillsGroup, start, start.AddMinutes(50), DateOnly.FromDateTime(start.UtcDateTime),
            "10:00", "10:50", "America/New_York", "Willow Group Room", null, cancelled, cancelled ? "Staff training" : null, "Morning", ["Dana Reyes"], participant, null, null);

    [Fact]
    public void A_private_feed_says_only_Trellis_session_time_and_place_and_parses_back()
    {
        var start = new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero);
        var text = ICalendarWriter.Write([Item("DBT skills group", start), Item("Process group", start.AddDays(2), cancelled: true)], "My Trellis schedule", false, start);
        Assert.DoesNotContain("DBT", text);
        Assert.DoesNotContain("Dana", text);
        Assert.DoesNotContain("Morning", text);
        var calendar = Calendar.Load(text)!;
        Assert.Equal(2, calendar.Events.Count);
        var first = calendar.Events.OrderBy(e => e.Start!.AsUtc).First();
        Assert.Equal(ICalendarWriter.PrivateTitle, first.Summary);
        Assert.Equal(start.UtcDateTime, first.Start!.AsUtc);
        Assert.Equal(start.AddMinutes(50).UtcDateTime, first.End!.AsUtc);
        Assert.Equal("Willow Group Room", first.Location);
        Assert.Equal("CANCELLED", calendar.Events.OrderBy(e => e.Start!.AsUtc).Last().Status);
    }

    [Fact]
    public void With_details_switched_on_the_titles_and_people_are_shown()
    {
        var start = new DateTimeOffset(2026, 11, 2, 18, 0, 0, TimeSpan.Zero);
        var calendar = Calendar.Load(ICalendarWriter.Write([Item("Individual therapy", start, participant: "Ro Quillfeather")], "Trellis: my sessions", true, start))!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal("Individual therapy: Ro Quillfeather", e.Summary);
        Assert.Contains("With Dana Reyes", e.Description);
    }
}
