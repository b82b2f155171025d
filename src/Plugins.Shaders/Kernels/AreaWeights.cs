namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// One axis of an exact area resample: destination sample i covers the source interval
/// [i * s, (i + 1) * s) with s = sourceLength / destinationLength (any real factor); each source
/// sample j covers [j, j + 1) and contributes its overlap length. Weights are normalised to sum to 1.
/// </summary>
internal sealed class AreaWeights
{
    public AreaWeights(int sourceLength, int destinationLength)
    {
        First = new int[destinationLength];
        Count = new int[destinationLength];
        var weights = new List<float>();
        Offset = new int[destinationLength];
        double scale = (double)sourceLength / destinationLength;
        for (int i = 0; i < destinationLength; i++)
        {
            double lo = i * scale, hi = (i + 1) * scale;
            int j0 = (int)Math.Floor(lo);
            int j1 = Math.Min(sourceLength, (int)Math.Ceiling(hi));
            First[i] = j0;
            Offset[i] = weights.Count;
            double total = hi - lo;
            for (int j = j0; j < j1; j++)
            {
                double overlap = Math.Min(hi, j + 1) - Math.Max(lo, j);
                if (overlap > 0) weights.Add((float)(overlap / total));
                else weights.Add(0f);
            }
            Count[i] = j1 - j0;
        }
        Weights = weights.ToArray();
    }

    public int[] First { get; }
    public int[] Count { get; }
    public int[] Offset { get; }
    public float[] Weights { get; }
}
