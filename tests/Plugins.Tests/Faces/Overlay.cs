using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests.Faces;

/// <summary>Drawing on RGB images for overlays that a person looks at: tinted masks, dots, small numbers.</summary>
internal static class Overlay
{
    public static string Folder
    {
        get
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "overlays", "faces");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>Blends <paramref name="color"/> into the image where the mask is, by mask x alpha.</summary>
    public static void Tint(PlanarImage rgb, PlanarImage mask, (float R, float G, float B) color, float alpha = 0.5f)
    {
        float[] c = [color.R, color.G, color.B];
        for (int ch = 0; ch < 3; ch++)
        {
            var plane = rgb.Plane(ch);
            var m = mask.Plane(0);
            for (int i = 0; i < plane.Length; i++) plane[i] += (c[ch] - plane[i]) * m[i] * alpha;
        }
    }

    public static void Dot(PlanarImage rgb, float x, float y, float radius, (float R, float G, float B) color)
    {
        int r = (int)MathF.Ceiling(radius);
        for (int dy = -r; dy <= r; dy++)
            for (int dx = -r; dx <= r; dx++)
            {
                int px = (int)MathF.Floor(x) + dx, py = (int)MathF.Floor(y) + dy;
                if (px < 0 || py < 0 || px >= rgb.Width || py >= rgb.Height || dx * dx + dy * dy > radius * radius) continue;
                rgb[0, px, py] = color.R; rgb[1, px, py] = color.G; rgb[2, px, py] = color.B;
            }
    }

    public static void Rectangle(PlanarImage rgb, float x, float y, float w, float h, (float R, float G, float B) color)
    {
        for (float t = 0; t <= 1; t += 1f / MathF.Max(w, h) / 2)
        {
            Dot(rgb, x + t * w, y, 1, color); Dot(rgb, x + t * w, y + h, 1, color);
            Dot(rgb, x, y + t * h, 1, color); Dot(rgb, x + w, y + t * h, 1, color);
        }
    }

    // 3x5 digits, one row per 3 bits (top row first).
    private static readonly int[][] Digits =
    [
        [7, 5, 5, 5, 7], [2, 6, 2, 2, 7], [7, 1, 7, 4, 7], [7, 1, 7, 1, 7], [5, 5, 7, 1, 1],
        [7, 4, 7, 1, 7], [7, 4, 7, 5, 7], [7, 1, 1, 1, 1], [7, 5, 7, 5, 7], [7, 5, 7, 1, 7],
    ];

    /// <summary>Writes a number with its top-left corner at (x, y), each font pixel <paramref name="size"/> image pixels.</summary>
    public static void Number(PlanarImage rgb, int x, int y, int value, int size, (float R, float G, float B) color)
    {
        var text = value.ToString();
        for (int k = 0; k < text.Length; k++)
        {
            var glyph = Digits[text[k] - '0'];
            for (int row = 0; row < 5; row++)
                for (int col = 0; col < 3; col++)
                    if ((glyph[row] >> (2 - col) & 1) != 0)
                        for (int sy = 0; sy < size; sy++)
                            for (int sx = 0; sx < size; sx++)
                            {
                                int px = x + (k * 4 + col) * size + sx, py = y + row * size + sy;
                                if (px >= 0 && py >= 0 && px < rgb.Width && py < rgb.Height)
                                { rgb[0, px, py] = color.R; rgb[1, px, py] = color.G; rgb[2, px, py] = color.B; }
                            }
        }
    }
}

internal static class OverlayCrops
{
    /// <summary>Saves the square around (cx, cy) of side <paramref name="size"/>, clipped to the image.</summary>
    public static void SaveAround(RetouchPlugins.Shaders.PlanarImage rgb, float cx, float cy, float size, string path)
    {
        int x0 = Math.Max(0, (int)(cx - size / 2)), y0 = Math.Max(0, (int)(cy - size / 2));
        int x1 = Math.Min(rgb.Width, (int)(cx + size / 2)), y1 = Math.Min(rgb.Height, (int)(cy + size / 2));
        RetouchPlugins.Shared.Imaging.ImageFile.SavePng(rgb.Crop(x0, y0, x1 - x0, y1 - y0), path);
    }
}
