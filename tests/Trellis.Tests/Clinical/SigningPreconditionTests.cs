using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Notes;

namespace Trellis.Tests.Clinical;

/// <summary>
/// A signature vouches for the text the signer read, so signing and co-signing name that version (If-Match)
/// like every other update (issue 16, point 3): none is 428, a stale one 412, and neither signs anything.
/// </summary>
public class SigningPreconditionTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static DateOnly Today => Clinic.Today;

    internal static Task<HttpResponseMessage> PostAsync(HttpClient api, string url, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { acknowledgeSimilarText = true }) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return api.SendAsync(request);
    }

    internal static async Task<NoteStatus> StatusAsync(TrellisFactory app, string id)
    {
        await using var s = app.Db();
        return (await s.Context.Set<ClinicalNote>().AsNoTracking().SingleAsync(n => n.Id == Guid.Parse(id))).Status;
    }

    [Fact]
    public async Task Signing_a_note_without_the_version_read_or_with_a_stale_one_signs_nothing()
    {
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        var (id, read) = await NoteCalls.CreateAsync(api, p.Id, NoteCalls.Dap(Today));
        // Another window changes the draft after this one read it.
        Assert.True((await api.PutJsonAsync($"/api/notes/{id}", NoteCalls.Dap(Today, data: "Changed in another window."), read)).IsSuccessStatusCode);

        await Json.ProblemAsync(await PostAsync(api, $"/api/notes/{id}/sign", null), 428);
        var stale = await Json.ProblemAsync(await PostAsync(api, $"/api/notes/{id}/sign", read), 412);
        Assert.Equal("\"2\"", (string?)stale["currentETag"]);
        await Json.ProblemAsync(await PostAsync(api, $"/api/notes/{id}/sign", "not-an-etag"), 400);
        Assert.Equal(NoteStatus.Draft, await SigningPreconditionTests.StatusAsync(app, id));

        var current = (await api.GetAsync($"/api/notes/{id}")).Headers.ETag!.Tag;
        var signed = await PostAsync(api, $"/api/notes/{id}/sign", current);
        Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync());
        Assert.Equal(NoteStatus.Locked, await SigningPreconditionTests.StatusAsync(app, id));
    }

}

/// <summary>Co-signing, in a clinic of its own: it puts the demo clinician under supervision.</summary>
public class CosigningPreconditionTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private static DateOnly Today => Clinic.Today;

    /// <summary>A note by the demo clinician, put under the program director's supervision, signed and waiting for the co-signature.</summary>
    private async Task<string> SignedAwaitingCosignatureAsync()
    {
        var supervisor = await Clinic.StaffAsync(app, "programdirector");
        await using (var s = app.Db())
        {
            var clinician = await s.Context.Staff.SingleAsync(x => x.Email == Web.Features.Demo.DemoSeeder.EmailFor(Roles.Clinician));
            clinician.RequiresSupervision = true;
            clinician.SupervisorId = supervisor.Id;
            await s.Context.SaveChangesAsync();
        }
        var p = await Clinic.FreshParticipantAsync(app);
        var api = await app.ApiAsync(Roles.Clinician);
        var (id, _) = await NoteCalls.CreateAsync(api, p.Id, NoteCalls.Dap(Today));
        Assert.True((await NoteCalls.SignAsync(api, id, new { acknowledgeSimilarText = true })).IsSuccessStatusCode);
        return id;
    }

    [Fact]
    public async Task Cosigning_needs_the_version_the_cosigner_read()
    {
        var id = await SignedAwaitingCosignatureAsync();
        var director = await app.ApiAsync(Roles.ProgramDirector);

        await Json.ProblemAsync(await SigningPreconditionTests.PostAsync(director, $"/api/notes/{id}/cosign", null), 428);
        await Json.ProblemAsync(await SigningPreconditionTests.PostAsync(director, $"/api/notes/{id}/cosign", "\"1\""), 412);
        Assert.Equal(NoteStatus.AwaitingCosignature, await SigningPreconditionTests.StatusAsync(app, id));
        Assert.True((await NoteCalls.CosignAsync(director, id)).IsSuccessStatusCode);
        Assert.Equal(NoteStatus.Locked, await SigningPreconditionTests.StatusAsync(app, id));
    }

    [Fact]
    public async Task The_cosign_form_carries_the_version_shown_and_a_stale_one_cosigns_nothing()
    {
        var id = await SignedAwaitingCosignatureAsync();

        using var pages = await app.PagesAsync(Roles.ProgramDirector);
        var (_, stale) = await pages.SubmitAsync($"/notes/{id}", "cosign", new Dictionary<string, string?> { ["Version"] = "1" });
        Assert.Contains(NoteSigning.StaleCosign, stale.Body!.TextContent);
        Assert.Equal(NoteStatus.AwaitingCosignature, await SigningPreconditionTests.StatusAsync(app, id));

        var (done, _) = await pages.SubmitAsync($"/notes/{id}", "cosign", new Dictionary<string, string?>());
        Assert.Equal(System.Net.HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(NoteStatus.Locked, await SigningPreconditionTests.StatusAsync(app, id));
    }
}
