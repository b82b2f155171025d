namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// The colour space a camera's EXIF declares for a file without a profile. DCF 2.0: an sRGB file has ColorSpace (0xA001)
/// 1; an "Adobe RGB option file" has ColorSpace 0xFFFF (uncalibrated) and the interoperability index (0x0001) "R03".
/// </summary>
public static class ExifColourSpace
{
    private const ushort ColorSpaceTag = 0xA001, InteropIndexTag = 0x0001, Uncalibrated = 0xFFFF;

    public static bool IsAdobeRgb(ReadOnlySpan<byte> exif)
    {
        var entries = new ExifEntries(exif);
        long exifIfd = entries.Pointed(entries.FirstIfd, ExifEntries.ExifIfdPointer);
        if (exifIfd < 0 || entries.Short(exifIfd, ColorSpaceTag) != Uncalibrated) return false;
        long interop = entries.Pointed(exifIfd, ExifEntries.InteropIfdPointer);
        return interop >= 0 && entries.ShortAscii(interop, InteropIndexTag) == "R03";
    }
}
