using System.Net;
using System.Text;

namespace Trellis.Web.Features.Portal.Documents;

/// <summary>The signed copy as a printable page: the exact text signed, then who signed, when, from where, and the hash.</summary>
public static class SignedCopy
{
    public static string Html(SignedDocument d, string clinic, string? timeZoneId)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(d.Title)).Append("</title>")
          .Append("<style>body{font:12pt/1.45 Georgia,serif;margin:2cm;color:#000}h1{font-size:16pt}p{margin:0 0 .8em}.sig{margin-top:2em;border-top:1px solid #000;padding-top:.6em;font:10pt/1.4 sans-serif}code{word-break:break-all}</style></head><body>")
          .Append("<p>").Append(E(clinic)).Append("</p><h1>").Append(E(d.Title)).Append("</h1>");
        foreach (var para in d.Text.Split("\n\n")) sb.Append("<p>").Append(E(para)).Append("</p>");
        sb.Append("<div class=\"sig\"><p>Signed electronically by typing the name <strong>").Append(E(d.TypedName)).Append("</strong> on ")
          .Append(E(ProgramClock.ShowWithTime(d.SignedAt, timeZoneId))).Append(" (").Append(E(d.SignedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture))).Append(")")
          .Append(d.ClientAddress is { } ip ? $" from {E(ip)}" : "").Append(".</p><p>Template ").Append(E(d.TemplateKey)).Append(" version ").Append(d.TemplateVersion)
          .Append(". SHA-256 of the text above: <code>").Append(d.TextSha256).Append("</code></p></div></body></html>");
        return sb.ToString();
    }
}
