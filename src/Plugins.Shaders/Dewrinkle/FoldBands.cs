using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>
/// The three log-luminance bands of a garment: texture T = l - S (the weave, finer than the smoothing scale,
/// never touched), base B (an edge-preserving guided filter of S: the body's shading, seams and garment
/// edges) and mid M = S - B, where the folds live. S is the normalised-convolution blur of l inside the mask.
/// <see cref="Smooth"/> and <see cref="Base"/> are extended past the mask (values there mean nothing), so
/// derivatives and the guided filter see no edge where the garment ends.
/// </summary>
public sealed record FoldBands(float[] Smooth, float[] Base, float[] Mid, int Width, int Height)
{
    /// <param name="logLuminance">l = ln(Y + 0.01), width x height.</param>
    /// <param name="mask">Garment confidence in [0, 1].</param>
    /// <param name="textureSigma">Scale below which detail is texture (pixels).</param>
    /// <param name="baseRadius">Guided-filter radius of the base (pixels).</param>
    /// <param name="baseEpsilon">Guided-filter eps on log luminance: steps well above sqrt(eps) stay in the base.</param>
    /// <param name="fillSigma">Reach of the extension outside the mask (pixels).</param>
    public static FoldBands Split(float[] logLuminance, float[] mask, int width, int height,
        float textureSigma, int baseRadius, float baseEpsilon, float fillSigma, KernelOptions? options = null)
    {
        var inside = MaskedBlur.Apply(logLuminance, mask, width, height, textureSigma, options);
        var smooth = MaskedBlur.FillOutside(inside, mask, width, height, fillSigma, options);
        return WithBaseOf(smooth, smooth, width, height, baseRadius, baseEpsilon, options);
    }

    /// <summary>
    /// The same split with the base re-estimated from S with the fold band cut by <paramref name="weight"/>
    /// (S - W M): a wide window averages a deep fold into the base, so the first base sags under each fold and
    /// flattening M alone would darken the cloth around it. Each refinement lifts the base toward the fold-free cloth.
    /// </summary>
    public FoldBands Refine(float[] weight, int baseRadius, float baseEpsilon, KernelOptions? options = null)
    {
        var flattened = new float[Smooth.Length];
        for (int i = 0; i < flattened.Length; i++) flattened[i] = Smooth[i] - Math.Clamp(weight[i], 0f, 1f) * Mid[i];
        return WithBaseOf(Smooth, flattened, Width, Height, baseRadius, baseEpsilon, options);
    }

    /// <summary>
    /// The same split with the base estimated from <paramref name="source"/> instead of S (S with its fold valleys
    /// filled, <see cref="ValleyFill"/>): a deep fold's core then leaves the base for the fold band.
    /// </summary>
    public FoldBands Rebased(float[] source, int baseRadius, float baseEpsilon, KernelOptions? options = null) =>
        WithBaseOf(Smooth, source, Width, Height, baseRadius, baseEpsilon, options);

    private static FoldBands WithBaseOf(float[] smooth, float[] source, int width, int height, int baseRadius, float baseEpsilon, KernelOptions? options)
    {
        var bas = new float[smooth.Length];
        GuidedFilter.ApplyPlane(source, source, bas, width, height, Math.Max(1, baseRadius), baseEpsilon, options);
        var mid = new float[smooth.Length];
        for (int i = 0; i < mid.Length; i++) mid[i] = smooth[i] - bas[i];
        return new FoldBands(smooth, bas, mid, width, height);
    }
}
