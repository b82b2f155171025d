namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// One axis of a bilinear resample with half-pixel centres: destination i samples source position
/// (i + 0.5) * s / d - 0.5, clamped to [0, s - 1]; Lower/Upper are the neighbouring samples, Fraction the
/// weight of Upper.
/// </summary>
internal sealed class BilinearTaps
{
    public BilinearTaps(int sourceLength, int destinationLength)
    {
        Lower = new int[destinationLength];
        Upper = new int[destinationLength];
        Fraction = new float[destinationLength];
        double scale = (double)sourceLength / destinationLength;
        for (int i = 0; i < destinationLength; i++)
        {
            double pos = Math.Clamp((i + 0.5) * scale - 0.5, 0, sourceLength - 1);
            int lo = Math.Min((int)Math.Floor(pos), sourceLength - 1);
            Lower[i] = lo;
            Upper[i] = Math.Min(lo + 1, sourceLength - 1);
            Fraction[i] = (float)(pos - lo);
        }
    }

    public int[] Lower { get; }
    public int[] Upper { get; }
    public float[] Fraction { get; }

    /// <summary>Destination samples [start, start + destination.Length) only.</summary>
    public void Interpolate(ReadOnlySpan<float> source, Span<float> destination, int start)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            float a = source[Lower[start + i]], b = source[Upper[start + i]];
            destination[i] = a + (b - a) * Fraction[start + i];
        }
    }

    public void Interpolate(ReadOnlySpan<float> source, Span<float> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            float a = source[Lower[i]], b = source[Upper[i]];
            destination[i] = a + (b - a) * Fraction[i];
        }
    }
}
