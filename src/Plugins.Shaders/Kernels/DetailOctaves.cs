namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// How blurred an image is, in octaves: the energy of each detail octave (what an area k× down / bilinear up
/// round trip removes beyond what the k/2 one removes), less the share white noise of σ puts there, over a
/// region. A sharp image has comparable energy in every octave; one brought up from 1/f of its size has almost
/// none in the octaves finer than f. The blur factor is the first octave, finest first, whose energy reaches
/// <see cref="Significant"/> of the next coarser one's.
/// </summary>
public static class DetailOctaves
{
    /// <summary>An octave counts as holding detail when its energy is at least this share of the next coarser octave's.</summary>
    public const float Significant = 0.2f;

    /// <summary>The blur factor f ∈ {1, 2, 4, …, <paramref name="largest"/>} of <paramref name="luma"/> over the pixels where <paramref name="weight"/> ≥ 0.5.</summary>
    public static int BlurFactor(PlanarImage luma, PlanarImage weight, float noiseSigma, int largest = 16)
    {
        var lost = new List<double> { 0 }; // D_1 = 0: a 1x round trip loses nothing
        for (int k = 2; k <= 2 * largest; k *= 2) lost.Add(Lost(luma, weight, k));
        // band[i] is the energy of the octave between 2^i and 2^(i+1), noise share removed (white noise: 0.75 σ² / 4^i).
        var band = new double[lost.Count - 1];
        for (int i = 0; i < band.Length; i++)
            band[i] = Math.Max(0, lost[i + 1] - lost[i] - 0.75 * noiseSigma * noiseSigma / Math.Pow(4, i));
        for (int i = 0; i + 1 < band.Length; i++)
            if (band[i] >= Significant * band[i + 1]) return 1 << i;
        return largest;
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
