using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;

namespace Trellis.Tests.Mail;

public class InvitationTests(MailFactory app) : IClassFixture<MailFactory>
{
    /// <summary>A demo participant with no portal account, given an address of its own.</summary>
    private async Task<(Guid Id, string Email)> InviteeAsync()
    {
        await using var s = app.Db();
        var withAccounts = await s.Context.Users.Where(u => u.ParticipantId != null).Select(u => u.ParticipantId!.Value).ToListAsync();
        var p = await s.Context.Participants.Where(p => !withAccounts.Contains(p.Id)).OrderBy(p => p.Id).Skip(new Random().Next(0, 20)).FirstAsync();
        p.Email = $"invitee-{Guid.NewGuid():N}@example.org";
        await s.Context.SaveChangesAsync();
        return (p.Id, p.Email);
    }

    [Fact]
    public async Task An_invitation_link_sets_a_password_once_and_lands_in_the_portal()
    {
        var (id, email) = await InviteeAsync();
        var admin = await app.ApiAsync("Administrator");
        var sent = await admin.PostAsync($"/api/participants/{id}/invitation", null);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        var mail = Assert.Single(await app.Mail.WaitForAsync(email));
        Assert.Equal("Your invitation to the portal", mail.Subject);
        NoClinicalContent.Assert(mail);
        var link = mail.LinkPath();
        Assert.StartsWith("/account/join?user=", link);

        using var pages = await app.PagesAsync(null);
        const string password = "harbor maple quietly";
        var (joined, _) = await pages.SubmitAsync(link, "join", new Dictionary<string, string?> { ["Input.New"] = password, ["Input.Confirm"] = password });
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal("/", joined.Headers.Location!.AbsolutePath);
        var (home, _) = await pages.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        await TrellisFactory.LoginAsync(app.Anonymous(), email, password);

        using var other = await app.PagesAsync(null);
        var (again, doc) = await other.SubmitAsync(link, "join", new Dictionary<string, string?> { ["Input.New"] = "another long passphrase", ["Input.Confirm"] = "another long passphrase" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("expired or was already used", doc.Body!.TextContent);

        var twice = await admin.PostAsync($"/api/participants/{id}/invitation", null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task The_chart_tab_invites_and_a_chart_without_email_is_told_why_not()
    {
        var (id, email) = await InviteeAsync();
        using var pages = await app.PagesAsync("IntakeCoordinator");
        await using (var s = app.Db())
        {
            var p = await s.Context.Participants.FirstAsync(x => x.Id == id);
            var staffId = await s.Context.Users.Where(u => u.Email == Trellis.Web.Features.Demo.DemoSeeder.EmailFor("IntakeCoordinator")).Select(u => u.StaffMemberId).FirstAsync();
            var programs = await s.Context.StaffProgramAssignments.Where(a => a.StaffMemberId == staffId).Select(a => a.ProgramId).ToListAsync();
            p.ProgramId = programs.First();
            await s.Context.SaveChangesAsync();
        }
        var (invited, _) = await pages.SubmitAsync($"/participants/{id}/portal", "invite", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        Assert.Single(await app.Mail.WaitForAsync(email));

        var api = await app.ApiAsync("IntakeCoordinator");
        var (other, _) = await InviteeAsync();
        await using (var s = app.Db())
        {
            var p = await s.Context.Participants.FirstAsync(x => x.Id == other);
            p.Email = null;
            await s.Context.SaveChangesAsync();
        }
        var admin = await app.ApiAsync("Administrator");
        var refused = await admin.PostAsync($"/api/participants/{other}/invitation", null);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("email", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/participants/{Guid.NewGuid()}/invitation", null)).StatusCode);
    }
}
