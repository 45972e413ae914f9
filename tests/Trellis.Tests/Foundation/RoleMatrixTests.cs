using System.Net;
using System.Net.Http.Json;
using Trellis.Tests.Support;
using Trellis.Web.Features.Auth;
using Trellis.Web.Features.Participants;

namespace Trellis.Tests.Foundation;

/// <summary>Every role against every foundation endpoint: allowed (anything but 401/403) or refused (403); anonymous 401.</summary>
public class RoleMatrixTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    private const string A = Roles.Administrator, D = Roles.ProgramDirector, C = Roles.Clinician, P = Roles.Prescriber,
        M = Roles.CaseManager, I = Roles.IntakeCoordinator, X = Roles.Participant, B = Roles.Billing, S = Roles.SupportPerson;

    public static TheoryData<string, string, string[]> Endpoints => new()
    {
        { "GET", "/api/participants", [A, D, C, P, M, I, X] },
        // The participant role may ask; scoping answers 404 for anyone but themself (ScopingTests).
        { "GET", "/api/participants/{mh}", [A, D, C, P, M, I, X] },
        { "POST", "/api/participants", [A, D, I] },
        { "PUT", "/api/participants/{mh}", [A, D, C, M, I] },
        { "DELETE", "/api/participants/{mh}", [A, D] },
        { "POST", "/api/participants/{mh}/restore", [A, D] },
        { "GET", "/api/staff", [A, D, C, P, M, I] },
        { "GET", "/api/staff/{staff}", [A, D, C, P, M, I] },
        { "POST", "/api/staff", [A] },
        { "PUT", "/api/staff/{staff}", [A] },
        { "GET", "/api/programs", [A, D, C, P, M, I, X] },
        { "GET", "/api/rooms", [A, D, C, P, M, I] },
        { "GET", "/api/auth/me", [A, D, C, P, M, I, X, B, S] },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_role_is_allowed_or_refused(string method, string template, string[] allowed)
    {
        var mh = await Demo.ParticipantInAsync(app, Demo.MentalHealth, ParticipantStatus.Active);
        await using var s = app.Db();
        var staffId = s.Context.Staff.First(x => x.Email == "clinician@demo.trellis.test").Id;
        var url = template.Replace("{mh}", mh.Id.ToString()).Replace("{staff}", staffId.ToString());

        foreach (var role in Roles.All)
        {
            var client = await app.ApiAsync(role);
            var response = await SendAsync(client, method, url);
            if (allowed.Contains(role))
                Assert.True(response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized),
                    $"{role} {method} {url} should be allowed, got {(int)response.StatusCode}");
            else
                await Json.ProblemAsync(response, 403);
        }
        await Json.ProblemAsync(await SendAsync(app.Anonymous(), method, url), 401);
    }

    // Bodies are deliberately empty objects: an allowed role gets past authorization and is then
    // refused by validation (400) or the precondition check (428), which is what this test needs.
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url) => method switch
    {
        "GET" => client.GetAsync(url),
        "POST" => client.PostAsJsonAsync(url, new { }),
        "PUT" => client.PutAsJsonAsync(url, new { }),
        _ => client.DeleteAsync(url + "?probe=1"),
    };
}
