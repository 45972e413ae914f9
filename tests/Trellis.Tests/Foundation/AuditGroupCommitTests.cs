using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trellis.Tests.Support;
using Trellis.Web.Features.Audit;

namespace Trellis.Tests.Foundation;

/// <summary>
/// Issue 15: concurrent requests' audit entries are appended and committed together, and nobody is
/// answered before the batch holding their entries is durable.
/// </summary>
public class AuditGroupCommitTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static AuditEntry Entry(string marker, int request) => new()
    {
        At = DateTimeOffset.UtcNow, Action = AuditActions.Read, RecordType = "GroupCommitTest", Outcome = "Success", Detail = $"{marker} {request:D2}",
    };

    [Fact]
    public async Task Entries_queued_while_a_batch_commits_wait_and_then_go_in_one_transaction_in_order()
    {
        var writer = app.Services.GetRequiredService<AuditWriter>();
        var batchSizes = new ConcurrentBag<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Trellis.Audit" && instrument.Name == "trellis.audit.batch.entries") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, size, _, _) => batchSizes.Add(size));
        listener.Start();

        var marker = Guid.NewGuid().ToString("N");
        Task first, rest;
        // Holding the chain plays a batch that is still committing.
        await writer.Gate.WaitAsync();
        try
        {
            first = writer.AppendAsync([Entry(marker, 0)]);
            await Task.Delay(300);
            rest = Task.WhenAll(Enumerable.Range(1, 9).Select(i => writer.AppendAsync([Entry(marker, i), Entry(marker, i), Entry(marker, i)])));
            await Task.Delay(300);
            Assert.False(first.IsCompleted);
            Assert.False(rest.IsCompleted);
        }
        finally
        {
            writer.Gate.Release();
        }
        await first;
        await rest;

        // The nine requests that queued meanwhile were written by one commit (with the first, if the
        // writer had not picked it up yet), in the order they arrived, with nothing in between.
        Assert.Contains(batchSizes, size => size >= 27);
        await using var s = app.Db();
        var rows = await s.Context.AuditEntries.AsNoTracking().Where(e => e.Detail != null && e.Detail.StartsWith(marker))
            .OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(28, rows.Count);
        var queued = rows.Skip(1).ToList();
        Assert.Equal(Enumerable.Range(0, 27).Select(i => queued[0].Sequence + i), queued.Select(e => e.Sequence));
        Assert.Equal(queued.Select(e => e.Detail).Order(StringComparer.Ordinal), queued.Select(e => e.Detail));
        Assert.True((await AuditVerifier.VerifyAsync(s.Context, s.Services.GetRequiredService<AuditKey>())).Intact);
    }

    [Fact]
    public async Task Concurrent_audited_reads_all_find_their_entries()
    {
        var clinician = await app.ApiAsync(Trellis.Web.Features.Auth.Roles.Clinician);
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth);
        await using (var before = app.Db())
        {
            var start = await before.Context.AuditEntries.MaxAsync(e => e.Sequence);
            var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => clinician.GetAsync($"/api/participants/{p.Id}")));
            Assert.All(responses, r => Assert.Equal(System.Net.HttpStatusCode.OK, r.StatusCode));
            await using var after = app.Db();
            var reads = await after.Context.AuditEntries.CountAsync(e => e.Sequence > start && e.Action == AuditActions.Read && e.RecordId == p.Id.ToString());
            Assert.Equal(24, reads);
        }
    }
}
