using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Color;

/// <summary>
/// Lets the effects and networks, which know skin and spots in sRGB, work on a photo in another RGB space (a ProPhoto
/// or Adobe RGB TIFF from Lightroom, an iPhone's Display P3): <see cref="ToSrgb"/> gives the photo's colours as sRGB
/// values, <see cref="Back"/> takes what an effect changed there back into the photo's space. A pixel the effect left as
/// it was is the original's, bit for bit, colours outside sRGB included; a changed one gets the change added to its
/// unclipped sRGB value, so a small change to a colour outside sRGB moves it by that change instead of clipping it.
/// </summary>
public sealed class SrgbWorkingSpace
{
    /// <summary>Samples of a 16-bit file (and of an 8-bit one, k/255 = 257k/65535): the original's values, looked up exactly.</summary>
    private const int Levels = 65535;

    private readonly RgbColourSpace _space;
    private readonly float[] _toSrgb, _fromSrgb;
    /// <summary>Per channel: linear light of every 16-bit level; the photo's value by a table over the square root of linear light, as <see cref="SrgbTransferTable"/> encodes sRGB.</summary>
    private readonly float[][] _toLinear, _toEncoded;
    private readonly SrgbTransferTable _srgb = new();

    public SrgbWorkingSpace(RgbColourSpace space)
    {
        _space = space;
        _toSrgb = space.LinearTo(RgbColourSpace.Srgb);
        _fromSrgb = RgbColourSpace.Srgb.LinearTo(space);
        _toLinear = new float[3][];
        _toEncoded = new float[3][];
        for (int c = 0; c < 3; c++)
        {
            var table = _toLinear[c] = new float[Levels + 1];
            for (int i = 0; i <= Levels; i++) table[i] = space.Curves[c].ToLinear((float)i / Levels);
            _toEncoded[c] = SrgbTransferTable.OverSquareRoot(space.Curves[c].ToEncoded);
        }
    }

    public RgbColourSpace Space => _space;

    /// <summary>
    /// The photo's colours as sRGB values in [0, 1] (colours outside sRGB clipped), in a new image; alpha as it was.
    /// <paramref name="pixels"/> are a decoded file's values, read through a table of the 16-bit levels (exact for 8 and 16-bit files).
    /// </summary>
    public PlanarImage ToSrgb(PlanarImage pixels, KernelOptions? options = null)
    {
        var srgb = new PlanarImage(pixels.Width, pixels.Height, pixels.Channels);
        ForRows(pixels, srgb, options, (r, g, b, sr, sg, sb) =>
        {
            for (int x = 0; x < r.Length; x++)
            {
                var (lr, lg, lb) = SrgbLinear(r[x], g[x], b[x]);
                sr[x] = _srgb.ToSrgb(lr); sg[x] = _srgb.ToSrgb(lg); sb[x] = _srgb.ToSrgb(lb);
            }
        });
        if (pixels.Channels == 4) pixels.Plane(3).CopyTo(srgb.Plane(3));
        return srgb;
    }

    /// <summary>
    /// <paramref name="result"/>, an effect's output over <see cref="ToSrgb"/>'s copy of <paramref name="original"/>, in the
    /// photo's space, written into <paramref name="result"/> itself, which is returned. The sRGB copy is not needed: each
    /// pixel's is computed again (the same arithmetic, so the same floats), and the effect may have rendered into it.
    /// </summary>
    public PlanarImage Back(PlanarImage original, PlanarImage result, KernelOptions? options = null)
    {
        if (result.Width != original.Width || result.Height != original.Height)
            throw new ArgumentException($"the result is {result.Width}x{result.Height}, the photo {original.Width}x{original.Height}");
        ForRows(original, result, options, (r, g, b, rr, rg, rb) =>
        {
            for (int x = 0; x < r.Length; x++)
            {
                var (lr, lg, lb) = SrgbLinear(r[x], g[x], b[x]);
                float dr = rr[x] - _srgb.ToSrgb(lr), dg = rg[x] - _srgb.ToSrgb(lg), db = rb[x] - _srgb.ToSrgb(lb);
                if (dr == 0 && dg == 0 && db == 0)
                {
                    rr[x] = r[x]; rg[x] = g[x]; rb[x] = b[x];
                    continue;
                }
                // The change lands on the pixel's unclipped sRGB value, and that goes back to the photo's space.
                float sr = SrgbEncoded(lr) + dr, sg = SrgbEncoded(lg) + dg, sb = SrgbEncoded(lb) + db;
                var (pr, pg, pb) = Apply(_fromSrgb, SrgbLinearOf(sr), SrgbLinearOf(sg), SrgbLinearOf(sb));
                rr[x] = Encoded(0, pr); rg[x] = Encoded(1, pg); rb[x] = Encoded(2, pb);
            }
        });
        return result;
    }

    private delegate void RowPair(Span<float> r, Span<float> g, Span<float> b, Span<float> toR, Span<float> toG, Span<float> toB);

    /// <summary>Each row's colour planes of <paramref name="from"/> and <paramref name="to"/>, in bands on all cores.</summary>
    private static void ForRows(PlanarImage from, PlanarImage to, KernelOptions? options, RowPair row) =>
        RowBands.For(from.Height, options, (y0, y1) =>
        {
            for (int y = y0; y < y1; y++)
                row(from.Row(0, y), from.Row(1, y), from.Row(2, y), to.Row(0, y), to.Row(1, y), to.Row(2, y));
        });

    private (float R, float G, float B) SrgbLinear(float r, float g, float b) =>
        Apply(_toSrgb, Linear(0, r), Linear(1, g), Linear(2, b));

    // Tables inside [0, 1], the exact curves outside it (colours beyond sRGB's gamut on the way).
    private float SrgbEncoded(float linear) => linear is >= 0 and <= 1 ? _srgb.ToSrgb(linear) : ToneCurve.Srgb.ToEncoded(linear);

    private float SrgbLinearOf(float srgb) => srgb is >= 0 and <= 1 ? _srgb.ToLinear(srgb) : ToneCurve.Srgb.ToLinear(srgb);

    /// <summary>The photo's value of linear light, clamped to [0, 1] as a file's sample is.</summary>
    private float Encoded(int channel, float linear)
    {
        if (linear <= 0) return 0;
        if (linear >= 1) return Math.Min(1f, _space.Curves[channel].ToEncoded(linear));
        return Math.Clamp(SrgbTransferTable.Lookup(_toEncoded[channel], MathF.Sqrt(linear)), 0f, 1f);
    }

    private float Linear(int channel, float v) =>
        v is >= 0 and <= 1 ? _toLinear[channel][(int)(v * Levels + 0.5f)] : _space.Curves[channel].ToLinear(v);

    private static (float, float, float) Apply(float[] m, float r, float g, float b) =>
        (m[0] * r + m[1] * g + m[2] * b, m[3] * r + m[4] * g + m[5] * b, m[6] * r + m[7] * g + m[8] * b);
}
