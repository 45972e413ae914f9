using System.Net;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Billing.Accounts;
using Trellis.Web.Features.Billing.Charges;
using Trellis.Web.Features.Billing.Claims;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Staff;

namespace Trellis.Tests.Billing;

/// <summary>
/// A billing specialist assigned to one program, against the demo's month of billing (its own database, so
/// the other billing tests keep a specialist who covers both programs): the other program's charges, claims,
/// accounts and 837 files are not found, and lists and reports leave them out.
/// </summary>
public class BillingScopeTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<(HttpClient Api, Guid Mine, Guid Other)> SpecialistOfMentalHealthAsync()
    {
        var mine = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var other = await Demo.ProgramIdAsync(app, Demo.SubstanceUse);
        await using (var s = app.Db())
        {
            var specialist = await s.Context.Staff.SingleAsync(x => x.Email == DemoSeeder.EmailFor(Roles.Billing));
            await s.Context.Set<StaffProgramAssignment>().Where(a => a.StaffMemberId == specialist.Id && a.ProgramId == other).ExecuteDeleteAsync();
        }
        return (await app.ApiAsync(Roles.Billing), mine, other);
    }

    [Fact]
    public async Task A_specialist_of_one_program_sees_only_its_charges_claims_balances_and_files()
    {
        var (api, mine, other) = await SpecialistOfMentalHealthAsync();
        await using var s = app.Db();
        var db = s.Context;
        var otherClaim = await db.Set<Claim>().Where(c => c.ProgramId == other && c.SentAt != null).OrderBy(c => c.Number).FirstAsync();
        var otherCharge = await db.Set<Charge>().Where(c => c.ProgramId == other).OrderBy(c => c.ServiceDate).FirstAsync();
        var otherOwing = await db.Set<AccountEntry>().Where(e => e.Participant!.ProgramId == other).Select(e => e.ParticipantId).FirstAsync();
        var mixedFile = (await db.Set<ClaimFile>().AsNoTracking().ToListAsync()).First(f => f.ClaimIds.Contains(otherClaim.Id));

        // The other program's records are not found, whatever the door; the refused 837 is not written either.
        var files = await db.Set<ClaimFile>().CountAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/claims/{otherClaim.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/claims/{otherClaim.Id}/x12")).StatusCode);
        Assert.Equal(files, await db.Set<ClaimFile>().CountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/claim-files/{mixedFile.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/charges/{otherCharge.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/participants/{otherOwing}/balance")).StatusCode);

        // Lists hold only the program's own, with totals that count only them.
        var charges = await BillingApiTests.AllChargesAsync(api, "");
        Assert.Equal(await db.Set<Charge>().CountAsync(c => c.ProgramId == mine), charges.Count);
        var myParticipants = (await db.Participants.Where(p => p.ProgramId == mine).Select(p => p.Id).ToListAsync()).Select(id => id.ToString()).ToHashSet();
        Assert.All(charges, c => Assert.Contains((string)c["participantId"]!, myParticipants));
        var claims = await Json.ReadAsync(await api.GetAsync("/api/claims?pageSize=200"));
        Assert.Equal(await db.Set<Claim>().CountAsync(c => c.ProgramId == mine), (int)claims["total"]!);
        Assert.All(claims["items"]!.AsArray(), c => Assert.Contains((string)c!["participantId"]!, myParticipants));
        var denials = (await Json.ReadAsync(await api.GetAsync("/api/claims/denials")))["items"]!.AsArray();
        Assert.All(denials, c => Assert.Contains((string)c!["participantId"]!, myParticipants));

        // Reports add up only the program's claims.
        var aging = (await Json.ReadAsync(await api.GetAsync("/api/reports/ar-aging"))).AsArray();
        var open = (await db.Set<Claim>().AsNoTracking().Where(c => c.ProgramId == mine && c.ReplacedByClaimId == null && c.SentAt != null
                && c.Status != ClaimStatus.Void && c.Status != ClaimStatus.Draft && c.Status != ClaimStatus.Ready).ToListAsync())
            .Where(c => c.Balance > 0).ToList();
        Assert.Equal(open.Count, aging.Sum(r => (int)r!["claims"]!));
        Assert.Equal(open.Sum(c => c.Balance), aging.Sum(r => (decimal)r!["total"]!));
        var held = (await Json.ReadAsync(await api.GetAsync("/api/reports/held-charges"))).AsArray();
        Assert.Equal((await db.Set<Charge>().CountAsync(c => c.ProgramId == mine && c.Status == ChargeStatus.Held)) > 0, held.Count > 0);
        var byMonth = (await Json.ReadAsync(await api.GetAsync("/api/reports/by-month"))).AsArray();
        Assert.NotEmpty(byMonth);
        Assert.All(byMonth, r => Assert.Equal(Demo.MentalHealth, (string)r!["program"]!));
    }
}
