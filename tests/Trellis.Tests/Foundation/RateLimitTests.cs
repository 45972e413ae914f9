using System.Net.Http.Json;
using Trellis.Tests.Support;

namespace Trellis.Tests.Foundation;

public sealed class LowLimitFactory : TrellisFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" };
}

public class RateLimitTests(LowLimitFactory app) : IClassFixture<LowLimitFactory>
{
    [Fact]
    public async Task Sign_in_attempts_from_one_client_are_limited_with_a_clear_answer()
    {
        var client = app.Anonymous();
        for (var i = 0; i < 3; i++)
            await client.PostAsJsonAsync("/api/auth/login", new { email = "someone@example.org", password = "guess-number-" + i });
        var limited = await Json.ProblemAsync(await client.PostAsJsonAsync("/api/auth/login", new { email = "someone@example.org", password = "one-more-guess" }), 429);
        Assert.Contains("Too many requests", (string)limited["detail"]!);
    }
}

public class SignInPageRateLimitTests(LowLimitFactory app) : IClassFixture<LowLimitFactory>
{
    [Fact]
    public async Task The_sign_in_page_is_limited_too_but_reading_it_is_not()
    {
        using var client = await app.PagesAsync(null);
        for (var i = 0; i < 6; i++) Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/account/login")).Response.StatusCode);
        System.Net.HttpStatusCode last = default;
        for (var i = 0; i < 4; i++)
            last = (await client.SubmitAsync("/account/login", "login", new Dictionary<string, string?> { ["Input.Email"] = "x@example.org", ["Input.Password"] = "guess " + i })).Response.StatusCode;
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, last);
    }
}
