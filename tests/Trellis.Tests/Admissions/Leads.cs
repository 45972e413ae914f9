using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Trellis.Tests.Support;
using Trellis.Web.Features.Admissions;
using Trellis.Web.Features.Auth;

namespace Trellis.Tests.Admissions;

/// <summary>Helpers for admissions tests: a lead body, creating one through the API, and the public inquiry form.</summary>
internal static class Leads
{
    public static Dictionary<string, object?> Body(Guid? programId, string first = "Wren", string? last = "Talbot-Ives") => new()
    {
        ["firstName"] = first,
        ["lastName"] = last,
        ["phone"] = "(503) 555-0166",
        ["preferredContact"] = "phone",
        ["bestTimeToReach"] = "Mornings",
        ["programId"] = programId,
        ["lookingFor"] = "Referred by her GP after a hard winter.",
        ["consentToContact"] = true,
        ["source"] = "referral",
        ["referredBy"] = "Dr. Ames",
    };

    public static async Task<JsonNode> CreateAsync(HttpClient api, Guid? programId, string last)
    {
        var response = await api.PostAsJsonAsync("/api/admissions/leads", Body(programId, last: last));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await Json.ReadAsync(response);
    }

    public static async Task<JsonNode> RegisterAsync(HttpClient api, string leadId, Guid programId, string last)
    {
        var response = await api.PostAsJsonAsync($"/api/admissions/leads/{leadId}/register", new
        {
            legalFirstName = "Wren", legalLastName = last, dateOfBirth = "1988-02-29", programId,
        });
        var json = await Json.ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }

    public static Task<HttpResponseMessage> MoveAsync(HttpClient api, string leadId, object body) =>
        api.PostAsJsonAsync($"/api/admissions/leads/{leadId}/move", body);

    /// <summary>The public form's fields, filled like a person would.</summary>
    public static Dictionary<string, string?> InquiryForm(string first, string? programId = null) => new()
    {
        ["Input.FirstName"] = first,
        ["Input.LastName"] = "Okonkwo-Reyes",
        ["Input.PreferredContact"] = "Phone",
        ["Input.Phone"] = "(503) 555-0177",
        ["Input.BestTimeToReach"] = "After 5 pm",
        ["Input.ProgramId"] = programId ?? "",
        ["Input.LookingFor"] = "Evening groups; I work days.",
        ["Input.ConsentToContact"] = "True",
    };

    public static async Task<List<AdmissionCase>> NamedAsync(TrellisFactory app, string first)
    {
        await using var s = app.Db();
        return await s.Context.Set<AdmissionCase>().Include(c => c.Steps).Where(c => c.FirstName == first).ToListAsync();
    }

    public static async Task<Guid> StaffIdAsync(TrellisFactory app, string role)
    {
        await using var s = app.Db();
        return await s.Context.Staff.Where(x => x.Email == Web.Features.Demo.DemoSeeder.EmailFor(role)).Select(x => x.Id).SingleAsync();
    }
}
