namespace Trellis.Web.Features.Portal.Uploads;

/// <summary>One type an upload may be: its name, the media type served, the file name endings it goes by.</summary>
public sealed record FileType(string Name, string MediaType, string[] Extensions);

/// <summary>
/// The types an upload may be, told by the first bytes of the content (magic numbers), never by the name or the type the
/// browser sent: PDF, JPEG, PNG and HEIC (what iPhones take photos in). A name ending that says another type is refused
/// too, so a file is never kept under a name that lies about it.
/// </summary>
public static class FileTypes
{
    public static readonly FileType Pdf = new("PDF", "application/pdf", [".pdf"]);
    public static readonly FileType Jpeg = new("JPEG image", "image/jpeg", [".jpg", ".jpeg", ".jfif"]);
    public static readonly FileType Png = new("PNG image", "image/png", [".png"]);
    public static readonly FileType Heic = new("HEIC image", "image/heic", [".heic", ".heif"]);
    public static readonly IReadOnlyList<FileType> All = [Pdf, Jpeg, Png, Heic];
    public const string Accept = ".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/jpeg,image/png,image/heic";
    public const string Allowed = "a PDF, a JPEG or PNG image, or an iPhone photo (HEIC)";

    private static readonly string[] HeicBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"];

    /// <summary>The type the bytes are, or null when they are none of the allowed ones.</summary>
    public static FileType? Sniff(ReadOnlySpan<byte> b)
    {
        if (b.StartsWith("%PDF-"u8)) return Pdf;
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return Jpeg;
        if (b.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return Png;
        if (b.Length >= 12 && b[4..8].SequenceEqual("ftyp"u8) && HeicBrands.Contains(System.Text.Encoding.ASCII.GetString(b[8..12]))) return Heic;
        return null;
    }

    /// <summary>The name as kept and offered on download: no path, no control or quoting characters, at most 120 characters.</summary>
    public static string CleanName(string? name, FileType type)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string(bare.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':' or '<' or '>' or '|' or '*' or '?')).ToArray()).Trim().TrimStart('.');
        if (clean.Length == 0) clean = "upload" + type.Extensions[0];
        if (clean.Length > 120) clean = clean[..(120 - Path.GetExtension(clean).Length)] + Path.GetExtension(clean);
        return clean;
    }

    /// <summary>True when the name has no ending, or one that belongs to the type the content is.</summary>
    public static bool NameFits(string name, FileType type) =>
        Path.GetExtension(name) is not { Length: > 0 } ext || type.Extensions.Contains(ext.ToLowerInvariant());
}
