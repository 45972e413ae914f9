using Microsoft.AspNetCore.Components.Forms;

namespace Trellis.Web.Infrastructure;

/// <summary>How a page words an action's refusal above its form.</summary>
public static class PageRefusal
{
    /// <summary>
    /// Field messages go beside their fields (<see cref="FormErrors.Show"/>); a stale version reads as
    /// the pages' one sentence about someone else's save; anything else is the refusal's own sentence.
    /// </summary>
    public static string Describe(Refusal refusal, EditContext? form = null, Func<string, string>? rename = null) =>
        refusal.Status == 412 ? Concurrency.StaleMessage
        : form is not null ? FormErrors.Show(form, refusal, rename)
        : refusal.Detail;
}
