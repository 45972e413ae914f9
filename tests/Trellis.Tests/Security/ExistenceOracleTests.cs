using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Security;

/// <summary>
/// Issue 16 point 4: choosing an MRN must not tell a caller whether a chart they cannot open holds it.
/// Anyone but an administrator gets one answer for a free MRN, one in their scope and one outside it,
/// and the answer is given without looking the MRN up (so its timing cannot differ either).
/// </summary>
public class ExistenceOracleTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static string Comparable(JsonNode problem)
    {
        var copy = problem.DeepClone().AsObject();
        copy.Remove("traceId");
        copy.Remove("instance");
        return copy.ToJsonString();
    }

    private async Task<(string InScope, string OutOfScope, string Free)> MrnsAsync(Guid except)
    {
        await using var s = app.Db();
        var mh = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var mrns = await s.Context.Participants.IgnoreQueryFilters().Select(p => p.Mrn).ToListAsync();
        var inScope = await s.Context.Participants.Where(p => p.ProgramId == mh && p.Id != except).Select(p => p.Mrn).FirstAsync();
        var outOfScope = await s.Context.Participants.Where(p => p.ProgramId != mh).Select(p => p.Mrn).FirstAsync();
        var free = Enumerable.Range(100000, 900000).Select(n => "TR" + n).First(m => !mrns.Contains(m));
        return (inScope, outOfScope, free);
    }

    [Fact]
    public async Task Changing_an_mrn_answers_alike_whether_it_is_free_in_scope_or_outside_it()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var (inScope, outOfScope, free) = await MrnsAsync(p.Id);
        var api = await app.ApiAsync(Roles.Clinician); // Adult Mental Health only
        var answers = new List<string>();
        foreach (var mrn in new[] { inScope, outOfScope, free })
        {
            var get = await api.GetAsync($"/api/participants/{p.Id}");
            var body = (await Json.ReadAsync(get)).AsObject();
            body["mrn"] = mrn;
            var problem = await Json.ProblemAsync(await api.PutJsonAsync($"/api/participants/{p.Id}", body, get.Headers.ETag!.Tag), 400);
            Assert.DoesNotContain(mrn, problem.ToJsonString());
            Assert.Equal(SaveParticipant.MrnIsAssigned, (string?)problem["errors"]!["mrn"]![0]);
            answers.Add(Comparable(problem));
        }
        Assert.Single(answers.Distinct());

        await using var s = app.Db();
        Assert.Equal(p.Mrn, await s.Context.Participants.Where(x => x.Id == p.Id).Select(x => x.Mrn).SingleAsync());
    }

    [Fact]
    public async Task Creating_with_an_mrn_answers_alike_and_keeping_the_charts_own_is_fine()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var (inScope, outOfScope, free) = await MrnsAsync(p.Id);
        var api = await app.ApiAsync(Roles.IntakeCoordinator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var answers = new List<string>();
        foreach (var mrn in new[] { inScope, outOfScope, free })
        {
            var body = Demo.NewParticipant(program, "Oraclewood");
            body["mrn"] = mrn;
            answers.Add(Comparable(await Json.ProblemAsync(await api.PostAsJsonAsync("/api/participants", body), 400)));
        }
        Assert.Single(answers.Distinct());

        // A GET body sent back with the chart's own MRN is not "setting" one.
        var get = await api.GetAsync($"/api/participants/{p.Id}");
        var own = (await Json.ReadAsync(get)).AsObject();
        own["mrn"] = p.Mrn.ToLowerInvariant();
        var put = await api.PutJsonAsync($"/api/participants/{p.Id}", own, get.Headers.ETag!.Tag);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_administrator_who_sees_every_chart_is_told_the_mrn_is_taken()
    {
        var p = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        var (_, outOfScope, free) = await MrnsAsync(p.Id);
        var api = await app.ApiAsync(Roles.Administrator);
        var program = await Demo.ProgramIdAsync(app, Demo.MentalHealth);
        var body = Demo.NewParticipant(program, "Adminwood");
        body["mrn"] = outOfScope;
        var taken = await Json.ProblemAsync(await api.PostAsJsonAsync("/api/participants", body), 400);
        Assert.Contains("already belongs", taken.ToJsonString());
        body["mrn"] = free;
        var created = await api.PostAsJsonAsync("/api/participants", body);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        Assert.Equal(free, (string?)(await Json.ReadAsync(created))["mrn"]);
    }
}
