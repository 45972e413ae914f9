using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.EntityFrameworkCore;
using Trellis.Web.Features.Billing.Actions;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Billing.Remittances;
using Trellis.Web.Features.Billing.Setup;

namespace Trellis.Bench;

/// <summary>
/// Five measured runs of one invocation each, in this process: a run is seconds of database work, so a
/// separate benchmark build (which on a shared two-core machine outlasts its two-minute timeout) buys nothing.
/// </summary>
public sealed class BillingJobConfig : ManualConfig
{
    public BillingJobConfig() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1)
        .WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1).WithToolchain(InProcessEmitToolchain.Instance));
}

/// <summary>
/// A 200-participant month: charges made from attendance and batched into claims, against the bare read of
/// that month's attendance (the floor any charging pays). Each invocation starts from a fresh copy of the
/// database file, made outside the measurement.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BillingJobConfig))]
public class BillingMonthBenchmarks
{
    private readonly BillingWorld world = new();

    [GlobalSetup] public void Setup() => world.Build();
    [GlobalCleanup] public void Cleanup() => world.Dispose();
    [IterationSetup] public void Fresh() => world.Reset(world.Template);

    [Benchmark(Baseline = true, Description = "read the month's attendance (bare)")]
    public async Task<int> ReadAttendance()
    {
        var (db, scope) = world.OpenAsBilling();
        using (scope)
        {
            var (from, to) = (world.From, world.To);
            return (await db.Attendance.AsNoTracking().Include(a => a.GroupSession).Include(a => a.Appointment)
                .Where(a => (a.GroupSession != null && a.GroupSession.LocalDate >= from && a.GroupSession.LocalDate <= to)
                    || (a.Appointment != null && a.Appointment.LocalDate >= from && a.Appointment.LocalDate <= to)).ToListAsync()).Count;
        }
    }

    [Benchmark(Description = "charges and claims of a 200-participant month")]
    public async Task<int> ChargeAndBill()
    {
        var (db, scope) = world.OpenAsBilling();
        using (scope)
        {
            var (made, refused) = await GenerateCharges.RunAsync(db, new PeriodInput { From = world.From, To = world.To });
            if (refused is not null) throw new InvalidOperationException(refused.Detail);
            var (claims, notBuilt) = await BuildClaims.RunAsync(db, new BuildClaimsInput { From = world.From, To = world.To });
            if (notBuilt is not null) throw new InvalidOperationException(notBuilt.Detail);
            return made!.Created + claims!.Claims;
        }
    }
}

/// <summary>Posting a 2,000-line 835 in one transaction, against parsing it alone (the baseline).</summary>
[MemoryDiagnoser]
[Config(typeof(BillingJobConfig))]
public class RemittanceBenchmarks
{
    private readonly BillingWorld world = new();
    private string billed = "", era = "";
    public int Lines { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        world.Build();
        world.Reset(world.Template);
        var (db, scope) = world.OpenAsBilling();
        using (scope)
        {
            GenerateCharges.RunAsync(db, new PeriodInput { From = world.From, To = world.To }).GetAwaiter().GetResult();
            BuildClaims.RunAsync(db, new BuildClaimsInput { From = world.From, To = world.To }).GetAwaiter().GetResult();
            SendClaims.RunAsync(db, new SendClaimsInput()).GetAwaiter().GetResult();
            var clinic = db.Set<BillingIdentity>().AsNoTracking().First();
            var claims = db.Set<Claim>().AsNoTracking().Include(c => c.Lines).Include(c => c.Participant).OrderBy(c => c.Number).ToList();
            var answers = new List<ClaimAnswer>();
            foreach (var c in claims)
            {
                if (Lines + c.Lines.Count > 2000) continue;
                Lines += c.Lines.Count;
                answers.Add(new ClaimAnswer(c, "1", c.Participant!.LegalLastName, c.Participant.LegalFirstName, "M", "ICN" + c.Number,
                    c.Lines.Select(l => new LineAnswer(l, Math.Round(l.Amount * 0.7m, 2), [new Adjustment("CO", "45", l.Amount - Math.Round(l.Amount * 0.8m, 2)), new Adjustment("PR", "2", Math.Round(l.Amount * 0.8m, 2) - Math.Round(l.Amount * 0.7m, 2))])).ToList()));
                if (Lines == 2000) break;
            }
            era = Era835Writer.Write("Medicare", "999999999", clinic.Name, clinic.Npi, "EFT0001", world.To.AddDays(14), answers, 1);
        }
        billed = Path.Combine(world.Directory, "billed.db");
        world.Close(); // the app let go of the file, so the copy is whole
        File.Copy(world.Working, billed, overwrite: true);
        Console.WriteLine($"// 835 with {Lines} service lines, {era.Length:N0} characters");
    }

    [GlobalCleanup] public void Cleanup() => world.Dispose();
    [IterationSetup] public void Fresh() => world.Reset(billed);

    [Benchmark(Baseline = true, Description = "parse the 835 (bare)")]
    public int Parse() => Era835.Read(era).Claims.Count;

    [Benchmark(Description = "post a 2,000-line 835")]
    public async Task<int> Post()
    {
        var (db, scope) = world.OpenAsBilling();
        using (scope)
        {
            var (posted, refused) = await PostRemittance.RunAsync(db, era);
            if (refused is not null) throw new InvalidOperationException(refused.Detail);
            return posted!.Posted;
        }
    }
}
