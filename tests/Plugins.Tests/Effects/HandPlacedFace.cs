using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// A PortraitAnalysis for the right-hand face of testdata/sample1.jpg (1920x1280) built from
/// ellipses placed by eye on the photo (face oval tilted 20 degrees; eyes, brows, mouth, nostrils),
/// standing in for the face analyzer. Masks are soft (4 px ramps) and exactly 0 outside the oval.
/// </summary>
internal static class HandPlacedFace
{
    public const string Photo = "sample1.jpg";
    /// <summary>Crop origin the ellipses below were placed in.</summary>
    public const int OriginX = 1420, OriginY = 170;

    public static PlanarImage LoadPhoto() => ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", Photo)).Pixels;

    /// <summary>The analysis for sample1 itself.</summary>
    public static PortraitAnalysis Analysis(int width, int height) => Analysis(width, height, OriginX, OriginY, 1);

    /// <summary>
    /// The same face in an image where the 300x300 crop at (<see cref="OriginX"/>, <see cref="OriginY"/>) was
    /// placed at (ox, oy) and scaled by <paramref name="scale"/> (e.g. <see cref="LargeFace"/>).
    /// </summary>
    public static PortraitAnalysis Analysis(int width, int height, float ox, float oy, float scale)
    {
        var place = new Placement(ox, oy, scale);
        var oval = new PlanarImage(width, height, 1);
        var features = new PlanarImage(width, height, 1);
        place.Ellipse(oval, 150, 162, 84, 106, 28);
        place.Ellipse(features, 135, 108, 18, 12, 20);  // eyes
        place.Ellipse(features, 198, 161, 18, 12, 20);
        place.Ellipse(features, 140, 84, 26, 9, 20);    // brows
        place.Ellipse(features, 208, 140, 26, 9, 35);
        place.Ellipse(features, 112, 205, 34, 22, 30);  // mouth
        place.Ellipse(features, 136, 176, 16, 9, 20);   // nostrils
        var faceSkin = new PlanarImage(width, height, 1);
        for (int i = 0; i < faceSkin.Data.Length; i++)
            faceSkin.Data[i] = oval.Data[i] <= 0 ? 0 : oval.Data[i] * (1 - features.Data[i]);
        var face = new AnalyzedFace(new PixelBox(ox + 72 * scale, oy + 55 * scale, 150 * scale, 205 * scale), 0.99f,
            [place.P(135, 108), place.P(198, 161), place.P(140, 165), place.P(95, 195), place.P(140, 225)], null);
        return new PortraitAnalysis(width, height, [face], faceSkin, faceSkin.Clone(), features, null);
    }

    /// <summary>
    /// The face crop of sample1 upscaled 3x (bilinear) to 900x900: a face about 450 px wide, so the skin
    /// retouch takes the downsample-and-pyramid path (the crop is larger than the working size).
    /// </summary>
    public static PlanarImage LargeFace(PlanarImage sample1) =>
        RetouchPlugins.Shaders.Kernels.Resample.BilinearUpsample(sample1.Crop(OriginX, OriginY, 300, 300), 900, 900);

    private readonly record struct Placement(float Ox, float Oy, float Scale)
    {
        public Vector2 P(float x, float y) => new(Ox + x * Scale, Oy + y * Scale);

        /// <summary>Max-paints a soft ellipse (1 inside, a 4-pixel ramp to 0 outside) given in crop coordinates.</summary>
        public void Ellipse(PlanarImage mask, float cx, float cy, float a, float b, float degrees) =>
            HandPlacedFace.Ellipse(mask, Ox + cx * Scale, Oy + cy * Scale, a * Scale, b * Scale, degrees);
    }

    /// <summary>Max-paints a soft ellipse (1 inside, a 4-pixel ramp to 0 outside) in image coordinates.</summary>
    public static void Ellipse(PlanarImage mask, float cx, float cy, float a, float b, float degrees)
    {
        float t = degrees * MathF.PI / 180, cos = MathF.Cos(t), sin = MathF.Sin(t), ramp = 4;
        int r = (int)MathF.Ceiling(MathF.Max(a, b) + ramp);
        for (int y = (int)cy - r; y <= cy + r; y++)
            for (int x = (int)cx - r; x <= cx + r; x++)
            {
                if (x < 0 || y < 0 || x >= mask.Width || y >= mask.Height) continue;
                float dx = x - cx, dy = y - cy;
                float u = (dx * cos + dy * sin) / a, v = (-dx * sin + dy * cos) / b;
                float d = (MathF.Sqrt(u * u + v * v) - 1) * MathF.Min(a, b); // ≈ pixels outside the rim
                float value = Math.Clamp(1 - d / ramp, 0, 1);
                if (value > mask[0, x, y]) mask[0, x, y] = value;
            }
    }
}

/// <summary>Dark spots and red bumps painted into the face skin of <see cref="HandPlacedFace"/>.</summary>
internal static class SyntheticBlemishes
{
    /// <summary>(x, y) in crop coordinates, radius (Gaussian sigma in px), dark or red.</summary>
    public static readonly (float X, float Y, float Sigma, bool Dark)[] Spots =
    [
        (175, 72, 1.6f, true), (200, 98, 2.2f, false), (215, 205, 1.8f, true), (188, 228, 2.6f, false),
        (92, 150, 1.8f, false), (150, 246, 1.5f, true), (165, 128, 1.4f, true), (230, 185, 2.4f, false),
    ];

    public static PlanarImage Paint(PlanarImage clean)
    {
        var img = clean.Clone();
        foreach (var (sx, sy, sigma, dark) in Spots)
        {
            float cx = HandPlacedFace.OriginX + sx, cy = HandPlacedFace.OriginY + sy;
            int r = (int)MathF.Ceiling(3 * sigma);
            for (int y = (int)cy - r; y <= cy + r; y++)
                for (int x = (int)cx - r; x <= cx + r; x++)
                {
                    float g = MathF.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sigma * sigma));
                    if (dark)
                        for (int c = 0; c < 3; c++) img[c, x, y] *= 1 - 0.45f * g;
                    else
                    {
                        img[0, x, y] = Math.Clamp(img[0, x, y] + 0.06f * g, 0, 1);
                        img[1, x, y] *= 1 - 0.22f * g;
                        img[2, x, y] *= 1 - 0.18f * g;
                    }
                }
        }
        return img;
    }

    /// <summary>True within 2.5 sigma of a painted spot (photo pixels).</summary>
    public static bool InSpot(int x, int y, float scale = 2.5f) => Spots.Any(s =>
    {
        float dx = x - HandPlacedFace.OriginX - s.X, dy = y - HandPlacedFace.OriginY - s.Y;
        return dx * dx + dy * dy <= scale * scale * s.Sigma * s.Sigma;
    });
}
