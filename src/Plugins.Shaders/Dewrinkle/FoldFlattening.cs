using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>
/// The de-wrinkled image at the working size, the fold weight W (0 = untouched, 1 = fold band removed) and the
/// change of log luminance D = l' - l (smooth: built from bands above the texture scale, so it can be carried to
/// full resolution by plain interpolation and applied with <see cref="FoldFlattening.LuminanceRatio"/>).
/// </summary>
public sealed record FoldFlatteningResult(PlanarImage Retouched, PlanarImage FoldWeight, PlanarImage LogChange);

/// <summary>
/// The de-wrinkle layer at the working size (only its smooth change of log luminance travels to full resolution).
/// On log luminance l = ln(Y_lin + 0.01), with prints' own lightness taken out (<see cref="PrintFlattening"/>): bands T, M, B (<see cref="FoldBands"/>); fold likelihood F from
/// <see cref="RidgeLikelihood"/> at fine and coarse scales, each times its slider; protection P
/// (<see cref="EdgeProtection"/>); W = min(1, gain blur(max(fine F_fine, coarse F_coarse) P)); the base is
/// estimated from S with its likely fold valleys filled (<see cref="ValleyFill"/>: a deep core is no longer an edge
/// the base keeps) and re-estimated with the folds cut (<see cref="FoldBands.Refine"/>) so it does not sag under them; the fold band is cut to
/// M (1 - W), so D = l' - l = max(0, -W M) (lifts only, <see cref="FoldFlatteningOptions.LiftOnly"/>; on prints raised to the
/// lift of the plain cloth around them, <see cref="PrintLiftCarry"/>), and the pixel's luminance is multiplied by the ratio that moves l by
/// exactly D (<see cref="LuminanceRatio"/>; exp(D) alone moved l by a fraction of D on dark cloth, where the log
/// offset dominates), its chroma kept (<see cref="ApplyChange"/>).
/// Outside the mask nothing is asked of the result (the caller weights by the mask).
/// </summary>
public static class FoldFlattening
{
    /// <summary>Keeps the logarithm finite on black cloth and tames noise in the shadows.</summary>
    public const float LogOffset = 0.01f;

    public static FoldFlatteningResult Render(PlanarImage image, PlanarImage mask, FoldFlatteningOptions options, CancellationToken cancellation = default)
    {
        if (image.Channels < 3) throw new ArgumentException($"de-wrinkle needs an RGB image, got {image.Channels} plane(s)");
        image.RequireSameSize(mask, "de-wrinkle image and mask");
        int w = image.Width, h = image.Height, n = image.PlaneSize;
        var o = options;
        var k = o.Kernel;
        var m = mask.Plane(0).ToArray();

        var (logY, chromaA, chromaB) = LogLuminanceAndChroma(image, k);
        cancellation.ThrowIfCancellationRequested();
        float texture = o.Pixels(o.TextureShare);
        int baseRadius = (int)MathF.Round(o.Pixels(o.BaseShare));
        // The bands are measured on l with prints' own lightness taken out (a fold across a print is then seen and removed).
        var measured = o.PrintFlattening
            ? PrintFlattening.Apply(image, logY, (int)MathF.Round(o.Pixels(o.PrintShare)), o.PrintEpsilon, k)
            : logY;
        var bands = FoldBands.Split(measured, m, w, h, texture, baseRadius, o.BaseEpsilon, 3 * o.Pixels(o.CoarseShares.Max()), k);
        cancellation.ThrowIfCancellationRequested();

        var fine = o.Fine > 0 ? RidgeLikelihood.Measure(bands.Smooth, m, w, h, o.FineShares.Select(o.Pixels).ToArray(), k) : new float[n];
        cancellation.ThrowIfCancellationRequested();
        var coarse = o.Coarse > 0 ? RidgeLikelihood.Measure(bands.Smooth, m, w, h, o.CoarseShares.Select(o.Pixels).ToArray(), k) : new float[n];
        cancellation.ThrowIfCancellationRequested();
        var (protection, printProtection) = EdgeProtection.Measure(chromaA, chromaB, bands.Base, w, h, texture, o.Protect, k);

        var weight = new float[n];
        var change = new float[n];
        for (int i = 0; i < n; i++) weight[i] = MathF.Max(o.Fine * fine[i], o.Coarse * coarse[i]) * protection[i];
        weight = NearGaussian.Blur(weight, w, h, o.Pixels(o.WeightShare), k);
        for (int i = 0; i < n; i++) weight[i] = Math.Clamp(o.WeightGain * weight[i], 0f, 1f);
        if (o.ValleyFill)
        {
            cancellation.ThrowIfCancellationRequested();
            var filled = ValleyFill.Apply(bands.Smooth, m, weight, w, h, baseRadius, o.ValleyWideEpsilon, o.ValleyLow, o.ValleyHigh, o.Pixels(o.ValleyFillShare), k);
            bands = bands.Rebased(filled, baseRadius, o.BaseEpsilon, k);
        }
        for (int r = 0; r < o.BaseRefinements; r++)
        {
            cancellation.ThrowIfCancellationRequested();
            bands = bands.Refine(weight, baseRadius, o.BaseEpsilon, k);
        }
        cancellation.ThrowIfCancellationRequested();

        for (int i = 0; i < n; i++)
        {
            change[i] = -weight[i] * bands.Mid[i];
            if (o.LiftOnly) change[i] = MathF.Max(0f, change[i]);
        }
        if (o.PrintCarryShare > 0)
            PrintLiftCarry.Apply(change, m, printProtection, w, h, o.Pixels(o.WeightShare), o.Pixels(o.PrintCarryShare), k);

        var result = new PlanarImage(w, h, image.Channels);
        image.Data.AsSpan(3 * n).CopyTo(result.Data.AsSpan(3 * n)); // alpha, if any, as it was
        RowBands.For(h, k, (y0, y1) =>
        {
            for (int i = y0 * w; i < y1 * w; i++)
            {
                float red = image.Data[i], green = image.Data[n + i], blue = image.Data[2 * n + i];
                ApplyChange(ref red, ref green, ref blue, change[i]);
                result.Data[i] = red; result.Data[n + i] = green; result.Data[2 * n + i] = blue;
            }
        });
        return new FoldFlatteningResult(result, new PlanarImage(w, h, 1, weight), new PlanarImage(w, h, 1, change));
    }

    /// <summary>
    /// The largest lift of one pixel's linear luminance (8x): the darkest, noisiest pixels of near-black cloth get
    /// the largest ratios from the log offset, and beyond this they only show their noise. (Measured on the
    /// benchmark's sample1, black clothes: fold shape removed 56 % uncapped, 51 % at 8x, 40 % at 4x.)
    /// </summary>
    public const float MaxLift = 8f;

    /// <summary>
    /// The factor on linear luminance that moves l = ln(Y + offset) by <paramref name="change"/>: Y' = (Y + offset) e^change - offset,
    /// at most <see cref="MaxLift"/>. (e^change alone moves l by less on dark cloth, where the offset dominates: a fold
    /// on near-black satin kept most of its depth.) Black stays black; Y' never goes below 0.
    /// </summary>
    public static float LuminanceRatio(float logY, float change) => RatioOfLinear(MathF.Exp(logY) - LogOffset, change);

    /// <summary><see cref="LuminanceRatio"/> for the linear luminance <paramref name="y"/> itself (no logarithm taken).</summary>
    public static float RatioOfLinear(float y, float change)
    {
        if (y <= 1e-5f) return 1f;
        float target = MathF.Max(0f, (y + LogOffset) * MathF.Exp(change) - LogOffset);
        return MathF.Min(MaxLift, target / y);
    }

    /// <summary>The factor on a channel's difference from the luminance for a luminance ratio (see <see cref="ApplyChange"/>).</summary>
    public static float ChromaFactor(float ratio)
    {
        if (ratio <= 1) return ratio;
        float cube = MathF.Cbrt(ratio);
        return cube * cube;
    }

    /// <summary>
    /// Applies a log-luminance change to one sRGB pixel (r, g, b in place). Darkening multiplies all three linear
    /// channels by <see cref="LuminanceRatio"/> (hue and saturation stay). Lifting changes luminance, not chroma:
    /// each channel's difference from the luminance is scaled by ratio^(2/3), which keeps Oklab a and b where they
    /// were (Oklab L grows by ratio^(1/3), a and b are about chroma / L^2), instead of ratio, which grew them by
    /// ratio^(1/3) and turned the sensor noise of lifted near-black cloth into purple grain. Luminance moves exactly as asked.
    /// </summary>
    public static void ApplyChange(ref float r, ref float g, ref float b, float change)
    {
        float lr = Oklab.SrgbToLinear(r), lg = Oklab.SrgbToLinear(g), lb = Oklab.SrgbToLinear(b);
        float y = 0.2126f * lr + 0.7152f * lg + 0.0722f * lb;
        float ratio = RatioOfLinear(y, change);
        float chroma = ChromaFactor(ratio);
        float lifted = y * ratio;
        r = Math.Clamp(Oklab.LinearToSrgb(lifted + (lr - y) * chroma), 0f, 1f);
        g = Math.Clamp(Oklab.LinearToSrgb(lifted + (lg - y) * chroma), 0f, 1f);
        b = Math.Clamp(Oklab.LinearToSrgb(lifted + (lb - y) * chroma), 0f, 1f);
    }

    /// <summary>ln(Y_lin + offset) with Rec. 709 luminance, and Oklab a and b, of an sRGB image.</summary>
    public static (float[] LogY, float[] A, float[] B) LogLuminanceAndChroma(PlanarImage image, KernelOptions? options = null)
    {
        int w = image.Width, n = image.PlaneSize;
        var logY = new float[n]; var a = new float[n]; var b = new float[n];
        RowBands.For(image.Height, options, (y0, y1) =>
        {
            for (int i = y0 * w; i < y1 * w; i++)
            {
                float r = Oklab.SrgbToLinear(image.Data[i]), g = Oklab.SrgbToLinear(image.Data[n + i]), bl = Oklab.SrgbToLinear(image.Data[2 * n + i]);
                logY[i] = MathF.Log(0.2126f * r + 0.7152f * g + 0.0722f * bl + LogOffset);
                var lab = Oklab.FromLinear(r, g, bl);
                a[i] = lab.A; b[i] = lab.B;
            }
        });
        return (logY, a, b);
    }
}
