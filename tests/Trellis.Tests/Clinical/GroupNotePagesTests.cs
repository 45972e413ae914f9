using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes;

namespace Trellis.Tests.Clinical;

/// <summary>The group note page at a real size (issue 13, point 3) and the notes pages' "done" messages, through the pages as a browser posts them.</summary>
public class GroupNotePagesTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static readonly string[] LastNames = ["Abara", "Bellweather", "Castellano", "Dunmore", "Ekwueme", "Fairbanks", "Galloway", "Halvorsen"];

    private async Task<(Guid Session, List<Web.Features.Participants.Participant> People)> EightAttendeesAsync(int withGoals)
    {
        var people = new List<Web.Features.Participants.Participant>();
        foreach (var last in LastNames) people.Add(await Clinic.FreshParticipantAsync(app, last: last + Random.Shared.Next(10, 99)));
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var api = await app.ApiAsync(Roles.Clinician);
        foreach (var p in people.Take(withGoals))
            await api.PutAsJsonAsync($"/api/participants/{p.Id}/treatment-plan", Clinic.PlanBody(clinician.Id, $"I want my evenings back ({p.LegalLastName})"));
        return (await Clinic.HeldSessionAsync(app, people.Select(p => p.Id)), people.OrderBy(p => p.LegalLastName).ToList());
    }

    private static string Fragment(AngleSharp.Dom.IElement link) => link.GetAttribute("href")!.Split('#')[1];

    [Fact]
    public async Task A_premature_sign_at_eight_attendees_puts_each_named_message_at_its_field_and_links_them_all_from_the_top()
    {
        var (session, people) = await EightAttendeesAsync(withGoals: 2);
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (response, doc) = await pages.SubmitAsync($"/group-sessions/{session}/note", "group-note", new Dictionary<string, string?>
        {
            ["Input.Summary"] = "Check-in, then values cards in pairs and a closing round.", ["Action"] = "sign",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The draft is saved but not signed", doc.QuerySelector(".alert-error[role=alert]")!.TextContent);

        var links = doc.GetElementById("error-summary")!.QuerySelectorAll("a").ToList();
        // Per attendee: participation, presentation, response, their sentence; and the goal for the two with a plan.
        Assert.Equal(8 * 4 + 2, links.Count);
        Assert.Equal(links.Count, links.Select(l => l.TextContent).Distinct().Count());
        for (var i = 0; i < people.Count; i++)
        {
            var name = $"Test {people[i].LegalLastName}";
            var own = links.Where(l => Fragment(l).StartsWith($"p{i}-", StringComparison.Ordinal)).ToList();
            Assert.Equal(i < 2 ? 5 : 4, own.Count);
            Assert.All(own, l => Assert.StartsWith(name + ":", l.TextContent));
            foreach (var link in own)
            {
                Assert.StartsWith($"/group-sessions/{session}/note#", link.GetAttribute("href"));
                var target = doc.GetElementById(Fragment(link));
                Assert.NotNull(target);
                Assert.True(target!.Closest("fieldset.group-part-edit")!.Id == $"p{i}", $"{link.TextContent} links outside {name}'s part");
            }
            // Beside the fields: the same messages, inside this attendee's part only.
            var part = doc.GetElementById($"p{i}")!;
            var messages = part.QuerySelectorAll(".validation-message").Select(m => m.TextContent).ToList();
            Assert.Equal(own.Count, messages.Count);
            Assert.All(messages, m => Assert.StartsWith(name + ":", m));
        }
        Assert.Contains("choose the participation level", doc.GetElementById("p0-level")!.Closest(".field")!.TextContent);

        await using var s = app.Db();
        var note = await s.Context.Set<GroupNote>().SingleAsync(g => g.GroupSessionId == session);
        Assert.Equal(NoteStatus.Draft, note.Status);
        Assert.Equal("Check-in, then values cards in pairs and a closing round.", note.Summary);
    }

    [Fact]
    public async Task Eight_parts_are_three_choices_and_one_sentence_each_and_sign_from_the_page()
    {
        var (session, people) = await EightAttendeesAsync(withGoals: 1);
        using var pages = await app.PagesAsync(Roles.Clinician);
        var (_, blank) = await pages.GetAsync($"/group-sessions/{session}/note");
        // Eight sentences, eight folded-away details: the typing the form asks for.
        Assert.Equal(8, blank.QuerySelectorAll("fieldset.group-part-edit details.part-detail:not([open])").Length);
        Assert.Equal(1 + 8, blank.QuerySelectorAll("textarea").Count(t => t.Closest("details") is null));

        var fields = new Dictionary<string, string?> { ["Input.Summary"] = "Values cards in pairs, then one action for each value this week.", ["Action"] = "sign" };
        string[] sentences =
        [
            "picked honesty and said it means telling her sister about treatment",
            "argued that work is a value, then agreed rest might be one too",
            "chose courage and named the phone call to the dentist as the action",
            "was quiet, then said family and asked to keep the card",
            "laughed when her card said adventure, then named the night class she stopped",
            "picked faith and linked it to going back to the Tuesday meeting",
            "said none fit, tried two, and settled on kindness toward himself",
            "chose health and planned a ten-minute walk after dinner",
        ];
        for (var i = 0; i < 8; i++)
        {
            fields[$"Input.Parts[{i}].ParticipationLevel"] = i == 3 ? "Minimal" : "Active";
            fields[$"Input.Parts[{i}].Presentation"] = i == 3 ? "Flat" : "Euthymic";
            fields[$"Input.Parts[{i}].InterventionResponse"] = "Receptive";
            fields[$"Input.Parts[{i}].Sections[0].Text"] = $"{people[i].LegalFirstName} {sentences[i]}.";
        }
        fields["Input.Parts[0].Goals[0].Picked"] = "true";
        var (response, _) = await pages.SubmitAsync($"/group-sessions/{session}/note", "group-note", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, after) = await pages.GetAsync(response.Headers.Location!.ToString());
        Assert.Contains("Signed and locked", after.QuerySelector("[role=status]")!.TextContent);

        await using var s = app.Db();
        var note = await s.Context.Set<GroupNote>().Include(g => g.Parts).ThenInclude(p => p.Goals).SingleAsync(g => g.GroupSessionId == session);
        Assert.Equal(NoteStatus.Locked, note.Status);
        Assert.Equal(8, note.Parts.Count);
        Assert.All(note.Parts, p => Assert.Equal(InterventionResponse.Receptive, p.InterventionResponse));
        Assert.Equal(Presentation.Flat, note.Parts.Single(p => p.ParticipantId == people[3].Id).Presentation);
        Assert.Single(note.Parts.Single(p => p.ParticipantId == people[0].Id).Goals);
    }

    [Fact]
    public async Task A_done_message_in_the_link_is_never_shown()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var session = await Clinic.HeldSessionAsync(app, [p.Id]);
        using var pages = await app.PagesAsync(Roles.Clinician);
        foreach (var url in new[] { $"/participants/{p.Id}/notes?done=Every+note+was+deleted", $"/group-sessions/{session}/note?done=Every+note+was+deleted" })
        {
            var (response, doc) = await pages.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("Every note was deleted", doc.Body!.TextContent);
        }
    }
}
