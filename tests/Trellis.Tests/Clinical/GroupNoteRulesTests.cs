using Trellis.Web.Features.Notes;
using Trellis.Web.Features.Scheduling;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Tests.Clinical;

[Trait("Category", "Unit")]
public class GroupNoteRulesTests
{
    private static SessionNote Eight(Func<int, ClinicalNote?> part)
    {
        var attendees = Enumerable.Range(0, 8).Select(i => new Attendee(Guid.NewGuid(), $"Person {(char)('A' + i)}", AttendanceStatus.Present, 50,
            i == 0 ? [new GoalRef(Guid.NewGuid(), "Sleep through the night", "Insomnia")] : [])).ToList();
        var note = new GroupNote { Summary = "Sleep hygiene." };
        for (var i = 0; i < 8; i++)
            if (part(i) is { } p) { p.ParticipantId = attendees[i].ParticipantId; note.Parts.Add(p); }
        return new SessionNote(new GroupSession { Title = "Sleep" }, note, attendees);
    }

    [Fact]
    public void An_unwritten_group_of_eight_gives_one_message_per_attendee_and_field_each_naming_the_attendee()
    {
        var refusal = GroupNoteRules.Incomplete(Eight(_ => null))!;
        Assert.Equal(8 * 4 + 1, refusal.Errors!.Count);
        Assert.Equal(refusal.Errors.Count, refusal.Errors.Values.Select(v => v.Single()).Distinct().Count());
        Assert.StartsWith("Person C: ", refusal.Errors["parts[2].presentation"].Single());
        Assert.Contains("goal", refusal.Errors["parts[0].goalIds"].Single());
        Assert.False(refusal.Errors.ContainsKey("parts[1].goalIds")); // no plan goals yet: nothing to tick
    }

    [Fact]
    public void Choices_and_one_sentence_are_enough_and_the_details_stay_optional()
    {
        var sn = Eight(i => new ClinicalNote
        {
            Format = NoteFormat.GroupPart, ParticipationLevel = ParticipationLevel.Active, Presentation = Presentation.Euthymic,
            InterventionResponse = InterventionResponse.Applied, Sections = new() { ["participation"] = $"Sentence {i}." },
        });
        var refusal = GroupNoteRules.Incomplete(sn)!;
        Assert.Equal(["parts[0].goalIds"], refusal.Errors!.Keys);
        Assert.Empty(NoteFormats.Missing(NoteFormat.GroupPart, new Dictionary<string, string> { ["participation"] = "Sentence." }));
    }

    [Fact]
    public void The_page_places_each_input_path_at_its_field_and_anchor()
    {
        var form = new GroupNoteForm { Parts = [new GroupPartForm { Sections = NoteFormText.Sections(NoteFormat.GroupPart) }] };
        Assert.Equal("parts[0].sections[3].text", form.FieldOf("parts[0].sections.plan"));
        Assert.Equal("parts[0].goals", form.FieldOf("parts[0].goalIds"));
        Assert.Equal("parts[0].presentation", form.FieldOf("parts[0].presentation"));
        Assert.Equal("summary", form.FieldOf("summary"));
        Assert.Equal("p0-level", GroupNoteForm.AnchorOf("parts[0].participationLevel"));
        Assert.Equal("p0-participation", GroupNoteForm.AnchorOf("parts[0].sections.participation"));
        Assert.Equal("p0-goals", GroupNoteForm.AnchorOf("parts[0].goalIds"));
        Assert.Equal("p3", GroupNoteForm.AnchorOf("parts[3]"));
        Assert.Equal("late", GroupNoteForm.AnchorOf("lateEntryReason"));
    }
}
