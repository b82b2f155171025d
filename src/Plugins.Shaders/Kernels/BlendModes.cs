using System.Numerics;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// The ABPN soft-light blend (ABM) and its inverse (R-ABM), images in [0, 1]:
///   ABM   R = (1 - 2B) I^2 + 2B I, computed as I + (2B - 1)(I - I^2) so that B = 0.5 returns I bit-exactly;
///   R-ABM B = (R - I^2) / (2I - 2I^2), computed as 0.5 + (R - I) / (2(I - I^2)); where I - I^2 is below
///         <see cref="MinimumSpread"/> (I at 0 or 1: no blend can move the pixel) B = 0.5; B clamped to [0, 1];
///   strength s: B' = (B - 0.5) s + 0.5 (s = 0 gives exactly 0.5).
/// </summary>
public static class BlendModes
{
    /// <summary>Below this I - I^2 (I within about 1e-5 of 0 or 1) the inverse gives the neutral 0.5.</summary>
    public const float MinimumSpread = 1e-5f;

    public static float Abm(float image, float blend) => image + (2f * blend - 1f) * (image - image * image);

    public static float InverseAbm(float image, float retouched)
    {
        float spread = image - image * image;
        if (!(spread >= MinimumSpread)) return 0.5f;
        float b = 0.5f + (retouched - image) / (2f * spread);
        return Math.Clamp(b, 0f, 1f);
    }

    public static float ApplyStrength(float blend, float strength) => (blend - 0.5f) * strength + 0.5f;

    /// <summary>result = ABM(image, blend), elementwise; result may alias either input.</summary>
    public static void Abm(ReadOnlySpan<float> image, ReadOnlySpan<float> blend, Span<float> result)
    {
        RequireLengths(image.Length, blend.Length, result.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<float>.One;
            for (; i <= image.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(image.Slice(i));
                var b = new Vector<float>(blend.Slice(i));
                (v + (b + b - one) * (v - v * v)).CopyTo(result.Slice(i));
            }
        }
        for (; i < image.Length; i++) result[i] = Abm(image[i], blend[i]);
    }

    /// <summary>blend = strength-scaled R-ABM(image, retouched), elementwise; blend may alias either input.</summary>
    public static void InverseAbm(ReadOnlySpan<float> image, ReadOnlySpan<float> retouched, Span<float> blend, float strength = 1f)
    {
        RequireLengths(image.Length, retouched.Length, blend.Length);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var half = new Vector<float>(0.5f);
            var minSpread = new Vector<float>(MinimumSpread);
            var s = new Vector<float>(strength);
            for (; i <= image.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(image.Slice(i));
                var r = new Vector<float>(retouched.Slice(i));
                var spread = v - v * v;
                var ok = Vector.GreaterThanOrEqual(spread, minSpread);
                var safe = Vector.ConditionalSelect(ok, spread, Vector<float>.One);
                var b = half + (r - v) / (safe + safe);
                b = Vector.Min(Vector.Max(b, Vector<float>.Zero), Vector<float>.One);
                b = Vector.ConditionalSelect(ok, b, half);
                ((b - half) * s + half).CopyTo(blend.Slice(i));
            }
        }
        for (; i < image.Length; i++) blend[i] = ApplyStrength(InverseAbm(image[i], retouched[i]), strength);
    }

    public static void ApplyStrength(Span<float> blend, float strength)
    {
        for (int i = 0; i < blend.Length; i++) blend[i] = ApplyStrength(blend[i], strength);
    }

    /// <summary>ABM over whole images, rows split over cores.</summary>
    public static PlanarImage Abm(PlanarImage image, PlanarImage blend, KernelOptions? options = null)
    {
        image.RequireSameSize(blend, "ABM image and blend layer");
        if (blend.Channels != image.Channels) throw new ArgumentException($"blend layer has {blend.Channels} planes, image {image.Channels}");
        var result = new PlanarImage(image.Width, image.Height, image.Channels);
        ForChunks(image.Data.Length, options, (start, length) =>
            Abm(image.Data.AsSpan(start, length), blend.Data.AsSpan(start, length), result.Data.AsSpan(start, length)));
        return result;
    }

    /// <summary>R-ABM over whole images, with strength, rows split over cores.</summary>
    public static PlanarImage InverseAbm(PlanarImage image, PlanarImage retouched, float strength = 1f, KernelOptions? options = null)
    {
        image.RequireSameSize(retouched, "R-ABM image and retouched image");
        if (retouched.Channels != image.Channels) throw new ArgumentException($"retouched image has {retouched.Channels} planes, image {image.Channels}");
        var blend = new PlanarImage(image.Width, image.Height, image.Channels);
        ForChunks(image.Data.Length, options, (start, length) =>
            InverseAbm(image.Data.AsSpan(start, length), retouched.Data.AsSpan(start, length), blend.Data.AsSpan(start, length), strength));
        return blend;
    }

    internal static void ForChunks(int length, KernelOptions? options, Action<int, int> chunk)
    {
        const int chunkSize = 1 << 16;
        int chunks = (length + chunkSize - 1) / chunkSize;
        RowBands.For(chunks, options, (c0, c1) =>
        {
            int start = c0 * chunkSize, end = Math.Min(length, c1 * chunkSize);
            chunk(start, end - start);
        }, minRowsPerBand: 1);
    }

    private static void RequireLengths(int a, int b, int c)
    {
        if (a != b || a != c) throw new ArgumentException($"span lengths differ ({a}, {b}, {c})");
    }
}
