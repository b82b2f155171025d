using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// After a red mark's core is healed, what is left of its halo is lifted by chroma alone (<see cref="HaloChroma"/>), in a
/// window of the photo around the spot: the heals of the core stay small (larger ones take the skin's shading and real
/// structure), and the halo's redness goes without touching the luminance.
/// </summary>
internal static class HaloStep
{
    /// <summary>How far the lift reaches, in holes (the core's healed radius): an acne halo is about 2.5 times its core wide.</summary>
    public static float Reach => float.Parse(Environment.GetEnvironmentVariable("EXP_REACH") ?? "2.5", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The pixels the step reads and writes around a spot of hole <paramref name="hole"/>: within the heal's bounds (<see cref="HealAttempt.Bounds"/>).</summary>
    public static int Extent(float hole) => (int)MathF.Ceiling(Reach * hole + Band(hole)) + 3;

    private static float Band(float hole) => MathF.Max(2, 0.5f * hole);

    /// <summary>Lifts the halo around <paramref name="spot"/> (rectangle pixels) in <paramref name="image"/>; the gate is the full-resolution face skin.</summary>
    public static bool Run(PlanarImage image, PlanarImage faceSkin, PixelRect rect, PlanarImage healedRect, Blemish spot, float hole)
    {
        int reach = Extent(hole);
        int x0 = Math.Max(0, (int)MathF.Floor(spot.X) - reach), y0 = Math.Max(0, (int)MathF.Floor(spot.Y) - reach);
        int x1 = Math.Min(rect.Width, (int)MathF.Ceiling(spot.X) + reach + 1), y1 = Math.Min(rect.Height, (int)MathF.Ceiling(spot.Y) + reach + 1);
        if (x1 <= x0 || y1 <= y0) return false;
        var window = new PixelRect(rect.X + x0, rect.Y + y0, x1 - x0, y1 - y0);
        var pixels = window.RgbCrop(image);
        var gate = new PlanarImage(window.Width, window.Height, 1);
        for (int y = 0; y < window.Height; y++)
        {
            var skinRow = faceSkin.Row(0, window.Y + y).Slice(window.X, window.Width);
            for (int x = 0; x < window.Width; x++) gate.Data[y * window.Width + x] = Math.Clamp(skinRow[x] * 4, 0, 1);
        }
        var healed = healedRect.Crop(x0, y0, window.Width, window.Height);
        if (!HaloChroma.Lift(pixels, gate, healed, spot.X - x0, spot.Y - y0, Reach * hole, Band(hole))) return false;
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < window.Height; y++)
                pixels.Row(c, y).CopyTo(image.Row(c, window.Y + y).Slice(window.X, window.Width));
        healedRect.Paste(healed, x0, y0);
        return true;
    }
}
