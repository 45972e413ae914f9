using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Trellis.Tests.Support;

/// <summary>
/// Uses the pages the way a browser does without one: gets a page, fills in a form by its name
/// (Blazor's hidden _handler field), keeps the anti-forgery token and cookies, and posts it.
/// </summary>
public sealed class PageClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;
    private static readonly HtmlParser Parser = new();

    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(string url)
    {
        var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response, Parser.ParseDocument(html));
    }

    /// <summary>Fills in the form named <paramref name="formName"/> on <paramref name="url"/> and posts it. Null values untick or clear.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Document)> SubmitAsync(string url, string formName, IDictionary<string, string?> values)
    {
        var (page, doc) = await GetAsync(url);
        if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {url} answered {(int)page.StatusCode}");
        var form = FindForm(doc, formName) ?? throw new InvalidOperationException($"No form '{formName}' on {url}. Forms: {string.Join(", ", doc.QuerySelectorAll("input[name=_handler]").Select(e => e.GetAttribute("value")))}");
        var fields = Fields(form);
        foreach (var (k, v) in values)
        {
            fields.RemoveAll(f => f.Key == k);
            if (v is not null) fields.Add(new(k, v));
        }
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? url : action;
        var response = await Http.PostAsync(target, new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        return (response, Parser.ParseDocument(html));
    }

    public async Task SignInAsync(string email, string password)
    {
        var (response, doc) = await SubmitAsync("/account/login", "login", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {doc.QuerySelector(".alert")?.TextContent}");
    }

    public static IElement? FindForm(IHtmlDocument doc, string formName) =>
        doc.QuerySelectorAll("form").FirstOrDefault(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null);

    private static List<KeyValuePair<string, string>> Fields(IElement form)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name]").OfType<IHtmlInputElement>())
        {
            if (input.Type is "checkbox" or "radio" && !input.IsChecked) continue;
            if (input.Type is "submit" or "button") continue;
            list.Add(new(input.Name!, input.Type is "checkbox" && string.IsNullOrEmpty(input.GetAttribute("value")) ? "on" : input.Value));
        }
        foreach (var select in form.QuerySelectorAll("select[name]").OfType<IHtmlSelectElement>())
            list.Add(new(select.Name!, select.SelectedOptions.FirstOrDefault()?.Value ?? ""));
        foreach (var area in form.QuerySelectorAll("textarea[name]").OfType<IHtmlTextAreaElement>())
            list.Add(new(area.Name!, area.Value));
        return list;
    }

    public void Dispose() => Http.Dispose();
}
