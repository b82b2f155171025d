using RetouchPlugins.Shaders.Color;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// How a photo's colours reach the effects, which (like the face networks) know skin, spots and hair in sRGB. A photo
/// in another RGB space (the ProPhoto or Adobe RGB TIFF Lightroom's "Edit in" hands over, an iPhone's Display P3 JPEG)
/// is converted to sRGB for the work and the result written back in its own space (<see cref="SrgbWorkingSpace"/>):
/// read as sRGB values, ProPhoto skin looked greyer and flatter, and on sample1 the blemish step healed 1 spot instead of
/// the sRGB photo's 12. A photo without a profile, or with an sRGB one, is worked on as it is.
/// </summary>
/// <param name="Conversion">The way to sRGB and back; null when the photo is worked on as it is.</param>
/// <param name="Note">What was done about the photo's colours, for the run's summary; null for an sRGB photo.</param>
public sealed record WorkingColours(SrgbWorkingSpace? Conversion, string? Note)
{
    /// <summary>
    /// <paramref name="document"/> as the effects and networks read a photo: in sRGB, without a profile (a reference
    /// photo, a style, a photo only looked at; nothing goes back to its file). The document itself when it is sRGB.
    /// </summary>
    public static ImageDocument InSrgb(ImageDocument document) =>
        Of(document).Conversion is { } toSrgb ? document.WithPixels(toSrgb.ToSrgb(document.Pixels)) with { IccProfile = null } : document;

    /// <summary>How <paramref name="document"/>'s colours are worked on: by its profile, else by what its EXIF says.</summary>
    public static WorkingColours Of(ImageDocument document) => As(document.IccProfile, document.Exif);

    /// <param name="exif">Read only when there is no profile: a camera set to Adobe RGB writes none, and says so in its EXIF
    /// (DCF: colour space "uncalibrated", interoperability index "R03"), as Lightroom and Photoshop read it.</param>
    public static WorkingColours As(byte[]? iccProfile, byte[]? exif = null)
    {
        if (iccProfile is null && exif is not null && ExifColourSpace.IsAdobeRgb(exif))
            return new(new SrgbWorkingSpace(RgbColourSpace.AdobeRgb),
                "Adobe RGB (no profile; the camera's EXIF says so): retouched as sRGB, written back in Adobe RGB");
        // A grey photo's profile describes its one channel (the planes are copies of it): nothing to convert or to say.
        if (iccProfile is null || iccProfile.AsSpan().Length >= 20 && iccProfile.AsSpan(16, 4).SequenceEqual("GRAY"u8)) return new(null, null);
        var space = IccColourSpace.Read(iccProfile, out var whyNot);
        if (space is null)
        {
            var name = IccProfileDescription.Read(iccProfile) is { } d ? $"'{d}'" : "embedded";
            return new(null, $"the {name} profile cannot be read as an RGB space ({whyNot}): retouched as its values, as if sRGB");
        }
        if (space.IsCloseTo(RgbColourSpace.Srgb)) return new(null, null);
        return new(new SrgbWorkingSpace(space), $"{space.Name}: retouched as sRGB, written back in its own space");
    }
}
