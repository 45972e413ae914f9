using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes;

namespace Trellis.Tests.Clinical;

/// <summary>Issue 13, point 13: notes print with their signature block and addenda; a group note's parts print only where the reader may read them.</summary>
public class NotePrintTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task A_signed_note_prints_with_signer_credential_local_time_cosignature_addenda_and_the_part_2_notice()
    {
        var p = await Clinic.FreshParticipantAsync(app, Demo.SubstanceUse);
        var clinician = await Clinic.StaffAsync(app, "clinician");
        var director = await Clinic.StaffAsync(app, "programdirector");
        var signedAt = new DateTimeOffset(2026, 11, 20, 22, 30, 0, TimeSpan.Zero); // 2:30 PM in Los Angeles
        Guid id;
        await using (var s = app.Db())
        {
            var note = new ClinicalNote
            {
                ParticipantId = p.Id, Kind = NoteKind.Individual, Format = NoteFormat.Dap, ServiceDate = new DateOnly(2026, 11, 20), Minutes = 50,
                Sections = new() { ["data"] = "Talked through the relapse on Saturday and what came before it.", ["assessment"] = "Candid; insight growing.", ["plan"] = "Meeting daily this week." },
                AuthorStaffId = clinician.Id, AuthorName = clinician.DisplayName, Status = NoteStatus.Locked, SignedAt = signedAt,
                SignedByStaffId = clinician.Id, SignedByName = clinician.DisplayName, CosignRequired = true, CosignerStaffId = director.Id,
                CosignedAt = signedAt.AddDays(1), CosignedByStaffId = director.Id, CosignedByName = director.DisplayName,
            };
            note.Addenda.Add(new NoteAddendum { NoteId = note.Id, ParticipantId = p.Id, Text = "Correction: the relapse was on Friday night.", AuthorStaffId = clinician.Id, AuthorName = clinician.DisplayName, SignedAt = signedAt.AddDays(2) });
            s.Context.Add(note);
            s.Context.AddRange(note.Addenda);
            await s.Context.SaveChangesAsync();
            id = note.Id;
        }
        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (response, doc) = await pages.GetAsync($"/notes/{id}/print");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sheet = doc.QuerySelector("article.print-sheet")!.TextContent;
        Assert.Contains("Individual therapy note", sheet);
        Assert.Contains($"{clinician.DisplayName} · Nov 20, 2026 2:30 PM Pacific Standard Time", sheet);
        Assert.Contains($"{director.DisplayName} · Nov 21, 2026 2:30 PM Pacific Standard Time", sheet);
        Assert.Contains(", LPC", clinician.DisplayName);
        Assert.Contains("Correction: the relapse was on Friday night.", sheet);
        Assert.Contains("42 CFR part 2", sheet);
    }

    [Fact]
    public async Task A_group_note_prints_whole_for_staff_who_see_every_attendee_and_each_part_prints_only_in_its_own_chart()
    {
        var a = await Clinic.FreshParticipantAsync(app, last: "Lockhart");
        var b = await Clinic.FreshParticipantAsync(app, last: "Mbeki");
        var session = await Clinic.HeldSessionAsync(app, [a.Id, b.Id]);
        var api = await app.ApiAsync(Roles.Clinician);
        const string summary = "Grounding skills: five senses, then practising in pairs.";
        await api.PutAsJsonAsync($"/api/group-sessions/{session}/note", new
        {
            topic = "Grounding", summary,
            parts = new[]
            {
                NoteCalls.Part(a.Id, "Test Lockhart used the five-senses count when the fire alarm test went off mid-group.", "", "", ""),
                NoteCalls.Part(b.Id, "Test Mbeki preferred holding the cold can and said it would fit in the lunch bag.", "", "", ""),
            },
        });
        var signed = await Json.ReadAsync(await NoteCalls.SignGroupAsync(api, session, new { }));
        var partA = (string)signed["parts"]![0]!["noteId"]!;

        using var pages = await app.PagesAsync(Roles.Clinician);
        var (_, whole) = await pages.GetAsync($"/group-sessions/{session}/note/print");
        var text = whole.QuerySelector("article.print-sheet")!.TextContent;
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, System.Text.RegularExpressions.Regex.Escape(summary)));
        Assert.Contains("fire alarm", text);
        Assert.Contains("cold can", text);
        Assert.Contains("Participation:", text);
        Assert.DoesNotContain("42 CFR part 2", text);

        var (_, one) = await pages.GetAsync($"/notes/{partA}/print");
        text = one.QuerySelector("article.print-sheet")!.TextContent;
        Assert.Contains(summary, text);
        Assert.Contains("fire alarm", text);
        Assert.DoesNotContain("cold can", text);
        Assert.DoesNotContain("Mbeki", text);

        // A third attendee from a program outside the clinician's scope: the whole note is no longer theirs to print.
        var outsider = await Clinic.FreshParticipantAsync(app, Demo.SubstanceUse, last: "Northcote");
        await using (var s = app.Db())
        {
            var note = await s.Context.Set<GroupNote>().SingleAsync(g => g.GroupSessionId == session);
            var part = new ClinicalNote { ParticipantId = outsider.Id, Kind = NoteKind.Group, Format = NoteFormat.GroupPart, GroupNoteId = note.Id, ServiceDate = note.ServiceDate,
                AuthorStaffId = note.AuthorStaffId, AuthorName = note.AuthorName, Sections = new() { ["participation"] = "Test Northcote joined from the other program's group." } };
            NoteSigning.CopySignature(note, part);
            s.Context.Add(part);
            await s.Context.SaveChangesAsync();
        }
        var (_, refused) = await pages.GetAsync($"/group-sessions/{session}/note/print");
        Assert.Null(refused.QuerySelector("article.print-sheet"));
        Assert.Contains("outside your care team's programs", refused.Body!.TextContent);
        Assert.DoesNotContain("Northcote", refused.Body.TextContent);
        Assert.Equal(2, refused.QuerySelectorAll("main a[href$='/print']").Length);

        using var director = await app.PagesAsync(Roles.ProgramDirector);
        var (_, all) = await director.GetAsync($"/group-sessions/{session}/note/print");
        Assert.Contains("other program's group", all.QuerySelector("article.print-sheet")!.TextContent);
    }
}
