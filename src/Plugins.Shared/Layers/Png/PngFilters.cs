namespace RetouchPlugins.Shared.Layers.Png;

/// <summary>The five PNG row filters (none, sub, up, average, Paeth), forward and inverse.</summary>
internal static class PngFilters
{
    public const int Count = 5;

    /// <summary>Filters one row; one loop per type because this runs for every candidate filter of every row.</summary>
    public static void Apply(int type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, int bpp, Span<byte> output)
    {
        int n = row.Length, head = Math.Min(bpp, n);
        switch (type)
        {
            case 0:
                row.CopyTo(output);
                return;
            case 1:
                row.Slice(0, head).CopyTo(output);
                for (int i = bpp; i < n; i++) output[i] = (byte)(row[i] - row[i - bpp]);
                return;
            case 2:
                for (int i = 0; i < n; i++) output[i] = (byte)(row[i] - prior[i]);
                return;
            case 3:
                for (int i = 0; i < head; i++) output[i] = (byte)(row[i] - (prior[i] >> 1));
                for (int i = bpp; i < n; i++) output[i] = (byte)(row[i] - ((row[i - bpp] + prior[i]) >> 1));
                return;
            default:
                for (int i = 0; i < head; i++) output[i] = (byte)(row[i] - prior[i]); // Paeth with a = c = 0 picks b
                for (int i = bpp; i < n; i++) output[i] = (byte)(row[i] - Paeth(row[i - bpp], prior[i], prior[i - bpp]));
                return;
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
