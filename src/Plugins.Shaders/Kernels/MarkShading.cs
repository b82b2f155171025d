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
public static class MarkShading
{
    /// <summary>
    /// Adds to <paramref name="patched"/> (in place, all three channels) the positive part of the low band (Gaussian,
    /// <paramref name="sigma"/> pixels, normalised within the disk) of R(<paramref name="original"/>) −
    /// R(<paramref name="patched"/>) inside the disk of <paramref name="outer"/> pixels around (<paramref name="cx"/>,
    /// <paramref name="cy"/>), faded in from <paramref name="outer"/> to <paramref name="hole"/> (as the patch is) and scaled
    /// by <paramref name="gate"/>. <paramref name="original"/> is the window as it was before the patch.
    /// </summary>
    public static void Restore(PlanarImage patched, PlanarImage original, PlanarImage gate, float cx, float cy, float hole, float outer, float sigma)
    {
        // Only the disk's box (and the blur's reach past it, which stays zero) is worked on, not the patch's whole window.
        int reach = (int)MathF.Ceiling(outer + 3 * sigma) + 1;
        int x0 = Math.Max(0, (int)MathF.Floor(cx) - reach), y0 = Math.Max(0, (int)MathF.Floor(cy) - reach);
        int w = Math.Min(patched.Width, (int)MathF.Floor(cx) + reach + 1) - x0, h = Math.Min(patched.Height, (int)MathF.Floor(cy) + reach + 1) - y0;
        if (w <= 0 || h <= 0) return;
        var difference = new float[w * h];
        var inDisk = new float[w * h];
        var weight = new float[w * h];
        for (int j = 0; j < h; j++)
            for (int i = 0; i < w; i++)
            {
                int x = x0 + i, y = y0 + j;
                float d = MathF.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                if (d > outer) continue;
                int k = j * w + i;
                inDisk[k] = 1;
                difference[k] = original[0, x, y] - patched[0, x, y];
                float t = Math.Clamp((outer - d) / MathF.Max(1e-3f, outer - hole), 0, 1);
                weight[k] = t * t * (3 - 2 * t) * Math.Clamp(gate[0, x, y], 0, 1);
            }
        // Normalised within the disk, so the disk's edge does not pull the low band to zero.
        GaussianFeather.Blur(difference, w, h, sigma);
        GaussianFeather.Blur(inDisk, w, h, sigma);
        for (int j = 0; j < h; j++)
            for (int i = 0; i < w; i++)
            {
                int k = j * w + i;
                if (weight[k] <= 0 || inDisk[k] < 1e-3f) continue;
                float light = difference[k] / inDisk[k];
                if (light <= 0) continue;
                for (int c = 0; c < 3; c++)
                    patched[c, x0 + i, y0 + j] = Math.Clamp(patched[c, x0 + i, y0 + j] + weight[k] * light, 0, 1);
            }
    }
}
