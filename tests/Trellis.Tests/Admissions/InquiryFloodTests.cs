using System.Net;
using Trellis.Tests.Support;

namespace Trellis.Tests.Admissions;

/// <summary>The app with the public form limit it ships with in spirit: a handful of messages per client.</summary>
public sealed class LowLimitFactory : TrellisFactory
{
    public const int PerHour = 3;
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimits:PublicFormPerHour"] = PerHour.ToString() };
}

/// <summary>One client cannot flood the pipeline: sending is limited per client, reading the form is not, and a person who hits the limit is told plainly.</summary>
public class InquiryFloodTests(LowLimitFactory app) : IClassFixture<LowLimitFactory>
{
    [Fact]
    public async Task After_the_limit_a_client_gets_a_clear_429_page_and_no_more_leads()
    {
        var client = await app.PagesAsync(null);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? lastResponse = null;
        AngleSharp.Html.Dom.IHtmlDocument? lastDocument = null;
        for (var i = 0; i < LowLimitFactory.PerHour + 3; i++)
        {
            (lastResponse, lastDocument) = await client.SubmitAsync("/iop/talk", "inquiry", Leads.InquiryForm("Flooder"));
            statuses.Add(lastResponse.StatusCode);
        }
        Assert.Equal(LowLimitFactory.PerHour, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(LowLimitFactory.PerHour, (await Leads.NamedAsync(app, "Flooder")).Count);

        Assert.Equal("text/html", lastResponse!.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(lastResponse!.Headers.RetryAfter);
        var text = lastDocument!.Body!.TextContent;
        Assert.Contains("Your message was not sent", text);
        Assert.Contains("try again in an hour", text);
        Assert.Contains("988", text);
        Assert.Contains("(503) 555-0142", text);

        // Reading the pages is never limited.
        var (page, _) = await client.GetAsync("/iop/talk");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
