namespace Trellis.Web.Components.Shared;

/// <summary>
/// What the status page says about a 403 or 404 a page decided on. A page that finds nothing (or may not
/// show what it found) only sets the status; the status-code middleware then renders the one status page
/// (Components/Pages/StatusPage.razor) in the layout, in the same request, and that page reads the answer
/// left here for the specific title, sentence and way back.
/// </summary>
public sealed record StatusAnswer(string Title, string Message, string? BackHref = null, string? BackText = null)
{
    private const string Key = "trellis.status-answer";
    public const string NotForYourRole = "Your role does not include this page. If you need it for your work, ask an administrator to change your roles.";
    public const string NothingHere = "There is nothing at this address, or it belongs to a record outside your care team's programs.";

    public static StatusAnswer? Of(HttpContext? http) => http?.Items[Key] as StatusAnswer;

    /// <summary>Leaves the answer and sets the status, unless the response has already started.</summary>
    public void Give(HttpContext? http, int status)
    {
        if (http is null || http.Response.HasStarted) return;
        http.Items[Key] = this;
        http.Response.StatusCode = status;
    }
}
