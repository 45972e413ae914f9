using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Data;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Organization;

namespace Trellis.Tests.Operations;

/// <summary>Arranging an app for a load, and the checks every operations test ends with: nothing acknowledged lost, the chain intact.</summary>
public static class Kept
{
    public const string Email = "ops.admin@clinic.example.org";
    public const string Password = "Ops-test-passphrase-1";

    /// <summary>The first administrator and the one program the charts go into, as an operator's setup would make them.</summary>
    public static async Task<Guid> PrepareAsync(AppProcess app)
    {
        var (code, output) = await app.RunAsync("admin", "create", "--email", Email, "--password", Password);
        Assert.True(code == 0, output);
        await using var db = app.Context();
        var org = new Organization { Name = "Operations Test Clinic", TimeZoneId = "America/Los_Angeles" };
        var program = new TreatmentProgram
        {
            OrganizationId = org.Id, Name = "Adult IOP", Population = Population.Adult,
            MinimumWeeklyHours = 9m, TimeZoneId = "America/Los_Angeles",
        };
        db.Organizations.Add(org);
        db.Programs.Add(program);
        await db.SaveChangesAsync();
        return program.Id;
    }

    /// <summary>Every acknowledged chart is in the database with its Create entry.</summary>
    public static async Task AssertWrittenAsync(AppProcess app, IReadOnlyCollection<Guid> written)
    {
        // The test's own pooled connections may predate a server restart (the outage test): start afresh.
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var db = app.Context();
        var ids = written.ToList();
        var found = await db.Participants.IgnoreQueryFilters().Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync();
        var lost = ids.Except(found).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {ids.Count} acknowledged writes were lost");
        var texts = ids.Select(id => id.ToString()).ToList();
        var audited = (await db.AuditEntries.AsNoTracking()
            .Where(e => e.RecordType == "Participant" && e.Action == AuditActions.Create && e.RecordId != null && texts.Contains(e.RecordId))
            .Select(e => e.RecordId!).ToListAsync()).ToHashSet();
        Assert.True(texts.All(audited.Contains), $"{texts.Count(t => !audited.Contains(t))} acknowledged writes have no audit entry");
    }

    /// <summary>`audit verify`, as an operator runs it: exit 0 and "intact" (gap-free sequences, every link and MAC).</summary>
    public static async Task AssertChainIntactAsync(AppProcess app)
    {
        var (code, output) = await app.RunAsync("audit", "verify");
        Assert.True(code == 0, output);
        Assert.Contains("intact", output);
    }
}
