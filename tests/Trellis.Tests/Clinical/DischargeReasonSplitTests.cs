using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Trellis.Tests.Support;
using Trellis.Web;
using Trellis.Web.Data;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Discharge;

namespace Trellis.Tests.Clinical;

/// <summary>
/// Issue 10: "left before completing" split into left against advice and lost to contact. Reasons are stored by name, so
/// the migration renames the stored rows: one whose own detail says contact was lost becomes LostToContact, every other
/// LeftAgainstAdvice, final ones included, with the discharge lock back in place after; its Down joins them again. Both databases.
/// </summary>
public class DischargeReasonSplitTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private const string Split = "_dischargeout_SplitLeftBeforeCompleting";

    [Fact]
    public async Task The_split_renames_the_old_reason_by_what_its_detail_says_and_can_be_undone()
    {
        var rows = new (string? Detail, DischargeReason Reason, string Down, string Up)[]
        {
            ("Could not be reached after three calls and a letter.", DischargeReason.LostToContact, "LeftBeforeCompleting", "LostToContact"),
            ("Stopped coming; LOST TO CONTACT after the second week.", DischargeReason.LeftAgainstAdvice, "LeftBeforeCompleting", "LostToContact"),
            ("Lost touch after moving away.", DischargeReason.LostToContact, "LeftBeforeCompleting", "LostToContact"),
            ("Declined to return against the team's advice.", DischargeReason.LeftAgainstAdvice, "LeftBeforeCompleting", "LeftAgainstAdvice"),
            (null, DischargeReason.LostToContact, "LeftBeforeCompleting", "LeftAgainstAdvice"), // nothing says contact was lost
            ("Could not be reached.", DischargeReason.Completed, "Completed", "Completed"),     // only the old reason is renamed
        };
        var markers = new List<string>();
        foreach (var (detail, reason, _, _) in rows)
        {
            var p = await Clinic.FreshParticipantAsync(app);
            var marker = "split-" + Guid.NewGuid().ToString("N");
            await using var s = app.Db();
            s.Context.Set<ParticipantDischarge>().Add(new ParticipantDischarge
            {
                ParticipantId = p.Id, DischargedOn = Clinic.Today, Reason = reason, ReasonDetail = detail, CourseOfTreatment = marker,
                IsFinal = true, WrittenByName = "Test", FinalizedAt = DateTimeOffset.UtcNow, FinalizedByName = "Test",
            });
            await s.Context.SaveChangesAsync();
            markers.Add(marker);
        }

        await using var owner = Owner();
        var migrator = owner.GetService<IMigrator>();
        var all = owner.Database.GetMigrations().ToList();
        var split = all.Single(m => m.EndsWith(Split, StringComparison.Ordinal));
        Assert.Contains(split, await owner.Database.GetAppliedMigrationsAsync());

        // Down: as the code before the split stored them (the state an upgrading clinic starts from).
        await migrator.MigrateAsync(all[all.IndexOf(split) - 1]);
        Assert.Equal(rows.Select(r => r.Down), await StoredAsync(owner, markers));

        await migrator.MigrateAsync();
        Assert.Equal(rows.Select(r => r.Up), await StoredAsync(owner, markers));
        Assert.Empty(await owner.Database.GetPendingMigrationsAsync());
        await using (var s = app.Db()) // and the app reads every row again
            Assert.Equal(rows.Select(r => r.Up), (await s.Context.Set<ParticipantDischarge>().Where(d => markers.Contains(d.CourseOfTreatment)).ToListAsync())
                .OrderBy(d => markers.IndexOf(d.CourseOfTreatment)).Select(d => d.Reason.ToString()));

        // The lock on final discharges is back.
        await Assert.ThrowsAnyAsync<Exception>(() => owner.Database.ExecuteSqlRawAsync("UPDATE \"Discharges\" SET \"Reason\" = 'Completed' WHERE \"CourseOfTreatment\" = {0}", markers[0]));
    }

    private static async Task<List<string>> StoredAsync(TrellisDbContext db, List<string> markers)
    {
        var list = new List<string>();
        foreach (var m in markers)
            list.Add(await db.Database.SqlQueryRaw<string>("SELECT \"Reason\" AS \"Value\" FROM \"Discharges\" WHERE \"CourseOfTreatment\" = {0}", m).SingleAsync());
        return list;
    }
    /// <summary>The owner's connection, as migrations run (the app's role may not alter tables or their triggers).</summary>
    private TrellisDbContext Owner()
    {
        TrellisDbContext db = app.Provider == DatabaseProvider.Postgres
            ? new PostgresTrellisDbContext(new DbContextOptionsBuilder<PostgresTrellisDbContext>().UseNpgsql(app.OwnerConnection).Options, ContextServices.DesignTime())
            : new SqliteTrellisDbContext(new DbContextOptionsBuilder<SqliteTrellisDbContext>().UseSqlite(app.OwnerConnection).Options, ContextServices.DesignTime());
        return db.ActAs(AccessScope.System, Actor.System("test"));
    }
}
