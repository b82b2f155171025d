namespace RetouchPlugins.Shaders;

/// <summary>An integer rectangle in photo pixels.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;

    /// <summary>The box grown by <paramref name="factor"/> around its centre, clipped to the image.</summary>
    public static PixelRect Around(float cx, float cy, float width, float height, float factor, int imageWidth, int imageHeight)
    {
        float hw = width * factor / 2, hh = height * factor / 2;
        int x0 = Math.Clamp((int)MathF.Floor(cx - hw), 0, imageWidth - 1);
        int y0 = Math.Clamp((int)MathF.Floor(cy - hh), 0, imageHeight - 1);
        int x1 = Math.Clamp((int)MathF.Ceiling(cx + hw), x0 + 1, imageWidth);
        int y1 = Math.Clamp((int)MathF.Ceiling(cy + hh), y0 + 1, imageHeight);
        return new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>The RGB planes of this rectangle of <paramref name="image"/> (alpha, if any, left out).</summary>
    public PlanarImage RgbCrop(PlanarImage image)
    {
        var c = new PlanarImage(Width, Height, 3);
        var rect = this;
        // Rows on all cores: a garment's crop of a 24 MP photo is a few hundred MB of fresh pages.
        Kernels.RowBands.For(Height, null, (r0, r1) =>
        {
            for (int ch = 0; ch < 3; ch++)
                for (int y = r0; y < r1; y++)
                    image.Row(ch, rect.Y + y).Slice(rect.X, rect.Width).CopyTo(c.Row(ch, y));
        });
        return c;
    }
}
