namespace RetouchPlugins.Shared.Imaging.Jpeg;

/// <summary>
/// A JPEG's IJG-equivalent quality (1–100), estimated from its quantisation tables, with what it implies for restoring
/// the pixels: the expected error of the low-frequency coefficients and the luma DC step (the block-edge step that
/// quantisation alone can cause).
/// </summary>
/// <param name="Quality">The quality whose scaled standard tables fit the file's best.</param>
/// <param name="FitError">Mean |ln(file step / scaled standard step)| over the fitted tables: 0 for tables written by libjpeg's
/// quality scaling (libvips, ImageMagick, most editors), larger for a camera's or an encoder's own tables.</param>
/// <param name="LumaTable">The file's luma table, natural order.</param>
public sealed record JpegQuality(int Quality, double FitError, int[] LumaTable)
{
    /// <summary>Above this fit error the tables are not IJG-scaled, and the quality is only the nearest equivalent.</summary>
    public const double IjgFitLimit = 0.05;

    /// <summary>ITU-T T.81 Annex K.1, the luminance table (natural order) that libjpeg scales by quality.</summary>
    public static readonly int[] StandardLuma =
    [
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
    ];

    /// <summary>ITU-T T.81 Annex K.1, the chrominance table (natural order).</summary>
    public static readonly int[] StandardChroma =
    [
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    ];

    public bool IjgTables => FitError <= IjgFitLimit;

    /// <summary>The luma DC step in [0, 1] units: a block's mean can be off by up to half of it.</summary>
    public float DcStep => LumaTable[0] / 255f;

    /// <summary>
    /// σ (in [0, 1]) of the error quantisation leaves in the five lowest luma AC coefficients (zig-zag 1–5), step/√12
    /// each (uniform rounding; the DCT is orthonormal, so it is the pixels' σ from these coefficients). Those
    /// coefficients are large on faces, so the uniform model holds for them; higher ones mostly quantise to zero.
    /// </summary>
    public float LowFrequencySigma
    {
        get
        {
            double sum = 0;
            for (int k = 1; k <= 5; k++) sum += Math.Pow(LumaTable[JpegHeaderReader.ZigZag[k]], 2) / 12;
            return (float)(Math.Sqrt(sum / 5) / 255);
        }
    }

    /// <summary>libjpeg's jpeg_quality_scaling and jpeg_add_quant_table (baseline: steps clamped to 1–255).</summary>
    public static int ScaledStep(int standard, int quality)
    {
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        return Math.Clamp((standard * scale + 50) / 100, 1, 255);
    }

    /// <summary>The best-fitting quality for a header's tables (luma, and chroma when present).</summary>
    public static JpegQuality Estimate(JpegHeader header)
    {
        var luma = header.LumaTable ?? throw new ArgumentException("the header has no luma quantisation table");
        return Estimate(luma, header.ChromaTable);
    }

    public static JpegQuality Estimate(int[] luma, int[]? chroma)
    {
        if (luma.Length != 64 || chroma is { Length: not 64 }) throw new ArgumentException("quantisation tables have 64 entries");
        int best = 0;
        double bestError = double.MaxValue;
        for (int q = 1; q <= 100; q++)
        {
            double error = Misfit(luma, StandardLuma, q), n = 64;
            if (chroma is not null) { error += Misfit(chroma, StandardChroma, q); n += 64; }
            // Near 100 several qualities give the same tables; the strict < keeps the lowest of them.
            if (error / n < bestError - 1e-12) { bestError = error / n; best = q; }
        }
        return new JpegQuality(best, bestError, luma);
    }

    private static double Misfit(int[] table, int[] standard, int quality)
    {
        double sum = 0;
        for (int i = 0; i < 64; i++) sum += Math.Abs(Math.Log((double)table[i] / ScaledStep(standard[i], quality)));
        return sum;
    }

    /// <summary>
    /// The quality of the JPEG file at <paramref name="path"/>, or null with the reason (not a JPEG, truncated, odd
    /// tables): the caller then relies on the noise measured in the pixels.
    /// </summary>
    public static JpegQuality? OfFile(string path, out string? reason)
    {
        var header = JpegHeaderReader.Read(path, out reason);
        if (header is null) return null;
        if (header.LumaTable is null) { reason = $"{path}: no luma quantisation table"; return null; }
        return Estimate(header);
    }
}
