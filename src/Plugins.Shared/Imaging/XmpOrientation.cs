using System.Text;
using System.Text.RegularExpressions;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// The orientation an XMP packet states (<c>tiff:Orientation</c>, as an attribute or an element). Once the pixels
/// have been turned upright it must say 1, as the EXIF does, or a viewer that trusts XMP turns the photo again.
/// </summary>
public static partial class XmpOrientation
{
    /// <summary>The packet with every <c>tiff:Orientation</c> value set to 1; the same bytes when it has none.</summary>
    public static byte[] Upright(byte[] xmp)
    {
        ArgumentNullException.ThrowIfNull(xmp);
        var text = Encoding.UTF8.GetString(xmp);
        var fixedText = Element().Replace(Attribute().Replace(text, "${1}1${2}"), "${1}1${2}");
        return fixedText == text ? xmp : Encoding.UTF8.GetBytes(fixedText);
    }

    [GeneratedRegex("""(tiff:Orientation\s*=\s*["'])\d+(["'])""")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"(<tiff:Orientation>\s*)\d+(\s*</tiff:Orientation>)")]
    private static partial Regex Element();
}
