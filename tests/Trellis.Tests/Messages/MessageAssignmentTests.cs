using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Mail;
using Trellis.Tests.Portal;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Messages;

namespace Trellis.Tests.Messages;

/// <summary>The team inbox's assignment: to yourself or a colleague of the care team, versioned, scoped like the thread.</summary>
public class MessageAssignmentTests(MailFactory app) : IClassFixture<MailFactory>
{
    private async Task<(Guid Me, Guid Colleague, Guid Stranger)> StaffAsync(Guid programId)
    {
        await using var s = app.Db();
        var db = s.Context;
        var me = await db.Staff.Where(x => x.Email == DemoSeeder.EmailFor(Roles.Clinician)).Select(x => x.Id).SingleAsync();
        var clinical = Permissions.RolesOf(Permissions.ReadClinical).ToArray();
        var team = await (from st in db.Staff
                          join ur in db.UserRoles on st.UserId equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where st.IsActive && clinical.Contains(r.Name!) && st.Programs.Any(a => a.ProgramId == programId)
                          select st.Id).Distinct().ToListAsync();
        var stranger = await db.Staff.Where(x => !team.Contains(x.Id) && x.Id != me).Select(x => x.Id).FirstAsync();
        return (me, team.First(id => id != me), stranger);
    }

    [Fact]
    public async Task A_clinician_assigns_the_thread_to_a_colleague_with_if_match_and_the_inbox_shows_it()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        Guid programId;
        await using (var s = app.Db()) programId = await s.Context.Participants.Where(p => p.Id == pid).Select(p => p.ProgramId).SingleAsync();
        var (me, colleague, stranger) = await StaffAsync(programId);
        var portal = await app.ApiAsync(Roles.Participant);
        Assert.Equal(HttpStatusCode.Created, (await portal.PostAsJsonAsync($"/api/participants/{pid}/messages", new { body = "Can we move Thursday?" })).StatusCode);

        var clinician = await app.ApiAsync(Roles.Clinician);
        var url = $"/api/participants/{pid}/messages/assignment";
        var before = await clinician.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var tag = before.Headers.ETag!.Tag;

        var toStranger = await Json.ProblemAsync(await clinician.PutJsonAsync(url, new { staffId = stranger }, tag), 400);
        Assert.Contains("staffId", toStranger["errors"]!.AsObject().Select(e => e.Key));

        var mine = await clinician.PutJsonAsync(url, new { staffId = me }, tag);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var assigned = await Json.ReadAsync(mine);
        Assert.Equal(me, (Guid)assigned["assignedStaffId"]!);

        await Json.ProblemAsync(await clinician.PutJsonAsync(url, new { staffId = colleague }, null), 428);
        await Json.ProblemAsync(await clinician.PutJsonAsync(url, new { staffId = colleague }, tag), 412);
        var toColleague = await clinician.PutJsonAsync(url, new { staffId = colleague }, mine.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, toColleague.StatusCode);

        var row = (await Json.ReadAsync(await clinician.GetAsync("/api/messages/inbox"))).AsArray().Single(r => (Guid)r!["participantId"]! == pid)!;
        Assert.Equal(colleague, (Guid)row["assignedStaffId"]!);
        Assert.False(string.IsNullOrEmpty((string?)row["assignedTo"]));
        await using (var s = app.Db())
            Assert.True(await s.Context.Notifications.AnyAsync(n => n.RecipientStaffId == colleague && n.Kind == "message_assigned" && n.ParticipantId == pid));

        var back = await clinician.PutJsonAsync(url, new { staffId = (Guid?)null }, toColleague.Headers.ETag!.Tag);
        Assert.Null((await Json.ReadAsync(back))["assignedStaffId"]);
    }

    [Fact]
    public async Task Out_of_scope_and_another_participants_thread_answer_404_and_nothing_is_saved()
    {
        var outside = await Demo.ParticipantInAsync(app, Demo.SubstanceUse);
        var clinician = await app.ApiAsync(Roles.Clinician);
        var outsideUrl = $"/api/participants/{outside.Id}/messages/assignment";
        var missing = await Json.ProblemAsync(await clinician.GetAsync($"/api/participants/{Guid.NewGuid()}/messages/assignment"), 404);
        var hidden = await Json.ProblemAsync(await clinician.GetAsync(outsideUrl), 404);
        Assert.Equal((string?)missing["detail"], (string?)hidden["detail"]);
        await Json.ProblemAsync(await clinician.PutJsonAsync(outsideUrl, new { staffId = (Guid?)null }, null), 404);

        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        Guid other;
        await using (var s = app.Db()) other = await s.Context.Participants.Where(p => p.Id != pid).Select(p => p.Id).FirstAsync();
        var portal = await app.ApiAsync(Roles.Participant);
        await Json.ProblemAsync(await portal.GetAsync($"/api/participants/{other}/messages/assignment"), 404);
        await Json.ProblemAsync(await portal.PutJsonAsync($"/api/participants/{other}/messages/assignment", new { staffId = (Guid?)null }, null), 404);
        await Json.ProblemAsync(await portal.PutJsonAsync($"/api/participants/{pid}/messages/assignment", new { staffId = (Guid?)null }, null), 403);
        await using (var s = app.Db())
            Assert.False(await s.Context.Set<MessageThread>().IgnoreQueryFilters().AnyAsync(t => t.ParticipantId == outside.Id || t.ParticipantId == other));
    }
}
