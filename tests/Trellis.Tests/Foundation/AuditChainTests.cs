using Trellis.Web.Features.Audit;

namespace Trellis.Tests.Foundation;

[Trait("Category", "Unit")]
public class AuditChainTests
{
    private static readonly AuditKey Key = AuditKey.Random();

    private static List<AuditEntry> Chain(int n)
    {
        var entries = Enumerable.Range(1, n).Select(i => new AuditEntry
        {
            At = DateTimeOffset.UtcNow.AddSeconds(i), UserName = $"user{i}@example.org", Action = AuditActions.Read,
            RecordType = "Participant", RecordId = Guid.NewGuid().ToString(), Outcome = "Success",
        }).ToList();
        AuditChain.Link(Key, entries, 0, AuditChain.Genesis);
        return entries;
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        Assert.Null(AuditChain.Verify(Key, Chain(10)));
        Assert.Null(AuditChain.Verify(Key, []));
    }

    [Fact]
    public void Sequences_run_from_one_without_gaps_and_link_to_the_previous_hash()
    {
        var chain = Chain(5);
        Assert.Equal([1, 2, 3, 4, 5], chain.Select(e => e.Sequence));
        Assert.Equal(AuditChain.Genesis, chain[0].PreviousHash);
        for (var i = 1; i < chain.Count; i++) Assert.Equal(chain[i - 1].Hash, chain[i].PreviousHash);
    }

    [Fact]
    public void An_altered_entry_is_named()
    {
        var chain = Chain(10);
        chain[4].UserName = "someone-else@example.org";
        var finding = AuditChain.Verify(Key, chain);
        Assert.NotNull(finding);
        Assert.Equal(5, finding.Sequence);
        Assert.Contains("altered", finding.Problem);
    }

    [Fact]
    public void A_removed_entry_is_found_at_the_entry_after_the_gap()
    {
        var chain = Chain(10);
        chain.RemoveAt(6); // entry 7
        var finding = AuditChain.Verify(Key, chain);
        Assert.NotNull(finding);
        Assert.Equal(8, finding.Sequence);
        Assert.Contains("removed", finding.Problem);
        Assert.Contains("entry 6", finding.Problem);
    }

    [Fact]
    public void An_inserted_entry_is_named_even_when_later_entries_were_renumbered()
    {
        var chain = Chain(10);
        var forged = new AuditEntry { Sequence = 4, At = DateTimeOffset.UtcNow, UserName = "intruder", Action = AuditActions.Read, Outcome = "Success", PreviousHash = chain[2].Hash, Hash = new string('a', 64) };
        foreach (var e in chain.Skip(3)) e.Sequence++;
        chain.Insert(3, forged);
        var finding = AuditChain.Verify(Key, chain);
        Assert.NotNull(finding);
        Assert.Equal(4, finding.Sequence);
        Assert.Contains("inserted", finding.Problem);
    }

    [Fact]
    public void A_hash_recomputed_without_the_key_does_not_pass()
    {
        var chain = Chain(3);
        chain[1].Outcome = "Failure";
        chain[1].Hash = AuditChain.ComputeHash(AuditKey.Random(), chain[1], chain[1].PreviousHash);
        chain[2].PreviousHash = chain[1].Hash;
        Assert.Equal(2, AuditChain.Verify(Key, chain)!.Sequence);
    }

    [Fact]
    public void The_first_entry_removed_is_found()
    {
        var chain = Chain(3);
        chain.RemoveAt(0);
        var finding = AuditChain.Verify(Key, chain);
        Assert.Equal(2, finding!.Sequence);
        Assert.Contains("removed", finding.Problem);
    }

    [Fact]
    public void Timestamps_are_cut_to_microseconds_so_they_survive_postgres()
    {
        var at = new DateTimeOffset(2026, 3, 8, 9, 30, 0, TimeSpan.FromHours(-8)).AddTicks(1234567);
        var n = AuditChain.Normalize(at);
        Assert.Equal(TimeSpan.Zero, n.Offset);
        Assert.Equal(0, n.UtcTicks % 10);
        Assert.Equal(at.UtcTicks - 7, n.UtcTicks);
    }
}
