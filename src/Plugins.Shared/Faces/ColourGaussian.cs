namespace RetouchPlugins.Shared.Faces;

/// <summary>A 3-D Gaussian over Oklab (L, a, b): the colour of one thing (a person's hair, their skin) in this photo.</summary>
internal sealed class ColourGaussian
{
    /// <summary>Smallest standard deviation per axis, so a very even patch does not give a needle-thin model.</summary>
    private static readonly float[] Floor = [0.02f, 0.006f, 0.006f];

    private readonly float[] _mean = new float[3];
    private readonly float[] _inverse = new float[9];

    private ColourGaussian(IReadOnlyList<(float L, float A, float B)> samples)
    {
        var c = new double[9];
        foreach (var s in samples) { _mean[0] += s.L; _mean[1] += s.A; _mean[2] += s.B; }
        for (int k = 0; k < 3; k++) _mean[k] /= samples.Count;
        foreach (var s in samples)
        {
            double[] d = [s.L - _mean[0], s.A - _mean[1], s.B - _mean[2]];
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) c[3 * i + j] += d[i] * d[j];
        }
        for (int i = 0; i < 9; i++) c[i] /= samples.Count;
        for (int k = 0; k < 3; k++) c[4 * k] += Floor[k] * Floor[k];
        double det = c[0] * (c[4] * c[8] - c[5] * c[7]) - c[1] * (c[3] * c[8] - c[5] * c[6]) + c[2] * (c[3] * c[7] - c[4] * c[6]);
        double[] adj =
        [
            c[4] * c[8] - c[5] * c[7], c[2] * c[7] - c[1] * c[8], c[1] * c[5] - c[2] * c[4],
            c[5] * c[6] - c[3] * c[8], c[0] * c[8] - c[2] * c[6], c[2] * c[3] - c[0] * c[5],
            c[3] * c[7] - c[4] * c[6], c[1] * c[6] - c[0] * c[7], c[0] * c[4] - c[1] * c[3],
        ];
        for (int i = 0; i < 9; i++) _inverse[i] = (float)(adj[i] / det);
    }

    public const int MinimumSamples = 30;

    /// <summary>The mean Oklab lightness of the samples.</summary>
    public float Lightness => _mean[0];

    /// <summary>The Gaussian of the samples, or null when there are too few.</summary>
    public static ColourGaussian? Fit(IReadOnlyList<(float L, float A, float B)> samples) =>
        samples.Count >= MinimumSamples ? new ColourGaussian(samples) : null;

    public float Distance(float l, float a, float b)
    {
        float d0 = l - _mean[0], d1 = a - _mean[1], d2 = b - _mean[2];
        var m = _inverse;
        float q = d0 * (m[0] * d0 + m[1] * d1 + m[2] * d2) + d1 * (m[3] * d0 + m[4] * d1 + m[5] * d2) + d2 * (m[6] * d0 + m[7] * d1 + m[8] * d2);
        return MathF.Sqrt(MathF.Max(0, q));
    }

    public (float L, float A, float B) Mean => (_mean[0], _mean[1], _mean[2]);

    public override string ToString() => $"L {_mean[0]:0.00} a {_mean[1]:0.000} b {_mean[2]:0.000}";
}
