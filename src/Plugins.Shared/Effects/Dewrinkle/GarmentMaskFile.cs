using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// A user's garment mask from an image file (`--mask FILE.png`): white = de-wrinkle, black = leave alone,
/// grey = partly. When the file has an alpha channel that is not fully opaque, the alpha is the mask
/// (a selection saved as a transparent layer); otherwise the grey level (mean of the colour channels).
/// It must have the photo's size: a scaled mask would move the garment's edge. One exception: when the image
/// is a reduced copy of the photo (a host's preview), a mask of the full photo's size is area-downsampled to it
/// (larger by the same factor on both sides, up to a pixel of rounding); a smaller mask or another shape is an error.
/// </summary>
public static class GarmentMaskFile
{
    public static PlanarImage Load(string path, int width, int height)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{full}: garment mask not found", full);
        ImageDocument document;
        try { document = ImageFile.Load(full); }
        catch (ImageFileException e)
        {
            throw new ImageFileException(full, e.Problem, $"the garment mask is not a readable image ({e.Message})", e);
        }
        var pixels = document.Pixels;
        if (pixels.Width == width && pixels.Height == height) return FromPixels(pixels);
        if (!IsReducedCopy(pixels.Width, pixels.Height, width, height))
            throw new ArgumentException($"{full}: the garment mask is {pixels.Width}x{pixels.Height}, the photo is {width}x{height}; a mask must have the photo's size");
        return Shaders.Kernels.Resample.AreaDownsample(FromPixels(pixels), width, height);
    }

    /// <summary>Whether width x height is the mask's size scaled down by one factor (each side rounded either way).</summary>
    public static bool IsReducedCopy(int maskWidth, int maskHeight, int width, int height)
    {
        if (width >= maskWidth || height >= maskHeight || width < 1 || height < 1) return false;
        double scale = (double)width / maskWidth;
        return Math.Abs(maskHeight * scale - height) <= 1;
    }

    /// <summary>One plane in [0, 1] from a mask image's planes (see the class summary for which plane counts).</summary>
    public static PlanarImage FromPixels(PlanarImage pixels)
    {
        var mask = new PlanarImage(pixels.Width, pixels.Height, 1);
        bool hasAlpha = pixels.Channels is 2 or 4;
        int colours = hasAlpha ? pixels.Channels - 1 : pixels.Channels;
        if (hasAlpha)
        {
            var alpha = pixels.Plane(pixels.Channels - 1);
            bool transparent = false;
            foreach (var a in alpha) if (a < 1) { transparent = true; break; }
            if (transparent)
            {
                for (int i = 0; i < mask.Data.Length; i++) mask.Data[i] = Math.Clamp(alpha[i], 0f, 1f);
                return mask;
            }
        }
        for (int c = 0; c < colours; c++)
        {
            var p = pixels.Plane(c);
            for (int i = 0; i < mask.Data.Length; i++) mask.Data[i] += p[i] / colours;
        }
        for (int i = 0; i < mask.Data.Length; i++) mask.Data[i] = Math.Clamp(mask.Data[i], 0f, 1f);
        return mask;
    }
}
