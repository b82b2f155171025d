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
    private readonly float[][] _toLinear;
    private readonly SrgbTransferTable _srgb = new();

    public SrgbWorkingSpace(RgbColourSpace space)
    {
        _space = space;
        _toSrgb = space.LinearTo(RgbColourSpace.Srgb);
        _fromSrgb = RgbColourSpace.Srgb.LinearTo(space);
        _toLinear = new float[3][];
        for (int c = 0; c < 3; c++)
        {
            var table = _toLinear[c] = new float[Levels + 1];
            for (int i = 0; i <= Levels; i++) table[i] = space.Curves[c].ToLinear((float)i / Levels);
        }
    }

    public RgbColourSpace Space => _space;

    /// <summary>
    /// The photo's colours as sRGB values in [0, 1] (colours outside sRGB clipped), in a new image; alpha as it was.
    /// <paramref name="pixels"/> are a decoded file's values (8 or 16 bits), read through exact tables.
    /// </summary>
    public PlanarImage ToSrgb(PlanarImage pixels, KernelOptions? options = null)
    {
        var srgb = new PlanarImage(pixels.Width, pixels.Height, pixels.Channels);
        RowBands.For(pixels.Height, options, (y0, y1) =>
        {
            for (int y = y0; y < y1; y++)
            {
                Span<float> r = pixels.Row(0, y), g = pixels.Row(1, y), b = pixels.Row(2, y);
                Span<float> sr = srgb.Row(0, y), sg = srgb.Row(1, y), sb = srgb.Row(2, y);
                for (int x = 0; x < r.Length; x++)
                {
                    var (lr, lg, lb) = SrgbLinear(r[x], g[x], b[x]);
                    sr[x] = _srgb.ToSrgb(lr); sg[x] = _srgb.ToSrgb(lg); sb[x] = _srgb.ToSrgb(lb);
                }
                if (pixels.Channels == 4) pixels.Row(3, y).CopyTo(srgb.Row(3, y));
            }
        });
        return srgb;
    }

    /// <summary>
    /// <paramref name="result"/> (an effect's output over <paramref name="input"/>, which <see cref="ToSrgb"/> made from
    /// <paramref name="original"/>) in the photo's space, written into <paramref name="result"/> itself, which is returned.
    /// </summary>
    public PlanarImage Back(PlanarImage original, PlanarImage input, PlanarImage result, KernelOptions? options = null)
    {
        if (result.Width != original.Width || result.Height != original.Height || input.Width != original.Width || input.Height != original.Height)
            throw new ArgumentException($"the result is {result.Width}x{result.Height}, the photo {original.Width}x{original.Height}");
        var curves = _space.Curves;
        RowBands.For(original.Height, options, (y0, y1) =>
        {
            for (int y = y0; y < y1; y++)
            {
                Span<float> r = original.Row(0, y), g = original.Row(1, y), b = original.Row(2, y);
                Span<float> ir = input.Row(0, y), ig = input.Row(1, y), ib = input.Row(2, y);
                Span<float> rr = result.Row(0, y), rg = result.Row(1, y), rb = result.Row(2, y);
                for (int x = 0; x < r.Length; x++)
                {
                    float dr = rr[x] - ir[x], dg = rg[x] - ig[x], db = rb[x] - ib[x];
                    if (dr == 0 && dg == 0 && db == 0)
                    {
                        rr[x] = r[x]; rg[x] = g[x]; rb[x] = b[x];
                        continue;
                    }
                    // The change lands on the pixel's unclipped sRGB value, and that goes back to the photo's space.
                    var (lr, lg, lb) = SrgbLinear(r[x], g[x], b[x]);
                    float sr = ToneCurve.Srgb.ToEncoded(lr) + dr, sg = ToneCurve.Srgb.ToEncoded(lg) + dg, sb = ToneCurve.Srgb.ToEncoded(lb) + db;
                    var (pr, pg, pb) = Apply(_fromSrgb, ToneCurve.Srgb.ToLinear(sr), ToneCurve.Srgb.ToLinear(sg), ToneCurve.Srgb.ToLinear(sb));
                    rr[x] = Math.Clamp(curves[0].ToEncoded(pr), 0f, 1f);
                    rg[x] = Math.Clamp(curves[1].ToEncoded(pg), 0f, 1f);
                    rb[x] = Math.Clamp(curves[2].ToEncoded(pb), 0f, 1f);
                }
            }
        });
        return result;
    }

    private (float R, float G, float B) SrgbLinear(float r, float g, float b) =>
        Apply(_toSrgb, Linear(0, r), Linear(1, g), Linear(2, b));

    private float Linear(int channel, float v) =>
        v is >= 0 and <= 1 ? _toLinear[channel][(int)(v * Levels + 0.5f)] : _space.Curves[channel].ToLinear(v);

    private static (float, float, float) Apply(float[] m, float r, float g, float b) =>
        (m[0] * r + m[1] * g + m[2] * b, m[3] * r + m[4] * g + m[5] * b, m[6] * r + m[7] * g + m[8] * b);
}
