namespace Trellis.Web.Infrastructure;

/// <summary>
/// A caller's own text quoted back in an error ("There is no instrument 'xyz'"), cut short so that a huge or
/// hostile value cannot flood the message or the log.
/// </summary>
public static class Echo
{
    public static string Short(string? text, int max = 40) => text is null ? "" : text.Length <= max ? text : text[..max] + "…";
}
