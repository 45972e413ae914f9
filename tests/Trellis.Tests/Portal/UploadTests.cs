using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Audit;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Portal.Uploads;

namespace Trellis.Tests.Portal;

/// <summary>Files uploaded to the chart (issue 11 point 7): type by content, size limit, scope, audit; on both databases.</summary>
public class UploadTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray();
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    public static MultipartFormDataContent Form(byte[]? bytes, string fileName = "card.pdf", string? kind = "InsuranceCard", string? description = null)
    {
        var form = new MultipartFormDataContent();
        if (kind is not null) form.Add(new StringContent(kind), "kind");
        if (description is not null) form.Add(new StringContent(description), "description");
        if (bytes is not null)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf"); // what a client claims; never believed
            form.Add(file, "file", fileName);
        }
        return form;
    }

    private async Task<int> CountAsync(Guid pid)
    {
        await using var s = app.Db();
        return await s.Context.Set<UploadedDocument>().IgnoreQueryFilters().CountAsync(d => d.ParticipantId == pid)
            + await s.Context.Set<UploadedContent>().IgnoreQueryFilters().CountAsync(d => d.ParticipantId == pid);
    }

    [Fact]
    public async Task The_participant_uploads_staff_in_scope_list_and_download_it_and_another_chart_is_a_404()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        var portal = await app.ApiAsync(Roles.Participant);
        var created = await portal.PostAsync("/api/me/uploads", Form(Pdf, "insurance card.pdf", description: "front and back"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json.ReadAsync(created);
        var id = (Guid)body["id"]!;
        Assert.Equal("application/pdf", (string?)body["contentType"]);
        Assert.Equal("insurance card.pdf", (string?)body["fileName"]);
        Assert.True((bool)body["byParticipant"]!);
        Assert.Null((string?)body["scan"]); // no scanner configured in this factory
        Assert.Contains((await Json.ReadAsync(await portal.GetAsync("/api/me/uploads"))).AsArray(), u => (Guid)u!["id"]! == id);

        var staff = await app.ApiAsync(Roles.IntakeCoordinator);
        Assert.Contains((await Json.ReadAsync(await staff.GetAsync($"/api/participants/{pid}/uploads"))).AsArray(), u => (Guid)u!["id"]! == id);
        var download = await staff.GetAsync($"/api/participants/{pid}/uploads/{id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        await using (var s = app.Db())
            Assert.True(await s.Context.AuditEntries.AnyAsync(a => a.RecordType == nameof(UploadedDocument) && a.RecordId == id.ToString() && a.Action == AuditActions.Read && a.Role == Roles.IntakeCoordinator));

        // Another chart: the participant cannot upload to, list or download from it; the ids answer as missing ones.
        var other = await Demo.ParticipantInAsync(app, Demo.SubstanceUse);
        Assert.NotEqual(pid, other.Id);
        var before = await CountAsync(other.Id);
        await Json.ProblemAsync(await portal.PostAsync($"/api/participants/{other.Id}/uploads", Form(Pdf)), 404);
        await Json.ProblemAsync(await portal.GetAsync($"/api/participants/{other.Id}/uploads"), 404);
        await Json.ProblemAsync(await portal.GetAsync($"/api/participants/{other.Id}/uploads/{id}"), 404);
        Assert.Equal(before, await CountAsync(other.Id));

        // Staff outside the program: the file of a chart they do not reach is a 404, like one that does not exist.
        var admin = await app.ApiAsync(Roles.Administrator);
        var theirs = await Json.ReadAsync(await admin.PostAsync($"/api/participants/{other.Id}/uploads", Form(Png, "id.png", "Identification")));
        Assert.Equal("image/png", (string?)theirs["contentType"]);
        var clinician = await app.ApiAsync(Roles.Clinician); // Adult Mental Health only
        var outside = await Json.ProblemAsync(await clinician.GetAsync($"/api/participants/{other.Id}/uploads/{(Guid)theirs["id"]!}"), 404);
        var missing = await Json.ProblemAsync(await clinician.GetAsync($"/api/participants/{other.Id}/uploads/{Guid.NewGuid()}"), 404);
        Assert.Equal((string?)missing["detail"], (string?)outside["detail"]);
        await Json.ProblemAsync(await clinician.PostAsync($"/api/participants/{other.Id}/uploads", Form(Pdf)), 404);
    }

    [Fact]
    public async Task Wrong_types_by_content_oversized_files_and_missing_fields_are_refused_beside_the_field_and_nothing_is_saved()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        var portal = await app.ApiAsync(Roles.Participant);
        var before = await CountAsync(pid);

        var script = await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", Form("<script>alert(1)</script>"u8.ToArray(), "card.pdf")), 400);
        Assert.Contains("content was checked", string.Join(" ", script["errors"]!["file"]!.AsArray().Select(m => (string?)m)));
        var exe = await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", Form([0x4D, 0x5A, 0x90, 0x00, 0x03], "scan.jpg")), 400);
        Assert.NotNull(exe["errors"]!["file"]);
        var lying = await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", Form(Png, "records.pdf")), 400);
        Assert.Contains("PNG", (string)lying["errors"]!["file"]![0]!);
        var tooLarge = new byte[10 * 1024 * 1024 + 1];
        Pdf.CopyTo(tooLarge, 0);
        var large = await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", Form(tooLarge)), 413);
        Assert.Contains("10 MB", (string)large["errors"]!["file"]![0]!);
        Assert.NotNull((await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", Form(null)), 400))["errors"]!["file"]);
        Assert.NotNull((await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", Form([], "empty.pdf")), 400))["errors"]!["file"]);
        Assert.NotNull((await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", Form(Pdf, kind: null)), 400))["errors"]!["kind"]);
        Assert.NotNull((await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", Form(Pdf, kind: "Passport")), 400))["errors"]!["kind"]);
        Assert.NotNull((await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", Form(Pdf, kind: "1")), 400))["errors"]!["kind"]);
        Assert.NotNull((await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", Form(Pdf, description: new string('x', 201))), 400))["errors"]!["description"]);
        await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")), 415);
        Assert.Equal(before, await CountAsync(pid));
    }

    [Fact]
    public async Task Staff_upload_on_the_charts_documents_tab_and_a_refusal_is_shown_beside_the_file_field()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        using var pages = await app.PagesAsync(Roles.IntakeCoordinator);
        var url = $"/participants/{pid}/documents";
        var before = await CountAsync(pid);

        var (refused, doc) = await PostUploadAsync(pages, url, "not a pdf"u8.ToArray(), "records.pdf");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("content was checked", doc.QuerySelector("#up-file-err")!.TextContent);
        Assert.Equal(before, await CountAsync(pid));

        var (saved, _) = await PostUploadAsync(pages, url, Png, "card.png");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, after) = await pages.GetAsync(url);
        Assert.Contains("card.png", after.QuerySelector("#uploads-h")!.ParentElement!.TextContent);
        await using var s = app.Db();
        var row = await s.Context.Set<UploadedDocument>().Where(d => d.ParticipantId == pid && d.FileName == "card.png").SingleAsync();
        Assert.False(row.ByParticipant);
        Assert.Equal("image/png", row.ContentType);

        // The participant's own page lists it too, with the same form.
        using var portal = await app.PagesAsync(Roles.Participant);
        var (_, mine) = await portal.GetAsync("/my/documents");
        Assert.Contains("card.png", mine.QuerySelector("#uploads-h")!.ParentElement!.TextContent);
        Assert.NotNull(PageClient.FindForm(mine, "upload"));
        Assert.Equal(HttpStatusCode.OK, (await portal.Http.GetAsync($"/uploads/{pid}/{row.Id}")).StatusCode);
    }

    /// <summary>Posts the page's upload form as a browser does: multipart, with the form's hidden fields (handler, anti-forgery).</summary>
    public static async Task<(HttpResponseMessage Response, AngleSharp.Html.Dom.IHtmlDocument Document)> PostUploadAsync(PageClient pages, string url, byte[] bytes, string fileName)
    {
        var (_, page) = await pages.GetAsync(url);
        var form = PageClient.FindForm(page, "upload") ?? throw new InvalidOperationException($"No upload form on {url}");
        var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]"))
            content.Add(new StringContent(hidden.GetAttribute("value") ?? ""), hidden.GetAttribute("name")!);
        content.Add(new StringContent("InsuranceCard"), "kind");
        content.Add(new ByteArrayContent(bytes), "file", fileName);
        var response = await pages.Http.PostAsync(url, content);
        return (response, new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));
    }
}

/// <summary>The test run's clamd (./test.sh starts one with a local EICAR signature): <c>TRELLIS_TEST_CLAMD=host:port</c>.</summary>
public sealed class ClamAvFactory : TrellisFactory
{
    public static string Address => Environment.GetEnvironmentVariable("TRELLIS_TEST_CLAMD") is { Length: > 0 } a ? a
        : throw new InvalidOperationException("TRELLIS_TEST_CLAMD is not set: the ClamAV tests need a clamd on a local TCP port (./test.sh starts one with a local EICAR signature database; set TRELLIS_TEST_CLAMD=127.0.0.1:PORT).");

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Uploads:ClamAv"] = Address };
}

public class ClamAvUploadTests(ClamAvFactory app) : IClassFixture<ClamAvFactory>
{
    /// <summary>The EICAR anti-virus test file: harmless, and detected by every scanner as a test signature.</summary>
    public static readonly byte[] Eicar = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"u8.ToArray();

    [Fact]
    public async Task The_eicar_test_file_is_refused_as_a_virus_and_not_stored_and_a_clean_pdf_is_kept_as_scanned()
    {
        _ = ClamAvFactory.Address; // a clear failure, not a skip, when the run has no clamd
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        var portal = await app.ApiAsync(Roles.Participant);
        int Count(Trellis.Web.Data.TrellisDbContext db) => db.Set<UploadedDocument>().IgnoreQueryFilters().Count(d => d.ParticipantId == pid);
        int before;
        await using (var s = app.Db()) before = Count(s.Context);

        var infected = await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", UploadTests.Form(Eicar, "eicar.pdf")), 422);
        Assert.Contains("Eicar", (string)infected["detail"]!, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(infected["errors"]!["file"]);
        await using (var s = app.Db()) Assert.Equal(before, Count(s.Context));

        var clean = await portal.PostAsync("/api/me/uploads", UploadTests.Form(UploadTests.Pdf, "records.pdf", "OutsideRecords"));
        Assert.Equal(HttpStatusCode.Created, clean.StatusCode);
        Assert.Equal("ClamAV: clean", (string?)(await Json.ReadAsync(clean))["scan"]);
        await using (var s = app.Db()) Assert.Equal(before + 1, Count(s.Context));
    }
}

/// <summary>ClamAV configured on a port nothing listens on.</summary>
public sealed class ClamAvDownFactory : TrellisFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Uploads:ClamAv"] = "127.0.0.1:1", ["Uploads:ClamAvTimeoutSeconds"] = "5" };
}

public class ClamAvDownTests(ClamAvDownFactory app) : IClassFixture<ClamAvDownFactory>
{
    [Fact]
    public async Task A_configured_scanner_that_does_not_answer_refuses_the_upload_with_503_and_keeps_nothing_unscanned()
    {
        var pid = await PortalArrange.DemoParticipantIdAsync(app);
        var portal = await app.ApiAsync(Roles.Participant);
        await using (var s = app.Db()) Assert.Equal(0, await s.Context.Set<UploadedDocument>().CountAsync(d => d.ParticipantId == pid));
        var down = await Json.ProblemAsync(await portal.PostAsync("/api/me/uploads", UploadTests.Form(UploadTests.Pdf)), 503);
        Assert.Contains("not kept", (string)down["detail"]!);
        await using (var s = app.Db()) Assert.Equal(0, await s.Context.Set<UploadedDocument>().IgnoreQueryFilters().CountAsync(d => d.ParticipantId == pid));
    }
}
