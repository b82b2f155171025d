using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// One try at healing a spot at full resolution: a window of the photo just large enough for the healing brush's
/// patch search around a hole of the given radius, copied out and healed (the photo itself is not touched), with the
/// heal's check (<see cref="HealCheck"/>) against the spot as it was.
/// </summary>
internal sealed record HealAttempt(PixelRect Window, PlanarImage Pixels, PlanarImage Healed, HealCheck Before, HealCheck After, float Shows)
{
    /// <summary>
    /// Heals a copy of the window around <paramref name="spot"/> (rectangle pixels) with patch <paramref name="choice"/>;
    /// null when the window is empty. The source mask comes from the working size (nearest sample), the gate from the
    /// analysis' full-resolution face skin. <paramref name="before"/> null: measured here, on this window's pixels.
    /// </summary>
    public static HealAttempt? Run(PlanarImage image, PlanarImage faceSkin, PlanarImage lowSource, PixelRect rect,
        float sx, float sy, PlanarImage healedRect, Blemish spot, float hole, int choice, HealCheck? before, PatchRanking? ranking = null)
    {
        int reach = (int)MathF.Ceiling(5 * HealingBrush.OuterRadius(hole)) + 5;
        int x0 = Math.Max(0, (int)MathF.Floor(spot.X) - reach), y0 = Math.Max(0, (int)MathF.Floor(spot.Y) - reach);
        int x1 = Math.Min(rect.Width, (int)MathF.Ceiling(spot.X) + reach + 1), y1 = Math.Min(rect.Height, (int)MathF.Ceiling(spot.Y) + reach + 1);
        if (x1 <= x0 || y1 <= y0) return null;
        var window = new PixelRect(rect.X + x0, rect.Y + y0, x1 - x0, y1 - y0);
        var pixels = window.RgbCrop(image);
        var source = new PlanarImage(window.Width, window.Height, 1);
        var gate = new PlanarImage(window.Width, window.Height, 1);
        for (int y = 0; y < window.Height; y++)
        {
            int ly = Math.Min(lowSource.Height - 1, (int)((y0 + y + 0.5f) * sy));
            var skinRow = faceSkin.Row(0, window.Y + y).Slice(window.X, window.Width);
            for (int x = 0; x < window.Width; x++)
            {
                int lx = Math.Min(lowSource.Width - 1, (int)((x0 + x + 0.5f) * sx));
                source.Data[y * window.Width + x] = lowSource.Data[ly * lowSource.Width + lx];
                gate.Data[y * window.Width + x] = Math.Clamp(skinRow[x] * 4, 0, 1);
            }
        }
        float cx = spot.X - x0, cy = spot.Y - y0;
        var spotBefore = before ?? HealCheck.Measure(pixels, cx, cy, hole);
        var healed = healedRect.Crop(x0, y0, window.Width, window.Height);
        HealingBrush.Heal(pixels, source, gate, healed, cx, cy, hole, choice, ranking);
        var after = HealCheck.Measure(pixels, cx, cy, hole);
        return new HealAttempt(window, pixels, healed, spotBefore, after, after.Shows(spotBefore));
    }
}
