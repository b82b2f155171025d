using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Tests.Layers;

/// <summary>Deterministic test documents whose pixels sit exactly on the 8- or 16-bit grid, so a lossless
/// format must give them back bit for bit.</summary>
internal static class LayerSamples
{
    public const int Width = 64, Height = 48;

    /// <summary>A PNG file or zip entry read through the product's layer PNG decoder (libvips).</summary>
    public static RetouchPlugins.Shared.Imaging.ImageDocument ReadPng(string path) => LayerPng.Decode(File.ReadAllBytes(path), path);

    public static RetouchPlugins.Shared.Imaging.ImageDocument ReadPng(Stream stream, string name)
    {
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return LayerPng.Decode(bytes.ToArray(), name);
    }

    /// <summary>Three layers: an opaque gradient, a half-transparent screen layer with a non-ASCII name,
    /// and a small offset mask (given as one plane) set to multiply and hidden.</summary>
    public static LayerDocument ThreeLayers(int bits, byte[]? icc = null)
    {
        float max = bits == 8 ? 255f : 65535f;
        float Q(double v) => (float)(Math.Round(Math.Clamp(v, 0, 1) * max) / max);

        var doc = new LayerDocument(Width, Height, bits) { IccProfile = icc };
        var bottom = new PlanarImage(Width, Height, 3);
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                bottom[0, x, y] = Q(x / (Width - 1.0));
                bottom[1, x, y] = Q(y / (Height - 1.0));
                bottom[2, x, y] = Q(((x * 7 + y * 13) % 61) / 60.0 + 1.0 / 65535 * (x % 3)); // fine detail for 16 bit
            }
        doc.Add(Layer.Over("Original", bottom)); // over the planes as a run's output layers are: RGB, not copied

        var glow = new PlanarImage(Width, Height, 4);
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                glow[0, x, y] = Q(0.9);
                glow[1, x, y] = Q(0.5 + 0.4 * Math.Sin(x * 0.3));
                glow[2, x, y] = Q(0.25);
                glow[3, x, y] = Q(x < 8 ? 0 : (x + y) / (double)(Width + Height));
            }
        doc.Add(new Layer("Hautglättung ü", glow) { Opacity = 153 / 255f, BlendMode = BlendMode.Screen });

        var mask = new PlanarImage(20, 10, 1);
        for (int y = 0; y < 10; y++)
            for (int x = 0; x < 20; x++) mask[0, x, y] = Q((x * 10 + y) / 200.0);
        var blemishes = doc.Add(Layer.Over("Blemish mask", mask)); // a grey plane, as an output mask is
        (blemishes.OffsetX, blemishes.OffsetY, blemishes.BlendMode, blemishes.Visible) = (5, 7, BlendMode.Multiply, false);
        return doc;
    }

    public static string TempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "retouch-layers-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Largest absolute difference between two images' samples (same size and plane count).</summary>
    public static float MaxDifference(PlanarImage a, PlanarImage b)
    {
        Assert.Equal((a.Width, a.Height, a.Channels), (b.Width, b.Height, b.Channels));
        float max = 0;
        for (int i = 0; i < a.Data.Length; i++) max = Math.Max(max, Math.Abs(a.Data[i] - b.Data[i]));
        return max;
    }

    /// <summary>Largest difference of the R, G and B planes (same size; either may have an alpha plane, which is not compared).</summary>
    public static float MaxColourDifference(PlanarImage a, PlanarImage b)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        float max = 0;
        for (int i = 0; i < 3 * a.PlaneSize; i++) max = Math.Max(max, Math.Abs(a.Data[i] - b.Data[i]));
        return max;
    }

    /// <summary>Largest colour difference where the pixel is not fully transparent, and alpha difference everywhere
    /// (editors may zero the colour of transparent pixels, which is invisible).</summary>
    public static float MaxVisibleDifference(PlanarImage a, PlanarImage b)
    {
        Assert.Equal((a.Width, a.Height, a.Channels), (b.Width, b.Height, b.Channels));
        float max = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
            {
                max = Math.Max(max, Math.Abs(a[3, x, y] - b[3, x, y]));
                if (a[3, x, y] == 0 && b[3, x, y] == 0) continue;
                for (int c = 0; c < 3; c++) max = Math.Max(max, Math.Abs(a[c, x, y] - b[c, x, y]));
            }
        return max;
    }
}
