using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Mail;
using Trellis.Tests.Portal;
using Trellis.Tests.Support;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Demo;
using Trellis.Web.Features.Portal.Uploads;

namespace Trellis.Tests.Messages;

/// <summary>
/// Files sent with secure messages (issue 11, point 5): the chart's upload checks (type by content, size, virus scan),
/// shown in the thread, downloaded through the chart's scope-filtered, audited download; the email names no file.
/// </summary>
public class MessageAttachmentTests(MailFactory app) : IClassFixture<MailFactory>
{
    public static MultipartFormDataContent Form(string? body, byte[]? bytes, string fileName = "card.png")
    {
        var form = new MultipartFormDataContent();
        if (body is not null) form.Add(new StringContent(body), "body");
        if (bytes is not null)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png"); // what a client claims; never believed
            form.Add(file, "attachment", fileName);
        }
        return form;
    }

    private async Task<(int Messages, int Files)> CountAsync(Guid pid)
    {
        await using var s = app.Db();
        return (await s.Context.Messages.IgnoreQueryFilters().CountAsync(m => m.ParticipantId == pid),
            await s.Context.Set<UploadedDocument>().IgnoreQueryFilters().CountAsync(d => d.ParticipantId == pid)
            + await s.Context.Set<UploadedContent>().IgnoreQueryFilters().CountAsync(d => d.ParticipantId == pid));
    }

    [Fact]
    public async Task A_participant_and_staff_attach_files_that_the_thread_shows_and_the_chart_downloads_audited_and_the_email_stays_bare()
    {
        var participant = await app.ApiAsync(Roles.Participant);
        var pid = JsonDocument.Parse(await participant.GetStringAsync("/api/auth/me")).RootElement.GetProperty("participantId").GetGuid();
        var email = $"attach-{Guid.NewGuid():N}@example.org";
        await using (var s = app.Db())
        {
            (await s.Context.Participants.FirstAsync(x => x.Id == pid)).Email = email;
            await s.Context.SaveChangesAsync();
        }

        var sent = await participant.PostAsync($"/api/participants/{pid}/messages/with-file", Form("My new insurance card", UploadTests.Png, "insurance-card.png"));
        Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        var attachment = (await Json.ReadAsync(sent))["attachment"]!;
        Assert.Equal("image/png", (string?)attachment["contentType"]);
        Assert.Equal("insurance-card.png", (string?)attachment["fileName"]);

        var clinician = await app.ApiAsync(Roles.Clinician);
        var thread = (await Json.ReadAsync(await clinician.GetAsync($"/api/participants/{pid}/messages"))).AsArray();
        var shown = thread.Single(m => (string?)m!["body"] == "My new insurance card")!["attachment"]!;
        var download = await clinician.GetAsync((string)shown["url"]!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(UploadTests.Png, await download.Content.ReadAsByteArrayAsync());
        var uploadId = (Guid)shown["id"]!;
        await using (var s = app.Db())
        {
            var doc = await s.Context.Set<UploadedDocument>().FirstAsync(d => d.Id == uploadId);
            Assert.Equal(UploadKind.MessageAttachment, doc.Kind);
            Assert.True(doc.ByParticipant);
            Assert.True(await s.Context.AuditEntries.AnyAsync(a => a.Action == AuditActions.Read && a.RecordType == nameof(UploadedDocument) && a.RecordId == uploadId.ToString()));
        }

        // Staff answer with a PDF: the participant hears of it by an email that names neither the message nor the file.
        var reply = await clinician.PostAsync($"/api/participants/{pid}/messages/with-file", Form("The relapse-prevention worksheet for Tuesday", UploadTests.Pdf, "relapse-worksheet.pdf"));
        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        var mail = Assert.Single(await app.Mail.WaitForAsync(email));
        NoClinicalContent.Assert(mail, "worksheet", "relapse", "Tuesday", ".pdf");
        var mine = (await Json.ReadAsync(await participant.GetAsync($"/api/participants/{pid}/messages"))).AsArray();
        var worksheet = mine.Single(m => (string?)m!["body"] == "The relapse-prevention worksheet for Tuesday")!["attachment"]!;
        Assert.Equal(UploadTests.Pdf, await (await participant.GetAsync((string)worksheet["url"]!)).Content.ReadAsByteArrayAsync());

        // Another participant's chart: the thread and the file are 404s.
        Guid other;
        await using (var s = app.Db())
            other = await s.Context.Participants.Where(p => p.Id != pid).Select(p => p.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await participant.PostAsync($"/api/participants/{other}/messages/with-file", Form("hi", UploadTests.Png))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await participant.GetAsync($"/api/participants/{other}/uploads/{uploadId}")).StatusCode);
    }

    [Fact]
    public async Task A_file_of_the_wrong_type_too_large_or_missing_is_refused_and_nothing_is_saved()
    {
        var participant = await app.ApiAsync(Roles.Participant);
        var pid = JsonDocument.Parse(await participant.GetStringAsync("/api/auth/me")).RootElement.GetProperty("participantId").GetGuid();
        var before = await CountAsync(pid);

        var text = await Json.ProblemAsync(await participant.PostAsync($"/api/participants/{pid}/messages/with-file", Form("see attached", "just some text"u8.ToArray(), "notes.pdf")), 400);
        Assert.NotNull(text["errors"]!["attachment"]);
        var renamed = await Json.ProblemAsync(await participant.PostAsync($"/api/participants/{pid}/messages/with-file", Form("see attached", UploadTests.Png, "card.pdf")), 400);
        Assert.NotNull(renamed["errors"]!["attachment"]);
        await Json.ProblemAsync(await participant.PostAsync($"/api/participants/{pid}/messages/with-file", Form("see attached", new byte[10 * 1024 * 1024 + 1])), 413);
        await Json.ProblemAsync(await participant.PostAsync($"/api/participants/{pid}/messages/with-file", Form("no file", null)), 400);
        await Json.ProblemAsync(await participant.PostAsync($"/api/participants/{pid}/messages/with-file", new StringContent("{\"body\":\"x\"}", System.Text.Encoding.UTF8, "application/json")), 415);
        Assert.Equal(before, await CountAsync(pid));
    }

    [Fact]
    public async Task A_file_without_text_is_a_message_and_neither_is_a_field_error()
    {
        var participant = await app.ApiAsync(Roles.Participant);
        var pid = JsonDocument.Parse(await participant.GetStringAsync("/api/auth/me")).RootElement.GetProperty("participantId").GetGuid();

        foreach (var body in new string?[] { null, "   " })
        {
            var sent = await participant.PostAsync($"/api/participants/{pid}/messages/with-file", Form(body, UploadTests.Png, "only-a-photo.png"));
            Assert.True(sent.StatusCode == HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
            var created = await Json.ReadAsync(sent);
            Assert.Equal("", (string?)created["body"]);
            Assert.Equal("only-a-photo.png", (string?)created["attachment"]!["fileName"]);
        }
        var clinician = await app.ApiAsync(Roles.Clinician);
        var staffSent = await clinician.PostAsync($"/api/participants/{pid}/messages/with-file", Form(null, UploadTests.Pdf, "handout.pdf"));
        Assert.Equal(HttpStatusCode.Created, staffSent.StatusCode);
        var thread = (await Json.ReadAsync(await participant.GetAsync($"/api/participants/{pid}/messages"))).AsArray();
        Assert.Equal("handout.pdf", (string?)thread.Last()!["attachment"]!["fileName"]);

        // Neither text nor file: the same words on the JSON door, nothing saved.
        var before = await CountAsync(pid);
        foreach (var empty in new object[] { new { body = "" }, new { body = "  \n " }, new { } })
        {
            var refused = await Json.ProblemAsync(await participant.PostAsJsonAsync($"/api/participants/{pid}/messages", empty), 400);
            Assert.Contains(Trellis.Web.Features.Messages.Actions.MessageInput.Empty, refused["errors"]!["body"]!.AsArray().Select(e => (string)e!));
        }
        Assert.Equal(before, await CountAsync(pid));
    }

    private static MultipartFormDataContent PageForm(AngleSharp.Html.Dom.IHtmlDocument doc, string? body, byte[]? file, string fileName)
    {
        var form = PageClient.FindForm(doc, "send")!;
        var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]"))
            content.Add(new StringContent(input.GetAttribute("value") ?? ""), input.GetAttribute("name")!);
        if (body is not null) content.Add(new StringContent(body), "Input.Body");
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "attachment", fileName);
        }
        return content;
    }

    [Fact]
    public async Task The_portal_compose_box_and_the_chart_tab_send_a_file_with_no_text_and_say_so_when_both_are_empty()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        using var portal = await app.PagesAsync(Roles.Participant);
        var (_, doc) = await portal.GetAsync("/my/messages");
        Assert.False(doc.QuerySelector("textarea[name='Input.Body']")!.HasAttribute("required"));
        Assert.Equal(HttpStatusCode.Redirect, (await portal.Http.PostAsync("/my/messages", PageForm(doc, "", UploadTests.Png, "id-card.png"))).StatusCode);
        var (_, thread) = await portal.GetAsync("/my/messages");
        var last = thread.QuerySelectorAll(".message-list li").Last();
        Assert.Equal("id-card.png", last.QuerySelector(".message-attachment a")!.TextContent.Trim());
        Assert.Null(last.QuerySelector(".message-body"));

        var before = await CountAsync(pid);
        var (_, again) = await portal.GetAsync("/my/messages");
        var empty = await portal.Http.PostAsync("/my/messages", PageForm(again, "  ", null, ""));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var emptyDoc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await empty.Content.ReadAsStringAsync());
        Assert.Equal(Trellis.Web.Features.Messages.Actions.MessageInput.Empty, emptyDoc.QuerySelector("#message-body-err")!.TextContent.Trim());
        Assert.Equal(before, await CountAsync(pid));

        using var clinician = await app.PagesAsync(Roles.Clinician);
        var tab = $"/participants/{pid}/messages";
        var (_, tabDoc) = await clinician.GetAsync(tab);
        Assert.Equal(HttpStatusCode.Redirect, (await clinician.Http.PostAsync(tab, PageForm(tabDoc, null, UploadTests.Pdf, "week-two-handout.pdf"))).StatusCode);
        var (_, after) = await clinician.GetAsync(tab);
        Assert.Equal("week-two-handout.pdf", after.QuerySelectorAll(".message-attachment a").Last().TextContent.Trim());
        var (_, tabAgain) = await clinician.GetAsync(tab);
        var refused = await clinician.Http.PostAsync(tab, PageForm(tabAgain, "", null, ""));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(Trellis.Web.Features.Messages.Actions.MessageInput.Empty, await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_portal_page_sends_a_file_with_a_message_and_shows_it_in_the_thread()
    {
        using var pages = await app.PagesAsync(Roles.Participant);
        var (_, doc) = await pages.GetAsync("/my/messages");
        var form = PageClient.FindForm(doc, "send")!;
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]"))
            content.Add(new StringContent(input.GetAttribute("value") ?? ""), input.GetAttribute("name")!);
        content.Add(new StringContent("A photo of my discharge papers"), "Input.Body");
        var file = new ByteArrayContent(UploadTests.Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "attachment", "discharge.png");
        var sent = await pages.Http.PostAsync("/my/messages", content);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var (_, thread) = await pages.GetAsync("/my/messages");
        var link = thread.QuerySelectorAll(".message-attachment a").Last();
        Assert.Equal("discharge.png", link.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await pages.Http.GetAsync(link.GetAttribute("href"))).StatusCode);
    }
}

/// <summary>The EICAR test file as an attachment, against the run's clamd (TRELLIS_TEST_CLAMD, as in ClamAvUploadTests).</summary>
public class MessageAttachmentVirusTests(ClamAvFactory app) : IClassFixture<ClamAvFactory>
{
    [Fact]
    public async Task An_infected_attachment_is_refused_and_neither_the_message_nor_the_file_is_kept()
    {
        _ = ClamAvFactory.Address; // a clear failure, not a skip, when the run has no clamd
        var participant = await app.ApiAsync(Roles.Participant);
        var pid = JsonDocument.Parse(await participant.GetStringAsync("/api/auth/me")).RootElement.GetProperty("participantId").GetGuid();
        async Task<(int, int)> CountAsync()
        {
            await using var s = app.Db();
            return (await s.Context.Messages.IgnoreQueryFilters().CountAsync(m => m.ParticipantId == pid),
                await s.Context.Set<UploadedDocument>().IgnoreQueryFilters().CountAsync(d => d.ParticipantId == pid));
        }
        var before = await CountAsync();
        var infected = await Json.ProblemAsync(await participant.PostAsync($"/api/participants/{pid}/messages/with-file",
            MessageAttachmentTests.Form("my records", ClamAvUploadTests.Eicar, "records.pdf")), 422);
        Assert.Contains("Eicar", (string)infected["detail"]!, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(infected["errors"]!["attachment"]);
        Assert.Equal(before, await CountAsync());

        var clean = await participant.PostAsync($"/api/participants/{pid}/messages/with-file", MessageAttachmentTests.Form("my records", UploadTests.Pdf, "records.pdf"));
        Assert.Equal(HttpStatusCode.Created, clean.StatusCode);
        await using var check = app.Db();
        var id = (Guid)(await Json.ReadAsync(clean))["attachment"]!["id"]!;
        Assert.Equal("ClamAV: clean", (await check.Context.Set<UploadedDocument>().FirstAsync(d => d.Id == id)).Scan);
    }
}
