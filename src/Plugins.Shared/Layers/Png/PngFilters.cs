namespace RetouchPlugins.Shared.Layers.Png;

/// <summary>The five PNG row filters (none, sub, up, average, Paeth), forward and inverse.</summary>
internal static class PngFilters
{
    public const int Count = 5;

    public static void Apply(int type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> output)
    {
        for (int i = 0; i < row.Length; i++)
        {
            int a = i >= bpp ? row[i - bpp] : 0, b = prior[i], c = i >= bpp ? prior[i - bpp] : 0;
            output[i] = (byte)(row[i] - Predict(type, a, b, c));
        }
    }

    /// <summary>Undoes the filter in place; <paramref name="prior"/> is the previous unfiltered row (zeros for the first).</summary>
    public static void Undo(int type, Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        switch (type)
        {
            case 0: return;
            case 1: for (int i = bpp; i < row.Length; i++) row[i] += row[i - bpp]; return;
            case 2: for (int i = 0; i < row.Length; i++) row[i] += prior[i]; return;
            default:
                for (int i = 0; i < row.Length; i++)
                {
                    int a = i >= bpp ? row[i - bpp] : 0, b = prior[i], c = i >= bpp ? prior[i - bpp] : 0;
                    row[i] = (byte)(row[i] + Predict(type, a, b, c));
                }
                return;
        }
    }

    private static int Predict(int type, int a, int b, int c) => type switch
    {
        0 => 0,
        1 => a,
        2 => b,
        3 => (a + b) >> 1,
        4 => Paeth(a, b, c),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
