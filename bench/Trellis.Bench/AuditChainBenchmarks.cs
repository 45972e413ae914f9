using BenchmarkDotNet.Attributes;
using Trellis.Web.Features.Audit;

namespace Trellis.Bench;

/// <summary>
/// The cost of tamper evidence: hashing entries as they are appended, and checking a whole trail
/// (what `audit verify` and the audit page do).
/// </summary>
[MemoryDiagnoser]
public class AuditChainBenchmarks
{
    private readonly AuditKey key = AuditKey.Random();
    private List<AuditEntry> chain = [];

    [Params(1_000, 100_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        chain = Make(Entries);
        AuditChain.Link(key, chain, 0, AuditChain.Genesis);
    }

    private static List<AuditEntry> Make(int n) => Enumerable.Range(0, n).Select(i => new AuditEntry
    {
        At = DateTimeOffset.UnixEpoch.AddSeconds(1_800_000_000 + i), UserId = "5b0f3c1e-8d1a-4a51-9f0e-0c1d2e3f4a5b",
        UserName = "clinician@demo.trellis.test", Role = "Clinician", Action = AuditActions.Read, RecordType = "Participant",
        RecordId = Guid.CreateVersion7().ToString(), ParticipantId = Guid.CreateVersion7(), ClientAddress = "10.0.0.12", Outcome = "Success",
    }).ToList();

    /// <summary>Appending: what a save pays per audit entry.</summary>
    [Benchmark]
    public void Link() => AuditChain.Link(key, chain, 0, AuditChain.Genesis);

    /// <summary>Checking the whole trail.</summary>
    [Benchmark]
    public object? Verify() => AuditChain.Verify(key, chain);
}
