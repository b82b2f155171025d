using System.Numerics;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>One luma plane (Rec. 601 weights) of an RGB image: the single guide for carrying masks up in resolution.</summary>
public static class LumaPlane
{
    private const float Red = 0.299f, Green = 0.587f, Blue = 0.114f;

    public static PlanarImage Of(PlanarImage rgb, KernelOptions? options = null)
    {
        if (rgb.Channels < 3) return rgb.Channels == 1 ? rgb : rgb.ExtractPlane(0);
        var luma = new PlanarImage(rgb.Width, rgb.Height, 1);
        RowBands.For(rgb.Height, options, (y0, y1) =>
        {
            for (int y = y0; y < y1; y++) Row(rgb.Row(0, y), rgb.Row(1, y), rgb.Row(2, y), luma.Row(0, y));
        });
        return luma;
    }

    /// <summary>
    /// One row of luma, SIMD (a close-up's face skin carried to 24 MP reads most of the photo's rows). The same operations
    /// in the same order as the scalar 0.299 r + 0.587 g + 0.114 b, so the same values.
    /// </summary>
    public static void Row(ReadOnlySpan<float> r, ReadOnlySpan<float> g, ReadOnlySpan<float> b, Span<float> luma)
    {
        int n = luma.Length, x = 0;
        if (r.Length < n || g.Length < n || b.Length < n) throw new ArgumentException("the colour rows are shorter than the luma row");
        if (Vector.IsHardwareAccelerated)
        {
            var kr = new Vector<float>(Red); var kg = new Vector<float>(Green); var kb = new Vector<float>(Blue);
            for (; x <= n - Vector<float>.Count; x += Vector<float>.Count)
                (kr * new Vector<float>(r.Slice(x)) + kg * new Vector<float>(g.Slice(x)) + kb * new Vector<float>(b.Slice(x))).CopyTo(luma.Slice(x));
        }
        for (; x < n; x++) luma[x] = Red * r[x] + Green * g[x] + Blue * b[x];
    }
}
