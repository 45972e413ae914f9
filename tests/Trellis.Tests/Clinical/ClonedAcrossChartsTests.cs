using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes;
using Trellis.Web.Features.TreatmentPlans;

namespace Trellis.Tests.Clinical;

/// <summary>Issue 13, point 4: a note or a plan copied from one chart to another with the name swapped is caught, and the warning names no one.</summary>
public class ClonedAcrossChartsTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static Dictionary<string, object?> Birp(string name, string he, string his) => new()
    {
        ["kind"] = "individual", ["format"] = "birp", ["serviceDate"] = Clinic.Today.ToString("yyyy-MM-dd"), ["minutes"] = 50,
        ["sections"] = new Dictionary<string, string?>
        {
            ["behavior"] = $"{name} arrived on time and reported two nights of broken sleep after a call from {his} landlord. {he} described feeling on edge at work.",
            ["intervention"] = $"Reviewed {his} sleep log, taught stimulus control and planned a wind-down routine with {name}.",
            ["response"] = $"{name} agreed to try the routine for a week and said it felt doable. {he} asked for the handout.",
            ["plan"] = "Bring the sleep log next week; call the tenant hotline about the landlord before Friday.",
        },
    };

    private static Dictionary<string, string> Soap(string name, string he, string his) => new()
    {
        ["subjective"] = $"{name} says the cravings are worst on the drive home and that {he.ToLowerInvariant()} skipped the meeting on Thursday.",
        ["objective"] = $"Restless, tapping {his} foot, good eye contact; breathalyser negative.",
        ["assessment"] = $"Early lapse risk around the commute; {name} is candid about it, which is a strength.",
        ["plan"] = $"Take the long way home past the meeting hall; {name} will text the sponsor at 5:30 each day.",
    };

    [Fact]
    public async Task A_birp_note_copied_into_another_chart_with_the_name_swapped_is_flagged_without_naming_the_other_participant()
    {
        var first = await Clinic.FreshParticipantAsync(app, last: "Oyelaran");
        var second = await Clinic.FreshParticipantAsync(app, last: "Vasquez");
        var api = await app.ApiAsync(Roles.Clinician);
        var (original, _) = await NoteCalls.CreateAsync(api, first.Id, Birp("Test Oyelaran", "She", "her"));
        Assert.Equal(HttpStatusCode.OK, (await NoteCalls.SignAsync(api, original)).StatusCode);

        var (copy, _) = await NoteCalls.CreateAsync(api, second.Id, Birp("Test Vasquez", "He", "his"));
        var warning = await Json.ProblemAsync(await NoteCalls.SignAsync(api, copy), 409);
        Assert.Equal("Nearly the same as another note", (string?)warning["title"]);
        Assert.Contains("note for another participant", (string)warning["detail"]!);
        Assert.DoesNotContain("Oyelaran", warning.ToJsonString());
        var found = warning["similar"]!.AsArray().Single();
        Assert.Equal(original, (string?)found!["otherNoteId"]); // in the signer's scope: they may open it
        Assert.Equal(1.0, (double)found["similarity"]!);

        var signed = await Json.ReadAsync(await NoteCalls.SignAsync(api, copy, new { acknowledgeSimilarText = true }));
        Assert.Equal("locked", (string?)signed["status"]);
        var kept = (string)signed["signature"]!["similarityWarning"]!;
        Assert.Contains("another participant", kept);
        Assert.DoesNotContain("Oyelaran", kept);

        // Written for the person, it signs without a word.
        var third = await Clinic.FreshParticipantAsync(app);
        var (own, _) = await NoteCalls.CreateAsync(api, third.Id, NoteCalls.Dap(Clinic.Today, "Came in angry about the bus pass and left calmer after planning the appeal letter.",
            "Frustration tolerance better than last month; no safety concerns.", "Draft the appeal with the case manager on Tuesday."));
        Assert.Equal(HttpStatusCode.OK, (await NoteCalls.SignAsync(api, own)).StatusCode);
    }

    [Fact]
    public async Task A_match_in_a_chart_outside_the_signers_scope_carries_neither_name_nor_id()
    {
        // The demo clinician once wrote a note in a Substance Use chart (a program they are no longer assigned to).
        var outside = await Clinic.FreshParticipantAsync(app, Demo.SubstanceUse, last: "Thorncastle");
        var clinician = await Clinic.StaffAsync(app, "clinician");
        Guid hidden;
        await using (var s = app.Db())
        {
            var note = new ClinicalNote
            {
                ParticipantId = outside.Id, Kind = NoteKind.Individual, Format = NoteFormat.Soap, Sections = Soap("Test Thorncastle", "She", "her"), ServiceDate = Clinic.Today.AddDays(-5),
                AuthorStaffId = clinician.Id, AuthorName = clinician.DisplayName, Status = NoteStatus.Locked, SignedAt = DateTimeOffset.UtcNow.AddDays(-5),
                SignedByStaffId = clinician.Id, SignedByName = clinician.DisplayName,
            };
            s.Context.Add(note);
            await s.Context.SaveChangesAsync();
            hidden = note.Id;
        }
        var inside = await Clinic.FreshParticipantAsync(app, last: "Merriweather");
        var api = await app.ApiAsync(Roles.Clinician);
        var body = new Dictionary<string, object?>
        {
            ["kind"] = "individual", ["format"] = "soap", ["serviceDate"] = Clinic.Today.ToString("yyyy-MM-dd"), ["sections"] = Soap("Test Merriweather", "He", "his"),
        };
        var (copy, _) = await NoteCalls.CreateAsync(api, inside.Id, body);

        var check = await Json.ReadAsync(await api.GetAsync($"/api/notes/{copy}/similar-text"));
        var found = check.AsArray().Single()!;
        Assert.Null(found["otherNoteId"]);
        Assert.Contains("another participant", (string)found["where"]!);
        var warning = await Json.ProblemAsync(await NoteCalls.SignAsync(api, copy), 409);
        Assert.DoesNotContain("Thorncastle", warning.ToJsonString());
        Assert.DoesNotContain(hidden.ToString(), warning.ToJsonString());
        Assert.DoesNotContain(outside.Id.ToString(), warning.ToJsonString());
        await Json.ProblemAsync(await api.GetAsync($"/api/notes/{hidden}"), 404);
    }

    [Fact]
    public async Task A_group_part_copied_from_the_authors_note_in_another_chart_is_flagged()
    {
        var earlier = await Clinic.FreshParticipantAsync(app, last: "Pennington");
        var attendee = await Clinic.FreshParticipantAsync(app, last: "Quarshie");
        var api = await app.ApiAsync(Roles.Clinician);
        const string text = "{0} said the hardest part of the week was the silence after work, and practised calling a friend in the role-play instead of drinking alone.";
        var session1 = await Clinic.HeldSessionAsync(app, [earlier.Id], daysAgo: 2);
        await api.PutAsJsonAsync($"/api/group-sessions/{session1}/note", new { topic = "Evenings", summary = "Planning the hour after work.", parts = new[] { NoteCalls.Part(earlier.Id, string.Format(text, "Test Pennington"), "", "", "") } });
        Assert.Equal(HttpStatusCode.OK, (await NoteCalls.SignGroupAsync(api, session1, new { })).StatusCode);

        var session2 = await Clinic.HeldSessionAsync(app, [attendee.Id]);
        await api.PutAsJsonAsync($"/api/group-sessions/{session2}/note", new { topic = "Evenings", summary = "Planning the hour after work, second group.", parts = new[] { NoteCalls.Part(attendee.Id, string.Format(text, "Test Quarshie"), "", "", "") } });
        var warning = await Json.ProblemAsync(await NoteCalls.SignGroupAsync(api, session2, new { }), 409);
        Assert.Contains("group note for another participant", (string)warning["detail"]!);
        Assert.DoesNotContain("Pennington", warning.ToJsonString());
    }

    [Fact]
    public async Task A_treatment_plan_copied_from_another_participants_is_a_warning_at_the_clinicians_signature_and_the_confirmation_is_kept()
    {
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var first = await Clinic.FreshParticipantAsync(app, last: "Ravensworth");
        var second = await Clinic.FreshParticipantAsync(app, last: "Idowu");
        var api = await app.ApiAsync(Roles.Clinician);
        var scripted = "Test {0} wants to get out of bed and go to work most days";
        await api.PutAsJsonAsync($"/api/participants/{first.Id}/treatment-plan", Clinic.PlanBody(clinician.Id, string.Format(scripted, "Ravensworth")));
        await api.PostAsJsonAsync($"/api/participants/{first.Id}/treatment-plan/signatures", new { number = 1, @as = "clinician", acknowledgeSimilarText = true });
        await api.PutAsJsonAsync($"/api/participants/{second.Id}/treatment-plan", Clinic.PlanBody(clinician.Id, string.Format(scripted, "Idowu")));

        var warning = await Json.ProblemAsync(await api.PostAsJsonAsync($"/api/participants/{second.Id}/treatment-plan/signatures", new { number = 1, @as = "clinician" }), 409);
        Assert.Equal("Nearly the same as another plan", (string?)warning["title"]);
        Assert.Contains("another participant", (string)warning["detail"]!);
        Assert.DoesNotContain("Ravensworth", warning.ToJsonString());
        await using (var s = app.Db())
            Assert.Null((await s.Context.Set<TreatmentPlan>().SingleAsync(p => p.ParticipantId == second.Id)).ClinicianSignedAt);

        var signed = await Json.ReadAsync(await api.PostAsJsonAsync($"/api/participants/{second.Id}/treatment-plan/signatures", new { number = 1, @as = "clinician", acknowledgeSimilarText = true }));
        Assert.Contains("cloned-text warning", (string)signed["signatures"]!["similarityWarning"]!);
        await using (var s = app.Db())
        {
            var plan = await s.Context.Set<TreatmentPlan>().AsNoTracking().SingleAsync(p => p.ParticipantId == second.Id);
            Assert.NotNull(plan.SimilarityWarning);
            // Once confirmed, the confirmation stays as it was signed.
            await Assert.ThrowsAnyAsync<Exception>(() => s.Context.Database.ExecuteSqlRawAsync(
                "UPDATE \"TreatmentPlans\" SET \"SimilarityWarning\" = NULL WHERE \"Id\" = {0}", plan.Id));
        }
    }
}
