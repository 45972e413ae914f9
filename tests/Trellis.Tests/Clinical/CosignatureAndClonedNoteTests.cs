using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes;

namespace Trellis.Tests.Clinical;

/// <summary>The demo clinician is made a supervised counsellor here (this class has its own app), with the program director as supervisor.</summary>
public class CosignatureTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static DateOnly Today => Clinic.Today;

    private async Task SuperviseClinicianAsync()
    {
        var director = await Clinic.StaffAsync(app, "programdirector");
        await using var s = app.Db();
        var clinician = await s.Context.Staff.SingleAsync(x => x.Email == Web.Features.Demo.DemoSeeder.EmailFor(Roles.Clinician));
        clinician.RequiresSupervision = true;
        clinician.SupervisorId = director.Id;
        await s.Context.SaveChangesAsync();
    }

    [Fact]
    public async Task A_supervised_authors_note_is_locked_at_signing_and_waits_for_the_supervisors_cosignature()
    {
        await SuperviseClinicianAsync();
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        var (id, _) = await NoteCalls.CreateAsync(api, p.Id, NoteCalls.Dap(Today));
        var signed = await Json.ReadAsync(await NoteCalls.SignAsync(api, id));
        Assert.Equal("awaiting_cosignature", (string?)signed["status"]);
        Assert.True((bool)signed["signature"]!["cosignRequired"]!);
        await Json.ProblemAsync(await api.PutJsonAsync($"/api/notes/{id}", NoteCalls.Dap(Today, data: "changed"), "\"2\""), 409);

        await Json.ProblemAsync(await NoteCalls.CosignAsync(api, id), 403);
        await Json.ProblemAsync(await NoteCalls.CosignAsync((await app.ApiAsync(Roles.Prescriber)), id), 403);
        var director = await app.ApiAsync(Roles.ProgramDirector);
        var queue = await Json.ReadAsync(await director.GetAsync("/api/notes/awaiting-cosignature"));
        Assert.Contains(queue.AsArray(), n => (string?)n!["id"] == id);
        var cosigned = await Json.ReadAsync(await NoteCalls.CosignAsync(director, id));
        Assert.Equal("locked", (string?)cosigned["status"]);
        Assert.Contains("LCSW", (string?)cosigned["signature"]!["cosignedBy"]);
        await Json.ProblemAsync(await NoteCalls.CosignAsync(director, id), 409);
        queue = await Json.ReadAsync(await director.GetAsync("/api/notes/awaiting-cosignature"));
        Assert.DoesNotContain(queue.AsArray(), n => (string?)n!["id"] == id);
    }

    [Fact]
    public async Task A_supervised_authors_plan_needs_the_supervisor_too()
    {
        await SuperviseClinicianAsync();
        var p = await Clinic.FreshParticipantAsync(app);
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var api = await app.ApiAsync(Roles.Clinician);
        await api.PutAsJsonAsync($"/api/participants/{p.Id}/treatment-plan", Clinic.PlanBody(clinician.Id));
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { number = 1, @as = "supervisor" }), 409);
        await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { number = 1, @as = "clinician", acknowledgeSimilarText = true });
        var plan = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { number = 1, @as = "participant", typedName = $"Test {p.LegalLastName}" }));
        Assert.Equal("awaiting_signatures", (string?)plan["status"]);
        Assert.Equal(["supervisor"], plan["signatures"]!["missing"]!.AsArray().Select(x => (string)x!).ToArray());
        await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { number = 1, @as = "supervisor" }), 403);
        var done = await Json.ReadAsync(await (await app.ApiAsync(Roles.ProgramDirector)).PostAsJsonAsync($"/api/participants/{p.Id}/treatment-plan/signatures", new { number = 1, @as = "supervisor" }));
        Assert.Equal("in_effect", (string?)done["status"]);
    }
}

public class ClonedNoteTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static DateOnly Today => Clinic.Today;

    [Fact]
    public async Task A_part_nearly_the_same_as_another_attendees_is_flagged_before_signing_and_the_confirmation_is_kept()
    {
        var a = await Clinic.FreshParticipantAsync(app, last: "Quintero");
        var b = await Clinic.FreshParticipantAsync(app, last: "Lindqvist");
        var c = await Clinic.FreshParticipantAsync(app, last: "Abernathy");
        var session = await Clinic.HeldSessionAsync(app, [a.Id, b.Id, c.Id]);
        var api = await app.ApiAsync(Roles.Clinician);
        const string cloned = "{0} participated actively and shared about stress at home. Responded well to the breathing exercise. Making progress toward goals. Continue group.";
        var body = new Dictionary<string, object?>
        {
            ["topic"] = "Stress and the body", ["summary"] = "Psychoeducation on the stress response, then paced breathing practice in pairs.",
            ["parts"] = new[]
            {
                NoteCalls.Part(a.Id, string.Format(cloned, "Test Quintero"), "", "", ""),
                NoteCalls.Part(b.Id, string.Format(cloned, "Test Lindqvist"), "", "", ""),
                NoteCalls.Part(c.Id, "Arrived late from work and was quiet until the breathing exercise, then said it was the first calm minute of the week.", "Asked for the handout.", "Sleep log kept 5 of 7 days.", "Bring the log on Thursday."),
            },
        };
        foreach (var part in (Dictionary<string, object?>[])body["parts"]!)
        {
            var sections = (Dictionary<string, string?>)part["sections"]!;
            if (sections["response"] == "") { sections["response"] = "Used the skill in session."; sections["progress"] = "Steady."; sections["plan"] = "Continue group."; }
        }
        var put = await api.PutAsJsonAsync($"/api/group-sessions/{session}/note", body);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var warning = await Json.ProblemAsync(await NoteCalls.SignGroupAsync(api, session, new { }), 409);
        Assert.Equal("Nearly the same as another note", (string?)warning["title"]);
        var similar = warning["similar"]!.AsArray();
        Assert.Equal(2, similar.Count);
        Assert.All(similar, s => Assert.True((double)s!["similarity"]! >= 0.5));
        Assert.DoesNotContain(similar, s => (string?)s!["participantId"] == c.Id.ToString());
        await using (var s = app.Db())
            Assert.Equal(NoteStatus.Draft, (await s.Context.Set<GroupNote>().SingleAsync(g => g.GroupSessionId == session)).Status);

        var signed = await Json.ReadAsync(await NoteCalls.SignGroupAsync(api, session, new { acknowledgeSimilarText = true }));
        Assert.Equal("locked", (string?)signed["status"]);
        await using (var s = app.Db())
        {
            var parts = await s.Context.Set<ClinicalNote>().Where(n => n.GroupNote!.GroupSessionId == session).ToListAsync();
            Assert.Contains("like", parts.Single(p => p.ParticipantId == a.Id).SimilarityWarning);
            Assert.Null(parts.Single(p => p.ParticipantId == c.Id).SimilarityWarning);
        }
    }

    [Fact]
    public async Task A_note_carried_forward_from_the_participants_earlier_note_is_flagged()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        var (first, _) = await NoteCalls.CreateAsync(api, p.Id, NoteCalls.Dap(Today.AddDays(-2)));
        Assert.Equal(HttpStatusCode.OK, (await NoteCalls.SignAsync(api, first)).StatusCode);
        var (copy, _) = await NoteCalls.CreateAsync(api, p.Id, NoteCalls.Dap(Today));
        var check = await Json.ReadAsync(await api.GetAsync($"/api/notes/{copy}/similar-text"));
        Assert.Equal(first, (string?)check[0]!["otherNoteId"]);
        var warning = await Json.ProblemAsync(await NoteCalls.SignAsync(api, copy), 409);
        Assert.Contains("their own individual therapy note", (string)warning["detail"]!);

        var (fresh, _) = await NoteCalls.CreateAsync(api, p.Id, NoteCalls.Dap(Today, "Talked about the weekend visit to the coast and how driving felt manageable.",
            "Avoidance lower than at admission; still anxious on freeways.", "Practise the freeway exposure step twice before next week."));
        Assert.Equal(HttpStatusCode.OK, (await NoteCalls.SignAsync(api, fresh)).StatusCode);
    }
}
