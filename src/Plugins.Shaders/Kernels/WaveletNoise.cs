namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Noise level from the finest diagonal wavelet band (Donoho's robust estimator): the orthonormal Haar HH
/// coefficient of each 2 × 2 block, (a − b − c + d) / 2, has the noise's standard deviation σ on flat ground
/// and is rarely large elsewhere, so σ ≈ median(|HH|) / 0.6745.
/// </summary>
public static class WaveletNoise
{
    /// <summary>
    /// σ of one plane over the 2 × 2 blocks whose four weights are all at least <paramref name="minWeight"/>
    /// (all blocks when <paramref name="weight"/> is null); 0 when fewer than 16 blocks qualify.
    /// </summary>
    public static float Sigma(PlanarImage plane, PlanarImage? weight = null, float minWeight = 0.5f)
    {
        if (weight is not null && (weight.Width != plane.Width || weight.Height != plane.Height))
            throw new ArgumentException($"weight is {weight.Width}x{weight.Height}, plane {plane.Width}x{plane.Height}");
        int w = plane.Width;
        var values = new List<float>();
        for (int y = 0; y + 1 < plane.Height; y += 2)
            for (int x = 0; x + 1 < w; x += 2)
            {
                int i = y * w + x;
                if (weight is not null && (weight.Data[i] < minWeight || weight.Data[i + 1] < minWeight || weight.Data[i + w] < minWeight || weight.Data[i + w + 1] < minWeight))
                    continue;
                values.Add(MathF.Abs(plane.Data[i] - plane.Data[i + 1] - plane.Data[i + w] + plane.Data[i + w + 1]) / 2);
            }
        if (values.Count < 16) return 0;
        values.Sort();
        return values[values.Count / 2] / 0.6745f;
    }
}
