using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Warp;

/// <summary>
/// The soft mask through which an aligned square crop is pasted back into a photo, by facexlib's rule:
/// the crop square warped into the photo, eroded by 1 px (its 2 × 2 erosion), then by w_edge = ⌊√area / 20⌋
/// (the 2·w_edge square erosion), then blurred with OpenCV's Gaussian of size 2·w_edge + 1 (σ = 0.3·(w_edge − 1) + 0.8).
/// The erosion is measured as the distance, in photo pixels, from a pixel's centre to the square's edge, so it
/// follows a rotated square exactly. Outside the square the mask is exactly 0.
/// </summary>
public static class FeatheredPasteMask
{
    /// <summary>
    /// The mask over <paramref name="rect"/> of the photo for a crop of <paramref name="cropSize"/> pixels whose
    /// coordinates are <paramref name="photoToCrop"/>(photo point).
    /// </summary>
    public static PlanarImage Build(AffineMap photoToCrop, int cropSize, PixelRect rect)
    {
        float photoPerCrop = 1f / photoToCrop.Scale;
        float side = cropSize * photoPerCrop;
        int wEdge = (int)(side / 20); // √area / 20 with area = side², as facexlib's integer division
        float erosion = 1 + wEdge;
        float sigma = 0.3f * (wEdge - 1) + 0.8f;
        var mask = new PlanarImage(rect.Width, rect.Height, 1);
        var inside = new bool[rect.Width * rect.Height];
        for (int y = 0; y < rect.Height; y++)
            for (int x = 0; x < rect.Width; x++)
            {
                var c = photoToCrop.Apply(new(rect.X + x + 0.5f, rect.Y + y + 0.5f));
                float edge = MathF.Min(MathF.Min(c.X, cropSize - c.X), MathF.Min(c.Y, cropSize - c.Y)) * photoPerCrop;
                inside[y * rect.Width + x] = edge >= 0;
                mask.Data[y * rect.Width + x] = edge >= erosion ? 1 : 0;
            }
        GaussianFeather.Blur(mask.Data, rect.Width, rect.Height, sigma);
        for (int i = 0; i < inside.Length; i++)
            if (!inside[i] || mask.Data[i] < 1e-4f) mask.Data[i] = 0; // nothing outside the square, no float dust
        return mask;
    }
}
