using Trellis.Web.Features.Audit;

namespace Trellis.Tests.Foundation;

[Trait("Category", "Unit")]
public class AuditCheckpointTests
{
    private static readonly AuditKey Key = AuditKey.Random();
    private static readonly DateTimeOffset At = new(2026, 3, 8, 17, 30, 0, TimeSpan.Zero);

    private static AuditCheckpoints.Set Parse(params string[] lines) => AuditCheckpoints.Parse(Key, lines, "checkpoints.log");

    [Fact]
    public void A_checkpoint_reads_back_as_written()
    {
        var set = Parse(AuditCheckpoints.Format(Key, At.AddTicks(1234567), 42, new string('a', 64)), "");
        Assert.Null(set.Problem);
        var c = Assert.Single(set.Checkpoints);
        Assert.Equal(42, c.Sequence);
        Assert.Equal(new string('a', 64), c.Hash);
        Assert.Equal(AuditChain.Normalize(At.AddTicks(1234567)), c.At);
    }

    [Fact]
    public void A_changed_checkpoint_or_one_signed_with_another_key_is_refused()
    {
        var line = AuditCheckpoints.Format(Key, At, 42, new string('a', 64));
        var moved = Parse(line.Replace("\"sequence\":42", "\"sequence\":41"));
        Assert.Contains("not signed with this audit key", moved.Problem!.Problem);
        var foreign = Parse(line, AuditCheckpoints.Format(AuditKey.Random(), At, 50, new string('b', 64)));
        Assert.Contains("line 2", foreign.Problem!.Problem);
        Assert.Contains("not a checkpoint", Parse("rm -rf the trail").Problem!.Problem);
    }

    [Fact]
    public void The_chain_must_reach_every_checkpoint_with_the_same_hash()
    {
        var set = Parse(AuditCheckpoints.Format(Key, At, 10, "h10"), AuditCheckpoints.Format(Key, At.AddMinutes(1), 20, "h20"));
        Assert.Null(AuditCheckpoints.Check(set, new Dictionary<long, string> { [10] = "h10", [20] = "h20" }, 25));

        var shorter = AuditCheckpoints.Check(set, new Dictionary<long, string> { [10] = "h10" }, 15);
        Assert.Equal(20, shorter!.Sequence);
        Assert.Contains("ends at entry 15", shorter.Problem);
        Assert.Contains("newest entries were removed", shorter.Problem);

        var rewritten = AuditCheckpoints.Check(set, new Dictionary<long, string> { [10] = "h10", [20] = "forged" }, 30);
        Assert.Equal(20, rewritten!.Sequence);
        Assert.Contains("differs from the checkpoint", rewritten.Problem);
    }

    [Fact]
    public void The_derived_checkpoint_key_signs_differently_from_the_chain_key()
    {
        var data = "same text"u8.ToArray();
        Assert.NotEqual(Key.Sign(data), Key.Derive("audit-checkpoint").Sign(data));
    }
}
