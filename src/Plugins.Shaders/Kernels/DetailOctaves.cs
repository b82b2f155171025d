namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// How blurred an image is, in octaves: the energy of each detail octave (what an area k× down / bilinear up
/// round trip removes beyond what the k/2 one removes), less the share white noise of σ puts there, over a
/// region. In a sharp photo the octaves finer than 2^(i+1) together hold 0.3–1× the energy of octave i + 1 (measured
/// on sample1: 0.28, 0.51, 0.76, 1.02, finest first); in one brought up from 1/f of its size the octaves finer than f
/// hold almost nothing (0.11–0.15× at f = 2, 4, 8). The blur factor is 2^(i+1) for the coarsest i whose finer octaves
/// hold less than <see cref="Significant"/> of octave i + 1, else 1.
/// </summary>
public static class DetailOctaves
{
    /// <summary>The octaves finer than a cut count as empty below this share of the energy of the octave above the cut.</summary>
    public const float Significant = 0.2f;

    /// <summary>The blur factor f ∈ {1, 2, 4, …, <paramref name="largest"/>} of <paramref name="luma"/> over the pixels where <paramref name="weight"/> ≥ 0.5.</summary>
    public static int BlurFactor(PlanarImage luma, PlanarImage weight, float noiseSigma, int largest = 16)
    {
        var band = OctaveEnergies(luma, weight, noiseSigma, largest);
        int factor = 1;
        double finer = 0;
        for (int i = 0; i + 1 < band.Length; i++)
        {
            finer += band[i];
            if (finer < Significant * band[i + 1]) factor = 2 << i;
        }
        return factor;
    }

    /// <summary>
    /// band[i]: the energy of the octave between 2^i and 2^(i+1) (mean square over the weighted pixels), the share of
    /// white noise of σ removed (0.75 σ² / 4^i), for octaves up to 2·<paramref name="largest"/>.
    /// </summary>
    public static double[] OctaveEnergies(PlanarImage luma, PlanarImage weight, float noiseSigma, int largest = 16)
    {
        var lost = new List<double> { 0 }; // D_1 = 0: a 1x round trip loses nothing
        for (int k = 2; k <= 2 * largest; k *= 2) lost.Add(Lost(luma, weight, k));
        var band = new double[lost.Count - 1];
        for (int i = 0; i < band.Length; i++)
            band[i] = Math.Max(0, lost[i + 1] - lost[i] - 0.75 * noiseSigma * noiseSigma / Math.Pow(4, i));
        return band;
    }

    /// <summary>Mean squared difference between the image and its k× area-down / bilinear-up round trip, over the weighted pixels.</summary>
    private static double Lost(PlanarImage luma, PlanarImage weight, int k)
    {
        int w = Math.Max(1, luma.Width / k), h = Math.Max(1, luma.Height / k);
        var back = Resample.BilinearUpsample(Resample.AreaDownsample(luma, w, h), luma.Width, luma.Height);
        double sum = 0; long n = 0;
        for (int i = 0; i < luma.Data.Length; i++)
        {
            if (weight.Data[i] < 0.5f) continue;
            double d = luma.Data[i] - back.Data[i];
            sum += d * d; n++;
        }
        return n == 0 ? 0 : sum / n;
    }
}
