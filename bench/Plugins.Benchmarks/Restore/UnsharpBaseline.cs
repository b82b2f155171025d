using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Benchmarks.Restore;

/// <summary>
/// The plain baselines: an unsharp mask of the whole photo (σ 1.5 px, amount 1, every channel), and the same after a
/// self-guided denoise (radius 2, ε 0.02²) — what a user does with stock filters, no alignment, no network.
/// </summary>
public static class UnsharpBaseline
{
    public static PlanarImage Unsharp(PlanarImage photo, float sigma = 1.5f, float amount = 1f)
    {
        var blurred = GaussianBlur.Apply(photo, sigma);
        var result = new PlanarImage(photo.Width, photo.Height, photo.Channels);
        for (int i = 0; i < result.Data.Length; i++) result.Data[i] = Math.Clamp(photo.Data[i] + amount * (photo.Data[i] - blurred.Data[i]), 0f, 1f);
        return result;
    }

    public static PlanarImage DenoiseThenUnsharp(PlanarImage photo) =>
        Unsharp(GuidedFilter.Apply(LumaOf(photo), photo, 2, 0.02f * 0.02f));

    private static PlanarImage LumaOf(PlanarImage photo) => PlaneMath.Luma(photo);
}
