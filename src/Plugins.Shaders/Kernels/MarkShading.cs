namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// The skin's light under a red mark, given back to a patch heal. Redness (blood) takes green and blue away and hardly any
/// red, so the red channel under an acne mark still holds the skin's own light (a cheek's highlight under the mark), which
/// a patch loses: its low band is a membrane from the heal's rim. Where red was lighter in the photo than in the patch
/// (low band), that much light is added to all three channels alike, as a highlight's sheen adds the light's own colour
/// (scaling the channels by red's gain instead, as diffuse shading would: 71.5 % of the bench's per-spot visibility
/// removed against 71.8 %). Only light: where red was darker, that is the mark's own small red dip, or hair or a shadow
/// the patch rightly left out.
/// </summary>
public sealed class MarkShading
{
    private readonly float _cx, _cy, _hole, _outer, _sigma;
    private readonly int _x0, _y0, _width, _height;
    private readonly float[] _red;

    private MarkShading(float cx, float cy, float hole, float outer, float sigma, int x0, int y0, int width, int height, float[] red)
    {
        _cx = cx; _cy = cy; _hole = hole; _outer = outer; _sigma = sigma;
        _x0 = x0; _y0 = y0; _width = width; _height = height; _red = red;
    }

    /// <summary>
    /// Red in the photo before the patch, around a heal at (<paramref name="cx"/>, <paramref name="cy"/>) of
    /// <paramref name="hole"/> pixels fading out to <paramref name="outer"/>; its low band is taken at
    /// <paramref name="sigma"/> pixels. Only the disk's box and the blur's reach past it are kept, not the patch's whole window.
    /// </summary>
    public static MarkShading Before(PlanarImage rgb, float cx, float cy, float hole, float outer, float sigma)
    {
        int reach = (int)MathF.Ceiling(outer + 3 * sigma) + 1;
        int x0 = Math.Max(0, (int)MathF.Floor(cx) - reach), y0 = Math.Max(0, (int)MathF.Floor(cy) - reach);
        int w = Math.Max(0, Math.Min(rgb.Width, (int)MathF.Floor(cx) + reach + 1) - x0);
        int h = Math.Max(0, Math.Min(rgb.Height, (int)MathF.Floor(cy) + reach + 1) - y0);
        var red = new float[w * h];
        for (int j = 0; j < h; j++) rgb.Row(0, y0 + j).Slice(x0, w).CopyTo(red.AsSpan(j * w, w));
        return new MarkShading(cx, cy, hole, outer, sigma, x0, y0, w, h, red);
    }

    /// <summary>
    /// Adds to <paramref name="patched"/> (the same pixels after the patch, in place, all three channels) the positive part
    /// of the low band (Gaussian, normalised within the disk) of red before the patch minus red after it, inside the disk,
    /// faded in from the outer radius to the hole (as the patch is) and scaled by <paramref name="gate"/>.
    /// </summary>
    public void Restore(PlanarImage patched, PlanarImage gate)
    {
        int w = _width, h = _height;
        if (w == 0 || h == 0) return;
        var difference = new float[w * h];
        var inDisk = new float[w * h];
        var weight = new float[w * h];
        for (int j = 0; j < h; j++)
            for (int i = 0; i < w; i++)
            {
                int x = _x0 + i, y = _y0 + j;
                float d = MathF.Sqrt((x - _cx) * (x - _cx) + (y - _cy) * (y - _cy));
                if (d > _outer) continue;
                int k = j * w + i;
                inDisk[k] = 1;
                difference[k] = _red[k] - patched[0, x, y];
                float t = Math.Clamp((_outer - d) / MathF.Max(1e-3f, _outer - _hole), 0, 1);
                weight[k] = t * t * (3 - 2 * t) * Math.Clamp(gate[0, x, y], 0, 1);
            }
        // Normalised within the disk, so the disk's edge does not pull the low band to zero.
        GaussianFeather.Blur(difference, w, h, _sigma);
        GaussianFeather.Blur(inDisk, w, h, _sigma);
        for (int j = 0; j < h; j++)
            for (int i = 0; i < w; i++)
            {
                int k = j * w + i;
                if (weight[k] <= 0 || inDisk[k] < 1e-3f) continue;
                float light = difference[k] / inDisk[k];
                if (light <= 0) continue;
                for (int c = 0; c < 3; c++)
                    patched[c, _x0 + i, _y0 + j] = Math.Clamp(patched[c, _x0 + i, _y0 + j] + weight[k] * light, 0, 1);
            }
    }
}
