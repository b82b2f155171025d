using System.Numerics.Tensors;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// ABPN's way to carry a low-resolution retouch to full resolution without filtering full-resolution texture:
/// Bn = R-ABM(In, Rn) at the working size, then level by level (each at most x2) B(k) = guided-upsample(B(k+1),
/// low guide I(k+1), high guide I(k)) with I(k) an area-downsample pyramid of the full image, then
/// R0 = ABM(I0, B0), optionally weighted by a soft mask: out = I0 + m (R0 - I0).
/// Each image plane's blend layer is guided by the same plane of the image.
/// </summary>
public static class BlendPyramid
{
    /// <summary>
    /// Carries the retouch <paramref name="retouchedLowRes"/> of <paramref name="lowResInput"/> (both at the working size)
    /// to <paramref name="full"/>. <paramref name="mask"/> (optional) is one plane, or one per image plane, at full size, in [0, 1].
    /// </summary>
    public static BlendPyramidResult Apply(PlanarImage full, PlanarImage retouchedLowRes, PlanarImage lowResInput, PlanarImage? mask, BlendPyramidOptions? options = null)
    {
        var o = options ?? new BlendPyramidOptions();
        lowResInput.RequireSameSize(retouchedLowRes, "blend pyramid low-resolution input and its retouch");
        if (retouchedLowRes.Channels != full.Channels || lowResInput.Channels != full.Channels)
            throw new ArgumentException($"image has {full.Channels} planes, low-resolution input {lowResInput.Channels}, retouch {retouchedLowRes.Channels}");
        if (o.Strength == 0f) return Unchanged(full);
        var blendLow = BlendModes.InverseAbm(lowResInput, retouchedLowRes, o.Strength, o.Kernel);
        var blendFull = UpsampleBlendLayer(full, lowResInput, blendLow, o);
        return new BlendPyramidResult(Composite(full, blendFull, mask, o.Kernel), blendFull);
    }

    /// <summary>
    /// The same starting from a blend layer at the working size (e.g. a network's sigmoid output), strength applied.
    /// </summary>
    public static BlendPyramidResult ApplyBlendLayer(PlanarImage full, PlanarImage lowResInput, PlanarImage blendLowRes, PlanarImage? mask, BlendPyramidOptions? options = null)
    {
        var o = options ?? new BlendPyramidOptions();
        if (o.Strength == 0f) return Unchanged(full);
        var blend = blendLowRes.Clone();
        BlendModes.ForChunks(blend.Data.Length, o.Kernel, (start, length) => BlendModes.ApplyStrength(blend.Data.AsSpan(start, length), o.Strength));
        var blendFull = UpsampleBlendLayer(full, lowResInput, blend, o);
        return new BlendPyramidResult(Composite(full, blendFull, mask, o.Kernel), blendFull);
    }

    /// <summary>Guided-upsamples a blend layer from the working size to the size of <paramref name="full"/>, level by level.</summary>
    public static PlanarImage UpsampleBlendLayer(PlanarImage full, PlanarImage lowResInput, PlanarImage blendLowRes, BlendPyramidOptions? options = null)
    {
        var o = options ?? new BlendPyramidOptions();
        var (guide, blend) = UpsampleToLevelOne(full, lowResInput, blendLowRes, o);
        if (guide is null) return blend == blendLowRes ? blendLowRes.Clone() : blend;
        blend = FastGuidedUpsampler.Apply(guide, blend, full, o.Radius, o.Epsilon, o.Kernel);
        ClampUnit(blend, o.Kernel);
        return blend;
    }

    /// <summary>
    /// The pyramid up to level 1 (the level just below full size): its guide and the blend layer there. Guide null
    /// when the working size is the full size (the blend layer is then already B0). The last step, to full size, is
    /// left to the caller: <see cref="CompositeFinalLevel"/> does it in one pass with the ABM and the composite.
    /// </summary>
    public static (PlanarImage? Guide, PlanarImage Blend) UpsampleToLevelOne(PlanarImage full, PlanarImage lowResInput, PlanarImage blendLowRes, BlendPyramidOptions? options = null) =>
        UpsampleToLevelOne(full, new PixelRect(0, 0, full.Width, full.Height), full.Channels, lowResInput, blendLowRes, options);

    /// <summary>
    /// The same for the rectangle <paramref name="rect"/> of <paramref name="image"/> (its first three planes), read in place:
    /// the same values as on a crop of it, without the crop's copy (a close-up's face rectangle is most of a 24 MP photo).
    /// </summary>
    public static (PlanarImage? Guide, PlanarImage Blend) UpsampleToLevelOne(PlanarImage image, PixelRect rect, PlanarImage lowResInput, PlanarImage blendLowRes, BlendPyramidOptions? options = null) =>
        UpsampleToLevelOne(image, rect, 3, lowResInput, blendLowRes, options);

    private static (PlanarImage? Guide, PlanarImage Blend) UpsampleToLevelOne(PlanarImage image, PixelRect rect, int channels, PlanarImage lowResInput, PlanarImage blendLowRes, BlendPyramidOptions? options)
    {
        var o = options ?? new BlendPyramidOptions();
        lowResInput.RequireSameSize(blendLowRes, "blend pyramid low-resolution input and blend layer");
        if (lowResInput.Width > rect.Width || lowResInput.Height > rect.Height)
            throw new ArgumentException($"working size {lowResInput.Width}x{lowResInput.Height} is larger than the image {rect.Width}x{rect.Height}");
        var sizes = LevelSizes(rect.Width, rect.Height, lowResInput.Width, lowResInput.Height);
        if (sizes.Count < 2) return (null, blendLowRes);
        var guides = Guides(image, rect, channels, lowResInput, sizes, o.Kernel);
        var blend = blendLowRes;
        for (int k = sizes.Count - 2; k >= 1; k--)
        {
            blend = FastGuidedUpsampler.Apply(guides[k + 1], blend, guides[k], o.Radius, o.Epsilon, o.Kernel);
            ClampUnit(blend, o.Kernel);
        }
        return (guides[1], blend);
    }

    /// <summary>
    /// The last pyramid level, the ABM and the weighted composite in one pass over <paramref name="rect"/> of
    /// <paramref name="image"/> (modified in place, RGB): per row, B0 = clamp(up(A)·I + up(B)) with the guided
    /// coefficients fitted at level 1, R0 = ABM(I, B0), I ← I + min(w·strength, 1)(R0 − I) where w &gt; 0. No
    /// full-size blend layer or retouched copy is ever stored. Where w is 0 the sample keeps its value (bit-exact);
    /// there <paramref name="blendLayer"/> (one full-size plane, optional) keeps its value, elsewhere it gets B0's
    /// mean over RGB. The same arithmetic as <see cref="UpsampleBlendLayer"/> + <see cref="Composite"/>, so the
    /// result is identical.
    /// </summary>
    public static void CompositeFinalLevel(PlanarImage image, PixelRect rect, PlanarImage levelOneGuide, PlanarImage levelOneBlend,
        PlanarImage weight, float strength, PlanarImage? blendLayer, BlendPyramidOptions? options = null)
    {
        var o = options ?? new BlendPyramidOptions();
        levelOneGuide.RequireSameSize(levelOneBlend, "level-1 guide and blend layer");
        if (weight.Width != rect.Width || weight.Height != rect.Height) throw new ArgumentException("the weight must be the rectangle's size");
        int n = levelOneGuide.Width * levelOneGuide.Height;
        // One colour at a time (each plane's model, ABM and composite read only that plane): one pair of level-1
        // coefficient planes is alive instead of three (a close-up's level 1 is 6 MP, 24 MB a plane). Reading the weight and
        // writing the blend layer three times costs no more: 131-149 ms a pass per colour against 132-143 ms for one pass
        // of all three on the 24 MP close-up, the same minutes.
        CompositeColours(image, rect, levelOneGuide, levelOneBlend, weight, strength, blendLayer, o, new float[n], new float[n]);
    }

    private static void CompositeColours(PlanarImage image, PixelRect rect, PlanarImage levelOneGuide, PlanarImage levelOneBlend,
        PlanarImage weight, float strength, PlanarImage? blendLayer, BlendPyramidOptions o, float[] meanA, float[] meanB)
    {
        int lw = levelOneGuide.Width, lh = levelOneGuide.Height;
        var tx = new BilinearTaps(lw, rect.Width);
        var ty = new BilinearTaps(lh, rect.Height);
        int width = rect.Width;
        for (int c = 0; c < 3; c++)
        {
            GuidedFilter.MeanCoefficients(levelOneGuide.PlaneMemory(c), levelOneBlend.PlaneMemory(c), meanA, meanB, lw, lh, o.Radius, o.Epsilon, o.Kernel);
            int colour = c;
            RowBands.For(rect.Height, o.Kernel, (y0, y1) =>
            {
                var buffer = new float[2 * lw + 5 * width];
                var mixA = buffer.AsSpan(0, lw); var mixB = buffer.AsSpan(lw, lw);
                var rowA = buffer.AsSpan(2 * lw, width); var rowB = buffer.AsSpan(2 * lw + width, width);
                var blend = buffer.AsSpan(2 * lw + 2 * width, width);
                var retouched = buffer.AsSpan(2 * lw + 3 * width, width);
                var mix = buffer.AsSpan(2 * lw + 4 * width, width);
                for (int y = y0; y < y1; y++)
                {
                    // Only the columns from the row's first to its last positive weight: a face's skin is an oval inside
                    // its rectangle, and where the weight is 0 nothing is written.
                    var wRow = weight.Row(0, y);
                    int first = wRow.IndexOfAnyExcept(0f);
                    if (first < 0) continue;
                    int span = wRow.LastIndexOfAnyExcept(0f) - first + 1;
                    var w = wRow.Slice(first, span);
                    int lo = ty.Lower[y] * lw, hi = ty.Upper[y] * lw;
                    TensorPrimitives.Lerp(meanA.AsSpan(lo, lw), meanA.AsSpan(hi, lw), ty.Fraction[y], mixA);
                    TensorPrimitives.Lerp(meanB.AsSpan(lo, lw), meanB.AsSpan(hi, lw), ty.Fraction[y], mixB);
                    tx.Interpolate(mixA, rowA.Slice(0, span), first);
                    tx.Interpolate(mixB, rowB.Slice(0, span), first);
                    var dst = image.Row(colour, rect.Y + y).Slice(rect.X + first, span);
                    var b = blend.Slice(0, span);
                    TensorPrimitives.MultiplyAdd(rowA.Slice(0, span), dst, rowB.Slice(0, span), b);
                    TensorPrimitives.Max(b, 0f, b);
                    TensorPrimitives.Min(b, 1f, b);
                    var m = mix.Slice(0, span);
                    WeightedMix.Amounts(w, strength, m);
                    var r = retouched.Slice(0, span);
                    BlendModes.Abm(dst, b, r);
                    WeightedMix.Toward(dst, r, m);
                    if (blendLayer is not null)
                        WeightedMix.AddToMean(b, colour, 3, w, blendLayer.Row(0, rect.Y + y).Slice(rect.X + first, span));
                }
            });
        }
    }

    /// <summary>out = I + m (ABM(I, B) - I); without a mask out = ABM(I, B). A mask value of 0 returns I bit-exactly.</summary>
    public static PlanarImage Composite(PlanarImage full, PlanarImage blend, PlanarImage? mask, KernelOptions? options = null)
    {
        var result = BlendModes.Abm(full, blend, options);
        if (mask is null) return result;
        full.RequireSameSize(mask, "blend pyramid image and mask");
        if (mask.Channels != 1 && mask.Channels != full.Channels)
            throw new ArgumentException($"mask has {mask.Channels} planes; it needs 1 or {full.Channels}");
        int plane = full.PlaneSize;
        for (int c = 0; c < full.Channels; c++)
        {
            int offset = c * plane, maskOffset = mask.Channels == 1 ? 0 : offset;
            BlendModes.ForChunks(plane, options, (start, length) =>
            {
                var i = full.Data.AsSpan(offset + start, length);
                var r = result.Data.AsSpan(offset + start, length);
                var m = mask.Data.AsSpan(maskOffset + start, length);
                TensorPrimitives.Subtract(r, i, r);
                TensorPrimitives.MultiplyAdd(r, m, i, r);
            });
        }
        return result;
    }

    /// <summary>
    /// The guide of every level: level 0 is the full image, the top level the caller's working-size input, and each one
    /// between an area downsample of the level below (the CPU kernels and the ONNX-graph render share it).
    /// </summary>
    public static PlanarImage[] Guides(PlanarImage full, PlanarImage lowResInput, IReadOnlyList<(int Width, int Height)> sizes, KernelOptions kernel)
    {
        var guides = Guides(full, new PixelRect(0, 0, full.Width, full.Height), full.Channels, lowResInput, sizes, kernel);
        guides[0] = full;
        return guides;
    }

    /// <summary>
    /// The guides of the rectangle <paramref name="rect"/> of <paramref name="image"/> (its first <paramref name="channels"/>
    /// planes), level 1 area-downsampled from the rectangle in place. Level 0 is the rectangle itself and is left null (not copied out).
    /// </summary>
    private static PlanarImage[] Guides(PlanarImage image, PixelRect rect, int channels, PlanarImage lowResInput, IReadOnlyList<(int Width, int Height)> sizes, KernelOptions kernel)
    {
        var guides = new PlanarImage[sizes.Count];
        guides[^1] = lowResInput;
        for (int k = 1; k < sizes.Count - 1; k++)
            guides[k] = k == 1
                ? Resample.AreaDownsample(image, rect, sizes[k].Width, sizes[k].Height, channels, kernel)
                : Resample.AreaDownsample(guides[k - 1], sizes[k].Width, sizes[k].Height, kernel);
        return guides;
    }

    /// <summary>
    /// Sizes from full (level 0) to the working size (last level), each step a factor of at most 2 per axis,
    /// the steps geometrically even.
    /// </summary>
    public static IReadOnlyList<(int Width, int Height)> LevelSizes(int fullWidth, int fullHeight, int lowWidth, int lowHeight)
    {
        double ratio = Math.Max((double)fullWidth / lowWidth, (double)fullHeight / lowHeight);
        int steps = ratio <= 1 ? 0 : (int)Math.Ceiling(Math.Log2(ratio) - 1e-9);
        var sizes = new List<(int, int)> { (fullWidth, fullHeight) };
        for (int k = 1; k < steps; k++)
        {
            double t = (double)k / steps;
            sizes.Add(((int)Math.Round(fullWidth * Math.Pow((double)lowWidth / fullWidth, t)),
                       (int)Math.Round(fullHeight * Math.Pow((double)lowHeight / fullHeight, t))));
        }
        if (steps > 0 || fullWidth != lowWidth || fullHeight != lowHeight) sizes.Add((lowWidth, lowHeight));
        return sizes;
    }

    private static void ClampUnit(PlanarImage image, KernelOptions options)
        => BlendModes.ForChunks(image.Data.Length, options, (start, length) =>
        {
            var s = image.Data.AsSpan(start, length);
            TensorPrimitives.Max(s, 0f, s);
            TensorPrimitives.Min(s, 1f, s);
        });

    private static BlendPyramidResult Unchanged(PlanarImage full)
    {
        var blend = new PlanarImage(full.Width, full.Height, full.Channels);
        blend.Data.AsSpan().Fill(0.5f);
        return new BlendPyramidResult(full.Clone(), blend);
    }
}
