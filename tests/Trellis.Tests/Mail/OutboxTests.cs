using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trellis.Web.Features.Mail;

namespace Trellis.Tests.Mail;

public class OutboxTests(StoppedMailFactory app) : IClassFixture<StoppedMailFactory>
{
    private OutboxDispatcher NewNode(MailOptions? options = null) => options is null
        ? ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services)
        : ActivatorUtilities.CreateInstance<OutboxDispatcher>(app.Services, Options.Create(options),
            ActivatorUtilities.CreateInstance<SmtpMailSender>(app.Services, Options.Create(options)));

    private async Task<Guid> QueueAsync(string to, string? key = null)
    {
        await using var s = app.Db();
        var m = Outbox.Email(s.Context, to, Notices.NewMessage("http://trellis.test/my/messages"), key);
        await s.Context.SaveChangesAsync();
        return m.Id;
    }

    private async Task<OutboxMessage> RowAsync(Guid id)
    {
        await using var s = app.Db();
        return await s.Context.Outbox.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    [Fact]
    public async Task A_committed_message_waits_while_no_dispatcher_runs_then_a_fresh_one_sends_it_once_and_marks_it_sent()
    {
        var id = await QueueAsync("restart@example.org");
        await Task.Delay(500);
        Assert.Empty(app.Mail.To("restart@example.org"));
        Assert.Null((await RowAsync(id)).SentAt);

        // The app "restarts": a new dispatcher on the same database, then another round and another node.
        await NewNode().DispatchAsync();
        await NewNode().DispatchAsync();
        await NewNode().DispatchAsync();

        var mail = Assert.Single(await app.Mail.WaitForAsync("restart@example.org"));
        Assert.Equal("You have a new message", mail.Subject);
        Assert.Contains("You have a new message from your care team", mail.Body);
        Assert.Contains("portal@trellis.example", mail.From);
        NoClinicalContent.Assert(mail);
        var row = await RowAsync(id);
        Assert.NotNull(row.SentAt);
        Assert.Equal(1, row.Attempts);
    }

    [Fact]
    public async Task Two_nodes_dispatching_at_once_send_each_message_once()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++) ids.Add(await QueueAsync($"twonodes{i}@example.org"));
        var nodes = Enumerable.Range(0, 4).Select(_ => NewNode()).ToList();
        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.DispatchAsync())));
        for (var i = 0; i < 6; i++) Assert.Single(await app.Mail.WaitForAsync($"twonodes{i}@example.org"));
        await Task.Delay(300);
        for (var i = 0; i < 6; i++) Assert.Single(app.Mail.To($"twonodes{i}@example.org"));
    }

    [Fact]
    public async Task A_message_whose_node_died_mid_send_is_sent_after_its_lease_lapses()
    {
        var id = await QueueAsync("lease@example.org");
        await using (var s = app.Db())
        {
            var now = s.Context.Now;
            await s.Context.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, "dead-node").SetProperty(m => m.LeaseUntil, now.AddMinutes(5)));
        }
        Assert.Equal(0, await NewNode().DispatchAsync());
        Assert.Empty(app.Mail.To("lease@example.org"));

        await using (var s = app.Db())
        {
            var past = s.Context.Now.AddSeconds(-1);
            await s.Context.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseUntil, past));
        }
        await NewNode().DispatchAsync();
        Assert.Single(await app.Mail.WaitForAsync("lease@example.org"));
    }

    [Fact]
    public async Task A_refused_send_is_retried_later_with_backoff_and_then_sent()
    {
        var id = await QueueAsync("retry@example.org");
        var down = new MailOptions { Host = "127.0.0.1", Port = ClosedPort(), From = "portal@trellis.example", Security = "None" };
        Assert.Equal(0, await NewNode(down).DispatchAsync());
        var row = await RowAsync(id);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.LastError);
        Assert.Null(row.SentAt);
        Assert.True(row.NextAttemptAt > row.CreatedAt.AddSeconds(20), "the next attempt waits");
        Assert.Null(row.LeaseUntil);

        // Not due yet: the working server gets nothing.
        await NewNode().DispatchAsync();
        Assert.Empty(app.Mail.To("retry@example.org"));

        await using (var s = app.Db())
        {
            var now = s.Context.Now;
            await s.Context.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, now));
        }
        await NewNode().DispatchAsync();
        Assert.Single(await app.Mail.WaitForAsync("retry@example.org"));
        Assert.Equal(2, (await RowAsync(id)).Attempts);
    }

    [Fact]
    public void Backoff_doubles_from_thirty_seconds_to_at_most_an_hour()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), OutboxDispatcher.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(60), OutboxDispatcher.Backoff(2));
        Assert.Equal(TimeSpan.FromSeconds(240), OutboxDispatcher.Backoff(4));
        Assert.Equal(TimeSpan.FromHours(1), OutboxDispatcher.Backoff(20));
    }

    [Fact]
    public async Task A_second_message_with_the_same_key_is_refused_by_the_database()
    {
        await QueueAsync("key@example.org", key: "test:once");
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => QueueAsync("key@example.org", key: "test:once"));
    }

    private static int ClosedPort()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}
