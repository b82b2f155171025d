using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Shared.Layers;

/// <summary>
/// The PNGs inside layered files (an .ora's layers, merged image and thumbnail), encoded and decoded in memory by
/// libvips: every colour type and depth, interlaced or not, with the ICC profile; damaged data is an error.
/// </summary>
public static class LayerPng
{
    /// <summary>
    /// Layers are placed by the stack, never turned: an EXIF orientation inside a layer PNG is not applied. The
    /// pixel limit still holds, so a PNG whose header promises billions of pixels is refused before decoding.
    /// </summary>
    private static readonly ImageLoadOptions Reading = new() { ApplyOrientation = false };

    /// <param name="pixels">1..4 planes (grey, grey + alpha, RGB, RGBA) in [0, 1].</param>
    /// <param name="channels">the first this many planes (default all).</param>
    public static byte[] Encode(PlanarImage pixels, int bitsPerSample, byte[]? iccProfile = null, int? channels = null)
        => Imaging.Vips.VipsEncoder.EncodePng(pixels, bitsPerSample, iccProfile, "layer PNG", channels);

    /// <summary>Decodes a PNG's bytes: RGB or RGBA planes (grey is expanded), the file's depth (8 or 16) and ICC profile.</summary>
    /// <param name="name">names the PNG in error messages, e.g. "data/layer001.png".</param>
    /// <exception cref="ImageFileException">not a PNG, damaged, or over the pixel limit.</exception>
    public static ImageDocument Decode(byte[] png, string name)
    {
        var document = ImageFile.LoadFromBuffer(png, name, Reading);
        if (document.SourceFormat != ImageFormat.Png)
            throw new ImageFileException(name, ImageFileProblem.UnsupportedFormat, $"is a {document.SourceFormat.DisplayName()} image, not a PNG");
        return document;
    }
}
