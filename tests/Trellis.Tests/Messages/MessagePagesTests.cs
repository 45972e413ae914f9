using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Mail;
using Trellis.Tests.Portal;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Messages;

namespace Trellis.Tests.Messages;

/// <summary>The portal's thread, the chart's Messages tab and the team inbox, used through their forms.</summary>
public class MessagePagesTests(MailFactory app) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task A_participant_writes_the_team_reads_it_in_the_inbox_answers_from_the_chart_and_assigns_it()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        using var portal = await app.PagesAsync(Roles.Participant);
        var (page, doc) = await portal.GetAsync("/my/messages");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var compose = doc.QuerySelector("textarea[name='Input.Body']")!.Closest("form")!;
        Assert.Contains("Not for emergencies", compose.TextContent);
        Assert.Contains("988", compose.TextContent);

        var (empty, emptyDoc) = await portal.SubmitAsync("/my/messages", "send", new Dictionary<string, string?> { ["Input.Body"] = "  " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains(Trellis.Web.Features.Messages.Actions.MessageInput.Empty, emptyDoc.QuerySelector(".validation-message")!.TextContent);

        const string text = "Could my Thursday session move to the afternoon?";
        var (sent, _) = await portal.SubmitAsync("/my/messages", "send", new Dictionary<string, string?> { ["Input.Body"] = text });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var (_, mine) = await portal.GetAsync("/my/messages");
        Assert.Contains(text, mine.QuerySelector(".message-list")!.TextContent);

        using var clinician = await app.PagesAsync(Roles.Clinician);
        var (_, nav) = await clinician.GetAsync("/");
        Assert.NotNull(nav.QuerySelector("nav.mainnav a[href='/messages'] .badge-count"));
        var (inbox, inboxDoc) = await clinician.GetAsync("/messages");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        var row = inboxDoc.QuerySelectorAll("tbody tr").First(r => r.QuerySelector($"a[href='/participants/{pid}/messages']") is not null);
        Assert.Contains("1 unread", row.TextContent);

        var tab = $"/participants/{pid}/messages";
        var (_, tabDoc) = await clinician.GetAsync(tab);
        Assert.Contains(text, tabDoc.QuerySelector(".message-list")!.TextContent);
        Assert.Contains("Not for emergencies: call or text 988", tabDoc.QuerySelector("textarea[name='Input.Body']")!.Closest("form")!.TextContent);
        var (_, afterRead) = await clinician.GetAsync("/messages");
        Assert.DoesNotContain("unread", afterRead.QuerySelectorAll("tbody tr").First(r => r.QuerySelector($"a[href='{tab}']") is not null).TextContent);

        var (replied, _) = await clinician.SubmitAsync(tab, "send", new Dictionary<string, string?> { ["Input.Body"] = "Yes, 2 pm works. See you then." });
        Assert.Equal(HttpStatusCode.Redirect, replied.StatusCode);
        Guid me;
        await using (var s = app.Db()) me = await s.Context.Staff.Where(x => x.Email == Trellis.Web.Features.Demo.DemoSeeder.EmailFor(Roles.Clinician)).Select(x => x.Id).SingleAsync();
        var (assigned, _) = await clinician.SubmitAsync(tab, "assign", new Dictionary<string, string?> { ["Assign.StaffId"] = me.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var (_, mineOnly) = await clinician.GetAsync("/messages?mine=1");
        Assert.NotNull(mineOnly.QuerySelector($"a[href='{tab}']"));
        await using (var s = app.Db())
        {
            Assert.Equal(me, (await s.Context.Set<MessageThread>().SingleAsync(t => t.ParticipantId == pid)).AssignedStaffId);
            Assert.True(await s.Context.Messages.AnyAsync(m => m.ParticipantId == pid && !m.FromParticipant && m.Body.StartsWith("Yes, 2 pm")));
        }

        var (_, portalNav) = await portal.GetAsync("/");
        Assert.NotNull(portalNav.QuerySelector("nav.mainnav a[href='/my/messages'] .badge-count"));
        var (_, reply) = await portal.GetAsync("/my/messages");
        Assert.Contains("Yes, 2 pm works", reply.QuerySelector(".message-list")!.TextContent);
    }

    [Fact]
    public async Task A_clinician_starts_a_message_from_the_chart_and_another_chart_is_a_404()
    {
        var outside = await Demo.ParticipantInAsync(app, Demo.SubstanceUse);
        using var clinician = await app.PagesAsync(Roles.Clinician);
        var (hidden, _) = await clinician.GetAsync($"/participants/{outside.Id}/messages");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        Guid inside;
        await using (var s0 = app.Db())
        {
            var own = await PortalArrange.DemoParticipantIdAsync(app);
            inside = await s0.Context.Participants.Where(p => p.Program!.Name == Demo.MentalHealth && p.Id != own && !s0.Context.Messages.Any(m => m.ParticipantId == p.Id))
                .OrderBy(p => p.Mrn).Select(p => p.Id).FirstAsync();
        }
        var tab = $"/participants/{inside}/messages";
        var (_, doc) = await clinician.GetAsync(tab);
        Assert.Contains("Start a message", doc.Body!.TextContent);
        var (sent, _) = await clinician.SubmitAsync(tab, "send", new Dictionary<string, string?> { ["Input.Body"] = "Checking in after Monday's group." });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await using var s = app.Db();
        Assert.True(await s.Context.Messages.AnyAsync(m => m.ParticipantId == inside && m.Body == "Checking in after Monday's group."));
    }
}
