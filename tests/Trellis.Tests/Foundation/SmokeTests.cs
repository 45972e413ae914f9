using System.Net;
using Trellis.Tests.Support;
using Trellis.Web.Data;

namespace Trellis.Tests.Foundation;

public class HealthTests(TrellisFactory app) : IClassFixture<TrellisFactory>
{
    [Fact]
    public async Task Health_reports_the_app_and_a_durable_database()
    {
        var response = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("healthy", (string?)body["status"]);
        var detail = (string?)body["checks"]!["database"]!["detail"];
        Assert.Contains(app.Provider == DatabaseProvider.Postgres ? "fsync=on" : "synchronous=full", detail);
    }

    [Fact]
    public async Task The_openapi_document_and_reference_page_are_served()
    {
        var client = app.Anonymous();
        var doc = await Json.ReadAsync(await client.GetAsync("/openapi/v1.json"));
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/participants", paths);
        Assert.Contains("/api/participants/{id}", paths);
        Assert.Contains("/api/staff", paths);
        Assert.Contains("/api/auth/login", paths);
        var reference = await client.GetAsync("/api/reference/");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("Trellis API", await reference.Content.ReadAsStringAsync());
    }
}
