using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Fhir;
using Trellis.Web.Features.Participants;
using static Trellis.Tests.Fhir.FhirTesting;
using Task = System.Threading.Tasks.Task;

namespace Trellis.Tests.Fhir;

/// <summary>
/// Issue 12: scoping and 42 CFR Part 2 segmentation attacked on every resource type: a staff token of the
/// other program and a participant's token see another chart's records nowhere (read 404, search, _id,
/// patient, _include, totals and _summary=count), and Part 2 records carry their labels.
/// </summary>
public class FhirScopeTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Another_programs_records_are_absent_for_staff_of_the_other_program()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var clinician = await app.ApiAsync(Roles.Clinician); // Adult Mental Health only
        var part2 = await PeopleAsync(Demo.SubstanceUse);
        await RaiseFlagAsync(part2[0]); // the demo raises risk flags in Adult Mental Health only
        foreach (var type in ChartTypes)
        {
            var theirs = await OneOfAsync(admin, type, part2);
            Assert.True(FhirSecurity.IsPart2(theirs), $"{type}/{theirs.Id} of a Substance Use participant has no 42CFRPart2 label");
            Assert.Contains(theirs.Meta!.Security, c => c.System == FhirSecurity.Confidentiality && c.Code == "R");
            await AbsentAsync(clinician, type, theirs, part2);
        }
    }

    [Fact]
    public async Task A_participant_sees_only_themself_on_every_type()
    {
        var admin = await app.ApiAsync(Roles.Administrator);
        var participant = await app.ApiAsync(Roles.Participant);
        var me = (await ReadAsync<Bundle>(await participant.GetAsync("/fhir/Patient"))).Entry.Select(e => e.Resource!).ToList();
        var self = Assert.Single(me);
        var others = (await PeopleAsync(Demo.MentalHealth)).Where(id => id.ToString() != self.Id).ToList();
        foreach (var type in ChartTypes)
        {
            if (StaffOnlyTypes.Contains(type)) continue; // refused to the role below
            var someoneElses = await OneOfAsync(admin, type, others);
            await AbsentAsync(participant, type, someoneElses, others);
            var mine = await AllAsync(participant, $"/fhir/{type}?_count=100");
            Assert.All(mine, r => Assert.Equal(self.Id, OwnerOf(r)));
            var adminsCount = await ReadAsync<Bundle>(await admin.GetAsync(type == "Patient" ? $"/fhir/Patient?_id={self.Id}&_summary=count" : $"/fhir/{type}?patient={self.Id}&_summary=count{ParticipantReads(type)}"));
            Assert.Equal(adminsCount.Total, mine.Count);
        }
        foreach (var type in StaffOnlyTypes)
        {
            await OutcomeAsync(await participant.GetAsync($"/fhir/{type}"), 403);
            await OutcomeAsync(await participant.GetAsync($"/fhir/{type}/{Guid.NewGuid()}"), 403);
        }
    }

    [Fact]
    public async Task Staff_totals_count_only_their_programs()
    {
        var clinician = await app.ApiAsync(Roles.Clinician);
        var mentalHealth = (await PeopleAsync(Demo.MentalHealth)).Select(id => id.ToString()).ToHashSet();
        foreach (var type in new[] { "Patient", "Condition", "EpisodeOfCare", "CarePlan" })
        {
            var all = await AllAsync(clinician, $"/fhir/{type}?_count=100");
            Assert.All(all, r => Assert.Contains(OwnerOf(r), mentalHealth));
            Assert.All(all, r => Assert.False(FhirSecurity.IsPart2(r)));
            var count = await ReadAsync<Bundle>(await clinician.GetAsync($"/fhir/{type}?_summary=count"));
            Assert.Equal(all.Count, count.Total);
            Assert.Empty(count.Entry);
        }

        // A search by gender counts through the same scope: the other program's participants of that gender (Part 2
        // charts among them) are in no page and no total.
        var admin = await app.ApiAsync(Roles.Administrator);
        int substanceUseWomen;
        await using (var s = app.Db())
            substanceUseWomen = await s.Context.Participants.CountAsync(p => p.Program!.Name == Demo.SubstanceUse && p.AdministrativeGender == Trellis.Web.Features.Participants.AdministrativeGender.Female);
        Assert.True(substanceUseWomen > 0, "the demo has women in Substance Use, or this proves nothing");
        var women = await AllAsync(clinician, "/fhir/Patient?gender=female&_count=100");
        Assert.All(women, r => Assert.Contains(OwnerOf(r), mentalHealth));
        Assert.All(women, r => Assert.False(FhirSecurity.IsPart2(r)));
        var womenCount = await ReadAsync<Bundle>(await clinician.GetAsync("/fhir/Patient?gender=female&_summary=count"));
        Assert.Equal(women.Count, womenCount.Total);
        var everyWoman = await ReadAsync<Bundle>(await admin.GetAsync("/fhir/Patient?gender=female&_summary=count"));
        Assert.True(womenCount.Total <= everyWoman.Total - substanceUseWomen, $"the clinician's total {womenCount.Total} counts another program's women ({everyWoman.Total} in all, {substanceUseWomen} in Substance Use)");
    }

    /// <summary>Read 404; search by _id, by patient and with _include: nothing, totals zero.</summary>
    internal static async Task AbsentAsync(HttpClient client, string type, Resource record, IReadOnlyList<Guid> owners)
    {
        var missing = await OutcomeAsync(await client.GetAsync($"/fhir/{type}/{record.Id}"), 404);
        var unknown = Guid.NewGuid().ToString();
        var nowhere = await OutcomeAsync(await client.GetAsync($"/fhir/{type}/{unknown}"), 404);
        Assert.Equal(nowhere.Issue[0].Diagnostics!.Replace(unknown, "ID"), missing.Issue[0].Diagnostics!.Replace(record.Id!, "ID"));
        var byId = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/{type}?_id={record.Id}"));
        Assert.Equal(0, byId.Total);
        Assert.Empty(byId.Entry);
        var byPatient = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/{type}?patient={OwnerOf(record)}&_summary=count"));
        Assert.Equal(0, byPatient.Total);
        if (type != "Patient")
        {
            var included = await ReadAsync<Bundle>(await client.GetAsync($"/fhir/{type}?_include={type}:patient&_count=100"));
            // (an outcome entry, the § 2.32 notice a disclosure to an outside recipient carries, belongs to no chart)
            Assert.DoesNotContain(included.Entry.Where(e => e.Search?.Mode != Bundle.SearchEntryMode.Outcome), e => owners.Contains(Guid.Parse(OwnerOf(e.Resource!))));
        }
    }

    /// <summary>One record of the type belonging to one of these participants (found as an administrator).</summary>
    internal static async Task<Resource> OneOfAsync(HttpClient admin, string type, IReadOnlyList<Guid> people)
    {
        foreach (var chunk in people.Chunk(15))
        {
            var ids = string.Join(',', chunk);
            var bundle = await ReadAsync<Bundle>(await admin.GetAsync(type == "Patient" ? $"/fhir/Patient?_id={ids}&_count=1" : $"/fhir/{type}?patient={ids}&_count=1"));
            if (bundle.Entry.FirstOrDefault()?.Resource is { } found) return found;
        }
        throw new InvalidOperationException($"The demo has no {type} for these participants.");
    }

    private async Task RaiseFlagAsync(Guid participantId)
    {
        await using var s = app.Db();
        s.Context.Add(new Web.Features.Risk.RiskFlag { ParticipantId = participantId, Reason = "Item 9 of a PHQ-9 answered above 0.", RaisedAt = s.Context.Now });
        await s.Context.SaveChangesAsync();
    }

    private async Task<List<Guid>> PeopleAsync(string program)
    {
        await using var s = app.Db();
        return await s.Context.Participants.Where(p => p.Program!.Name == program && !p.IsDeleted).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
    }

    /// <summary>The participant a resource belongs to.</summary>
    public static string OwnerOf(Resource r) => r switch
    {
        Patient p => p.Id!,
        EpisodeOfCare e => Id(e.Patient),
        Condition c => Id(c.Subject),
        Observation o => Id(o.Subject),
        QuestionnaireResponse q => Id(q.Subject),
        Encounter e => Id(e.Subject),
        CarePlan c => Id(c.Subject),
        Flag f => Id(f.Subject),
        AllergyIntolerance a => Id(a.Patient),
        MedicationStatement m => Id(m.Subject),
        CareTeam c => Id(c.Subject),
        Consent c => Id(c.Patient),
        DocumentReference d => Id(d.Subject),
        Coverage c => Id(c.Beneficiary),
        _ => throw new InvalidOperationException($"{r.TypeName} has no owner here"),
    };

    private static string Id(ResourceReference? reference) => reference!.Reference!.Split('/')[1];
}
