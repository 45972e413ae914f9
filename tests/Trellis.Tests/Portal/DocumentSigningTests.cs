using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Admissions.Admission;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Portal.Documents;

namespace Trellis.Tests.Portal;

/// <summary>The intake packet signed in the portal (issue 11 point 6), on both databases.</summary>
public class DocumentSigningTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private async Task<int> SignedCountAsync(Guid pid)
    {
        await using var s = app.Db();
        return await s.Context.Set<SignedDocument>().CountAsync(d => d.ParticipantId == pid);
    }

    [Fact]
    public async Task Signing_keeps_the_exact_text_its_hash_and_a_pdf_and_completes_the_orientation_item()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        var portal = await app.ApiAsync(Roles.Participant);
        var list = (await Json.ReadAsync(await portal.GetAsync("/api/me/documents"))).AsArray();
        Assert.Contains(list, d => (string?)d!["key"] == IntakePacket.ConsentToTreatment);
        var doc = await Json.ReadAsync(await portal.GetAsync($"/api/me/documents/{IntakePacket.ConsentToTreatment}"));
        var text = (string)doc["text"]!;
        Assert.Equal(IntakePacket.Hash(text), (string?)doc["sha256"]);
        string legal;
        await using (var s = app.Db()) legal = await s.Context.Participants.Where(p => p.Id == pid).Select(p => p.LegalFirstName + " " + p.LegalLastName).SingleAsync();

        var signed = await portal.PostAsJsonAsync($"/api/me/documents/{IntakePacket.ConsentToTreatment}/sign", new { version = (int)doc["version"]!, sha256 = (string)doc["sha256"]!, typedName = legal });
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var body = await Json.ReadAsync(signed);
        await using (var s = app.Db())
        {
            var row = await s.Context.Set<SignedDocument>().SingleAsync(d => d.Id == (Guid)body["id"]!);
            Assert.Equal(text, row.Text);
            Assert.Equal(IntakePacket.Hash(row.Text), row.TextSha256);
            Assert.Equal(legal, row.TypedName);
            Assert.NotNull(row.Pdf);
            Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(row.Pdf!, 0, 4));
            var step = await s.Context.Set<OrientationStep>().SingleAsync(o => o.ParticipantId == pid && o.Item == OrientationItem.ConsentToTreatment);
            Assert.NotNull(step.DoneOn);
        }
        // Staff in scope see who signed what, and the PDF.
        var staff = await app.ApiAsync(Roles.IntakeCoordinator);
        var who = (await Json.ReadAsync(await staff.GetAsync($"/api/participants/{pid}/documents"))).AsArray();
        Assert.Contains(who, d => (string?)d!["key"] == IntakePacket.ConsentToTreatment && (string?)d["typedName"] == legal);
        var pdf = await staff.GetAsync($"/api/participants/{pid}/documents/{(Guid)body["id"]!}/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        // A signed document never changes: signing it again is refused.
        await Json.ProblemAsync(await portal.PostAsJsonAsync($"/api/me/documents/{IntakePacket.ConsentToTreatment}/sign", new { version = 1, sha256 = (string)doc["sha256"]!, typedName = legal }), 409);
    }

    [Fact]
    public async Task A_tampered_hash_a_forged_key_or_anothers_name_is_refused_and_nothing_is_saved()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        var portal = await app.ApiAsync(Roles.Participant);
        var doc = await Json.ReadAsync(await portal.GetAsync($"/api/me/documents/{IntakePacket.FinancialAgreement}"));
        string legal;
        await using (var s = app.Db()) legal = await s.Context.Participants.Where(p => p.Id == pid).Select(p => p.LegalFirstName + " " + p.LegalLastName).SingleAsync();
        var before = await SignedCountAsync(pid);
        var tampered = IntakePacket.Hash((string)doc["text"]! + " I also agree to pay double.");
        var bad = await Json.ProblemAsync(await portal.PostAsJsonAsync($"/api/me/documents/{IntakePacket.FinancialAgreement}/sign", new { version = 1, sha256 = tampered, typedName = legal }), 400);
        Assert.NotNull(bad["errors"]!["sha256"]);
        Assert.NotNull((await Json.ProblemAsync(await portal.PostAsJsonAsync($"/api/me/documents/{IntakePacket.FinancialAgreement}/sign", new { version = 2, sha256 = (string)doc["sha256"]!, typedName = legal }), 400))["errors"]!["version"]);
        Assert.NotNull((await Json.ProblemAsync(await portal.PostAsJsonAsync($"/api/me/documents/{IntakePacket.FinancialAgreement}/sign", new { version = 1, sha256 = (string)doc["sha256"]!, typedName = "Somebody Else" }), 400))["errors"]!["typedName"]);
        await Json.ProblemAsync(await portal.PostAsJsonAsync("/api/me/documents/forged-key/sign", new { version = 1, sha256 = (string)doc["sha256"]!, typedName = legal }), 404);
        await Json.ProblemAsync(await (await app.ApiAsync(Roles.Clinician)).PostAsJsonAsync($"/api/me/documents/{IntakePacket.FinancialAgreement}/sign", new { version = 1, sha256 = (string)doc["sha256"]!, typedName = legal }), 403);
        Assert.Equal(before, await SignedCountAsync(pid));
    }

    [Fact]
    public async Task A_part_2_program_adds_the_disclosure_consent_with_every_2_31_element_and_signing_records_the_consent()
    {
        await using var s = app.Db();
        var p = await s.Context.Participants.Include(x => x.Program).Where(x => x.Program!.IsPart2 && x.AdmittedOn != null).FirstAsync();
        var docs = IntakePacket.For(p, p.Program!, "Trellis Demo Clinic", p.Today(s.Context.Now));
        var part2 = Assert.Single(docs, d => d.Key == IntakePacket.Part2Consent);
        foreach (var element in new[] { "Patient:", "Who may disclose:", "What may be disclosed:", "substance use disorder", "To whom:", "Purpose:", "expires", "revoke", "does not depend on my signing", "redisclosed", "42 CFR Part 2" })
            Assert.Contains(element, part2.Text);
        Assert.Equal(ConsentKind.Part2, part2.Consent!.Kind);
        Assert.True(part2.Consent.RightToRevokeExplained && part2.Consent.RedisclosureNoticeGiven);
        Assert.Empty(Trellis.Web.Infrastructure.Validation.Validate(part2.Consent));
    }

    [Fact]
    public async Task Another_participants_documents_are_not_found()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        Guid other, otherDoc;
        await using (var s = app.Db())
        {
            other = await s.Context.Participants.Where(p => p.Id != pid).Select(p => p.Id).FirstAsync();
            var row = new SignedDocument { ParticipantId = other, TemplateKey = "privacy-notice", TemplateVersion = 1, Title = "x", Text = "x", TextSha256 = IntakePacket.Hash("x"), TypedName = "x", SignedAt = s.Context.Now, Pdf = [37, 80, 68, 70] };
            s.Context.Add(row);
            await s.Context.SaveChangesAsync();
            otherDoc = row.Id;
        }
        var portal = await app.ApiAsync(Roles.Participant);
        await Json.ProblemAsync(await portal.GetAsync($"/api/participants/{other}/documents"), 404);
        await Json.ProblemAsync(await portal.GetAsync($"/api/participants/{other}/documents/{otherDoc}/pdf"), 404);
        await Json.ProblemAsync(await portal.GetAsync($"/api/participants/{pid}/documents/{otherDoc}/pdf"), 404);
        using var pages = await app.PagesAsync(Roles.Participant);
        var (r, _) = await pages.GetAsync($"/documents/{other}/{otherDoc}/pdf");
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    [Fact]
    public async Task The_signing_page_signs_and_the_chart_tab_shows_it()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        string legal;
        await using (var s = app.Db()) legal = await s.Context.Participants.Where(p => p.Id == pid).Select(p => p.LegalFirstName + " " + p.LegalLastName).SingleAsync();
        using var pages = await app.PagesAsync(Roles.Participant);
        var (_, form) = await pages.GetAsync($"/my/documents/{IntakePacket.PrivacyNotice}");
        var (wrong, wrongDoc) = await pages.SubmitAsync($"/my/documents/{IntakePacket.PrivacyNotice}", "sign", new Dictionary<string, string?> { ["Input.TypedName"] = "Not Me" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Type your own name", wrongDoc.Body!.TextContent);
        var (ok, _) = await pages.SubmitAsync($"/my/documents/{IntakePacket.PrivacyNotice}", "sign", new Dictionary<string, string?> { ["Input.TypedName"] = legal });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        using var staff = await app.PagesAsync(Roles.Clinician);
        var (tab, doc) = await staff.GetAsync($"/participants/{pid}/documents");
        Assert.Equal(HttpStatusCode.OK, tab.StatusCode);
        Assert.Contains($"“{legal}”", doc.Body!.TextContent);
    }
}
