namespace RetouchPlugins.Shaders.Color;

/// <summary>
/// The sRGB transfer function both ways by table, for per-pixel work over millions of pixels, where
/// <see cref="Oklab.SrgbToLinear"/> and <see cref="Oklab.LinearToSrgb"/> (a power each) dominate the cost.
/// Decoding interpolates a table over the sRGB value; encoding one over the square root of the linear value, where
/// the curve is gentle even near black. Both agree with the exact functions within 1e-6 on [0, 1]
/// (<c>SrgbTransferTableTests</c>), well under a 16-bit level; inputs are clamped to [0, 1].
/// </summary>
public sealed class SrgbTransferTable
{
    private const int Size = 4096;
    private readonly float[] _decode = new float[Size + 2];
    private readonly float[] _encode = OverSquareRoot(Oklab.LinearToSrgb);

    public SrgbTransferTable()
    {
        for (int i = 0; i <= Size + 1; i++) _decode[i] = Oklab.SrgbToLinear(MathF.Min(1f, (float)i / Size));
    }

    /// <summary>A table of <paramref name="encode"/> over the square root of linear light in [0, 1], for <see cref="Lookup"/>.</summary>
    internal static float[] OverSquareRoot(Func<float, float> encode)
    {
        var table = new float[Size + 2];
        for (int i = 0; i <= Size + 1; i++)
        {
            float t = MathF.Min(1f, (float)i / Size);
            table[i] = encode(t * t);
        }
        return table;
    }

    /// <summary>Linear light of an sRGB value.</summary>
    public float ToLinear(float srgb) => Lookup(_decode, srgb);

    /// <summary>The sRGB value of linear light (clamped to [0, 1], as an image value is).</summary>
    public float ToSrgb(float linear) => Lookup(_encode, MathF.Sqrt(Math.Clamp(linear, 0f, 1f)));

    /// <summary><paramref name="table"/> at <paramref name="x"/> in [0, 1] (clamped), interpolated linearly.</summary>
    internal static float Lookup(float[] table, float x)
    {
        float t = Math.Clamp(x, 0f, 1f) * Size;
        int i = (int)t;
        return table[i] + (table[i + 1] - table[i]) * (t - i);
    }
}
