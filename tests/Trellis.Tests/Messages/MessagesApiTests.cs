using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Mail;
using Trellis.Web.Features.Demo;

namespace Trellis.Tests.Messages;

public class MessagesApiTests(MailFactory app) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task The_demo_inbox_shows_the_care_teams_day_unread_questions_and_a_thread_assigned_to_the_demo_clinician()
    {
        var clinician = await app.ApiAsync("Clinician");
        var me = JsonDocument.Parse(await clinician.GetStringAsync("/api/auth/me")).RootElement;
        var rows = JsonDocument.Parse(await clinician.GetStringAsync("/api/messages/inbox")).RootElement.EnumerateArray().ToList();
        Assert.True(rows.Count(r => r.GetProperty("unread").GetInt32() > 0) >= 2, $"demo inbox: {rows.Count} threads");
        var mine = Assert.Single(rows, r => r.GetProperty("assignedStaffId").ValueKind == JsonValueKind.String
            && r.GetProperty("assignedStaffId").GetGuid() == me.GetProperty("staffMemberId").GetGuid());
        Assert.Equal(1, mine.GetProperty("unread").GetInt32());
        var thread = JsonDocument.Parse(await clinician.GetStringAsync($"/api/participants/{mine.GetProperty("participantId").GetGuid()}/messages")).RootElement;
        Assert.Equal(3, thread.GetArrayLength());
    }

    [Fact]
    public async Task Participant_and_care_team_share_one_thread_with_unread_counts_and_a_content_free_email()
    {
        var participant = await app.ApiAsync("Participant");
        var me = JsonDocument.Parse(await participant.GetStringAsync("/api/auth/me")).RootElement;
        var id = me.GetProperty("participantId").GetGuid();
        await using (var s = app.Db())
        {
            var p = await s.Context.Participants.FirstAsync(x => x.Id == id);
            p.Email = $"thread-{Guid.NewGuid():N}@example.org";
            await s.Context.SaveChangesAsync();
        }
        var email = await EmailOfAsync(id);

        const string secret = "I had a craving for alcohol after work";
        var posted = await participant.PostAsJsonAsync($"/api/participants/{id}/messages", new { body = secret });
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);

        var admin = await app.ApiAsync("Administrator");
        var inbox = JsonDocument.Parse(await admin.GetStringAsync("/api/messages/inbox")).RootElement.EnumerateArray()
            .Single(r => r.GetProperty("participantId").GetGuid() == id);
        Assert.Equal(1, inbox.GetProperty("unread").GetInt32());

        var thread = JsonDocument.Parse(await admin.GetStringAsync($"/api/participants/{id}/messages")).RootElement;
        Assert.Equal(secret, thread[0].GetProperty("body").GetString());
        inbox = JsonDocument.Parse(await admin.GetStringAsync("/api/messages/inbox")).RootElement.EnumerateArray()
            .Single(r => r.GetProperty("participantId").GetGuid() == id);
        Assert.Equal(0, inbox.GetProperty("unread").GetInt32());

        const string reply = "Thank you for telling us about the alcohol craving; let's talk Tuesday.";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/participants/{id}/messages", new { body = reply })).StatusCode);
        var mail = Assert.Single(await app.Mail.WaitForAsync(email));
        Assert.Contains("You have a new message from your care team", mail.Body);
        NoClinicalContent.Assert(mail, "Tuesday", "craving", "alcohol");

        var mine = JsonDocument.Parse(await participant.GetStringAsync($"/api/participants/{id}/messages")).RootElement;
        Assert.Equal(2, mine.GetArrayLength());
    }

    [Fact]
    public async Task Another_participants_thread_answers_404_and_an_empty_body_400()
    {
        var participant = await app.ApiAsync("Participant");
        Guid other;
        await using (var s = app.Db())
        {
            var mine = await s.Context.Users.Where(u => u.Email == DemoSeeder.EmailFor("Participant")).Select(u => u.ParticipantId).FirstAsync();
            other = await s.Context.Participants.Where(p => p.Id != mine).Select(p => p.Id).FirstAsync();
        }
        Assert.Equal(HttpStatusCode.NotFound, (await participant.GetAsync($"/api/participants/{other}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await participant.PostAsJsonAsync($"/api/participants/{other}/messages", new { body = "hello" })).StatusCode);
        await using (var s = app.Db()) Assert.False(await s.Context.Messages.AnyAsync(m => m.ParticipantId == other && m.Body == "hello"));

        var admin = await app.ApiAsync("Administrator");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/participants/{other}/messages", new { body = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync("/api/messages/inbox")).StatusCode);
    }

    private async Task<string> EmailOfAsync(Guid id)
    {
        await using var s = app.Db();
        return (await s.Context.Participants.FirstAsync(p => p.Id == id)).Email!;
    }
}
