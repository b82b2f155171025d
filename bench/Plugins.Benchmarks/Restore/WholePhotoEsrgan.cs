using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Benchmarks.Restore;

/// <summary>
/// Real-ESRGAN x4fast applied to the photo as a whole, without alignment, routing or paste: the degraded photo is
/// box-averaged down by d (the set's factor clamped to 2–4: the scale the degradation left, never below half size
/// because a full-size input costs 16× a quarter-size one), run through the network in 96 px tiles with 8 px of
/// context each side, and the ×4 output resized to the photo's size (our Resampler: linear, area-like when shrinking). Only the tiles over the faces' region
/// are run (the metrics are taken there; a tile's output depends only on its own padded input, so the pixels there
/// are what a run over the whole photo gives); the rest stays the degraded photo.
/// </summary>
internal sealed class WholePhotoEsrgan(RealEsrganNetwork network)
{
    private const int Tile = 96, Context = 8;

    public static int InputFactor(int setFactor) => Math.Clamp(setFactor, 2, 4);

    public PlanarImage Apply(PlanarImage degraded, int setFactor, PixelRect region)
    {
        int d = InputFactor(setFactor);
        var low = Resample.AreaDownsample(degraded, degraded.Width / d, degraded.Height / d);
        double sx = (double)degraded.Width / low.Width, sy = (double)degraded.Height / low.Height;
        // The region in low-resolution pixels, widened to whole pixels.
        int lx0 = Math.Max(0, (int)Math.Floor(region.X / sx)), ly0 = Math.Max(0, (int)Math.Floor(region.Y / sy));
        int lx1 = Math.Min(low.Width, (int)Math.Ceiling((region.X + region.Width) / sx)), ly1 = Math.Min(low.Height, (int)Math.Ceiling((region.Y + region.Height) / sy));
        var sr = new PlanarImage(4 * (lx1 - lx0), 4 * (ly1 - ly0), 3);
        for (int ty = ly0; ty < ly1; ty += Tile)
            for (int tx = lx0; tx < lx1; tx += Tile)
            {
                int cw = Math.Min(Tile, lx1 - tx), ch = Math.Min(Tile, ly1 - ty);
                int px0 = Math.Max(0, tx - Context), py0 = Math.Max(0, ty - Context);
                int px1 = Math.Min(low.Width, tx + cw + Context), py1 = Math.Min(low.Height, ty + ch + Context);
                var output = network.Restore(low.Crop(px0, py0, px1 - px0, py1 - py0), default);
                sr.Paste(output.Crop(4 * (tx - px0), 4 * (ty - py0), 4 * cw, 4 * ch), 4 * (tx - lx0), 4 * (ty - ly0));
            }
        // Back to the photo's pixels: the low region [lx0, lx1) covers photo [lx0·sx, lx1·sx).
        int x0 = (int)Math.Round(lx0 * sx), y0 = (int)Math.Round(ly0 * sy);
        int x1 = Math.Min(degraded.Width, (int)Math.Round(lx1 * sx)), y1 = Math.Min(degraded.Height, (int)Math.Round(ly1 * sy));
        var result = degraded.Clone();
        result.Paste(Resampler.Resize(sr, x1 - x0, y1 - y0), x0, y0);
        return result;
    }
}
