using PaintDotNet;
using PaintDotNet.Imaging;
using PaintDotNet.Rendering;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// The Effects > Portrait menu icon: Resources/portrait.png (32x32 RGBA, drawn by Resources/make-icon.sh), embedded in
/// the plugin DLL and handed to Paint.NET as an IBitmapSource through the effect constructor that takes an image.
/// Paint.NET scales it to the menu's size for the screen's DPI. The bitmap is made with Paint.NET's own imaging
/// factory (the System.Drawing overload would tie the plugin to Windows Forms), and one is made per effect instance
/// because Paint.NET owns what it is given.
/// </summary>
internal static class PortraitIcon
{
    public const string ResourceName = "RetouchPlugins.PaintDotNet.portrait.png";

    /// <summary>The icon; a blank one when libvips (which decodes the PNG) cannot load: a menu entry without its
    /// picture is better than no menu entry, and the effect itself then reports libvips' problem when it runs.
    /// (Never null: Paint.NET's constructor that takes an image does not take a null one.)</summary>
    public static unsafe IBitmapSource Create()
    {
        int width = 32, height = 32;
        var pixels = ImageFile.LibvipsStatus.Loaded ? Pixels(out width, out height) : new ColorBgra32[width * height];
        using IImagingFactory factory = ImagingFactory.CreateRef();
        IBitmap<ColorBgra32> bitmap = factory.CreateBitmap<ColorBgra32>(width, height);
        using (IBitmapLock<ColorBgra32> locked = bitmap.Lock(new RectInt32(0, 0, width, height), BitmapLockOptions.Write))
        fixed (ColorBgra32* p = pixels)
            new RegionPtr<ColorBgra32>(p, width, height, width * sizeof(ColorBgra32)).CopyTo(locked.AsRegionPtr());
        return bitmap;
    }

    /// <summary>The embedded PNG as BGRA pixels (straight alpha, as Paint.NET's ColorBgra32).</summary>
    public static ColorBgra32[] Pixels(out int width, out int height)
    {
        using var stream = typeof(PortraitIcon).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the plugin DLL lacks its embedded icon '{ResourceName}'");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        PlanarImage image = LayerPng.Decode(bytes.ToArray(), ResourceName).Pixels;
        if (image.Channels != 4) throw new InvalidOperationException($"{ResourceName}: the icon must be RGBA, it has {image.Channels} channels");
        width = image.Width; height = image.Height;
        var pixels = new ColorBgra32[width * height];
        ReadOnlySpan<float> r = image.Plane(0), g = image.Plane(1), b = image.Plane(2), a = image.Plane(3);
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = ColorBgra32.FromBgra(BgraPixels.Quantize(b[i]), BgraPixels.Quantize(g[i]), BgraPixels.Quantize(r[i]), BgraPixels.Quantize(a[i]));
        return pixels;
    }
}
