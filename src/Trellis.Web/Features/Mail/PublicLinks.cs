using Microsoft.Extensions.Options;

namespace Trellis.Web.Features.Mail;

/// <summary>
/// Absolute links for messages that leave the app: the configured public address (Mail__PublicUrl), or else the address
/// the request came in on. Work outside a request (reminders) needs Mail__PublicUrl; without it the link is the path alone.
/// </summary>
public sealed class PublicLinks(IOptions<MailOptions> options, IHttpContextAccessor http)
{
    public string To(string pathAndQuery)
    {
        var configured = options.Value.PublicUrl?.TrimEnd('/');
        if (!string.IsNullOrEmpty(configured)) return configured + pathAndQuery;
        var request = http.HttpContext?.Request;
        return request is null ? pathAndQuery : $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";
    }
}
