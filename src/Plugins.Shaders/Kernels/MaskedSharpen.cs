namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Unsharp masking of one plane with a per-pixel amount and coring: detail d = Y − blur(Y), out = Y + k·w·d·c(|d|),
/// with c rising smoothly from 0 at |d| = coring to 1 at 2·coring, so noise below the coring level is not
/// amplified while edges (eyes, brows, the lip line) are.
/// </summary>
public static class MaskedSharpen
{
    public static PlanarImage Apply(PlanarImage plane, PlanarImage amount, float sigma, float coring)
    {
        if (plane.Channels != 1 || amount.Channels != 1 || amount.Width != plane.Width || amount.Height != plane.Height)
            throw new ArgumentException("sharpening takes one plane and an amount plane of the same size");
        var blurred = SmoothBlur.Apply(plane, SmoothBlur.RadiusForSigma(sigma));
        var result = new PlanarImage(plane.Width, plane.Height, 1);
        for (int i = 0; i < result.Data.Length; i++)
        {
            float d = plane.Data[i] - blurred.Data[i];
            float core = coring <= 0 ? 1 : Math.Clamp((MathF.Abs(d) - coring) / coring, 0, 1);
            core = core * core * (3 - 2 * core);
            result.Data[i] = plane.Data[i] + amount.Data[i] * d * core;
        }
        return result;
    }
}
