namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>
/// Settings of the working-resolution de-wrinkle layer. Every size is a share of the person's height at the
/// working size (<see cref="PersonHeight"/>, pixels), so the result does not depend on the photo's resolution.
/// Fine and coarse are the attenuation of the fold band where folds of the small scales (0.5, 0.8 %) and
/// of the large ones (1.3, 2.0 %) are found (0 = kept, 1 = removed); protect scales the edge protection.
/// </summary>
public sealed record FoldFlatteningOptions
{
    public required float PersonHeight { get; init; }
    public float Fine { get; init; } = 1f;
    public float Coarse { get; init; } = 1f;
    public float Protect { get; init; } = 0.8f;

    /// <summary>Texture scale: detail finer than this (the weave) is never touched.</summary>
    public float TextureShare { get; init; } = 0.0025f;
    /// <summary>Guided-filter radius of the base band (body shading).</summary>
    public float BaseShare { get; init; } = 0.06f;
    /// <summary>Guided-filter eps of the base, on log luminance (0.2^2: folds up to about 20 % deep leave the base for the fold band).</summary>
    public float BaseEpsilon { get; init; } = 0.04f;
    public float[] FineShares { get; init; } = [0.005f, 0.008f];
    public float[] CoarseShares { get; init; } = [0.013f, 0.020f];
    /// <summary>Spread of the fold weight, so a fold's flanks go with its centre line.</summary>
    public float WeightShare { get; init; } = 0.005f;
    /// <summary>
    /// Gain on the spread weight (clamped to 1): the spread lowers a narrow fold's peak, the gain restores it. Measured on the
    /// benchmark with <see cref="LiftOnly"/> (fold shape removed, samples 1-6): 66/22/31/81/60/63 % at 2, 68/24/36/98/77/83 % at 3.
    /// </summary>
    public float WeightGain { get; init; } = 3f;

    /// <summary>
    /// Only lift (D = max(0, -W M)): a fold is a shadow, and what lies above the base is mostly the cloth's own sheen and
    /// highlights (and, after the valley fill lifted the base, the cloth beside each fold), which lowering flattened.
    /// Measured on the benchmark (samples 1-6, gain 2): fold shape removed 66/18/26/71/59/56 % with darkening,
    /// 66/22/31/81/60/63 % without; fold energy vs clean -12/-19/-27/-103/69/-19 % and -6/-10/-13/-20/78/34 %.
    /// </summary>
    public bool LiftOnly { get; init; } = true;

    /// <summary>
    /// Reach (2 % Hp) of the lift carried from the plain cloth around a print onto it (<see cref="PrintLiftCarry"/>); 0 = off.
    /// Measured (lift only, gain 3; samples 1/3/6): pattern SSIM 0.986/0.871/0.989 -> 0.985/0.913/0.989, sample3's fold shape
    /// removed 36 -> 49 %, its energy vs clean -12 -> 13 %; samples 2, 4, 5 as before.
    /// </summary>
    public float PrintCarryShare { get; init; } = 0.02f;

    /// <summary>
    /// Fill likely fold valleys before the base is estimated (<see cref="ValleyFill"/>). Measured on the benchmark
    /// (fold shape removed, samples 1-6): 51/9/16/61/38/33 % without, 59/11/23/65/58/51 % with.
    /// </summary>
    public bool ValleyFill { get; init; } = true;
    /// <summary>eps of the wide base a valley's depth is measured from (0.3^2: it follows little more than the cloth's level).</summary>
    public float ValleyWideEpsilon { get; init; } = 0.09f;
    /// <summary>
    /// Depth below the wide base (log luminance) where a fold pixel starts to be filled, and where it is filled fully. The wide
    /// base sags into a wide fold or a blob of overlapping ones, so their cores lie less far below it than their depth: full at
    /// 0.25 rather than 0.3 fills them (benchmark, fold shape removed samples 1-6: 68/24/49/98/77/83 % at 0.3, 73/29/54/102/78/90 %
    /// at 0.25; fold energy vs clean mean +5 % -> -5 %: more of the photo's own shading under the folds is lifted too).
    /// </summary>
    public float ValleyLow { get; init; } = 0.1f;
    public float ValleyHigh { get; init; } = 0.25f;
    /// <summary>Sigma of the near ring the valleys are filled from (three times wider where a valley is wider).</summary>
    public float ValleyFillShare { get; init; } = 0.015f;

    /// <summary>
    /// Measure the bands on l with prints' lightness taken out (<see cref="Dewrinkle.PrintFlattening"/>). Measured on the
    /// benchmark with the valley fill (fold shape removed, samples 1-6): 59/11/23/65/58/51 % without, 66/18/26/71/59/56 % with;
    /// sample3's pattern SSIM 0.829 -> 0.846, sample6's 0.990 -> 0.995.
    /// </summary>
    public bool PrintFlattening { get; init; } = true;
    /// <summary>Window radius of the print's linear model (2 % Hp: a few stripes of a print).</summary>
    public float PrintShare { get; init; } = 0.02f;
    /// <summary>Its eps on chromaticity (0.1^2: inks differ by more, sensor noise on dark cloth by less).</summary>
    public float PrintEpsilon { get; init; } = 0.01f;

    /// <summary>How many times the base is re-estimated with the folds cut (each costs one guided filter).</summary>
    public int BaseRefinements { get; init; } = 2;

    public Kernels.KernelOptions Kernel { get; init; } = Kernels.KernelOptions.AllCores;

    public float Pixels(float share) => MathF.Max(0.5f, share * PersonHeight);
}
