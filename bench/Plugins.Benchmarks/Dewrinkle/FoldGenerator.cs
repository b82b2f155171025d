using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;

namespace RetouchPlugins.Benchmarks.Dewrinkle;

/// <summary>
/// Paints shading folds over the real fabric of a photo, with a fixed seed. A fold is a multiplicative ridge
/// in linear light along a slightly bent line, tapered at both ends: a dark valley (Gaussian across, sigma
/// 0.4-1.6 % of the person's height) and, on some, a lit crest beside it. Its depth is chosen so that it is
/// visible on the cloth it lies on: the valley's centre is 10-28 sRGB levels darker than the clean cloth there
/// (a luminance ratio of 0.3-0.9; a fixed ratio would move a few levels on dark cloth and be invisible, while
/// real folds on dark cloth are seen). Before the folds, a
/// printed patch (two-colour diagonal stripes, multiplied into the fabric so its weave runs through) and a
/// seam (a thin dark stitched line) are printed into the garment: they are part of the reference and must
/// survive. Everything is confined to the garment's solid interior, so nothing outside the mask changes.
/// </summary>
public sealed class FoldGenerator(int seed)
{
    public static readonly float[] WidthShares = [0.004f, 0.007f, 0.011f, 0.016f];

    public FoldSet Paint(PlanarImage clean, PlanarImage garment, float personHeight, int imageIndex = 0)
    {
        PlaneMath.RequireRgb(clean);
        var random = new Random(unchecked(seed * 1_000_003 + imageIndex));
        var solid = Solid(garment, personHeight);
        var reference = clean.Clone();
        var patternEdges = new PlanarImage(clean.Width, clean.Height, 1);
        PrintPattern(reference, solid, patternEdges, personHeight, random);
        PrintSeam(reference, solid, patternEdges, personHeight, random);

        var folds = PlaceFolds(solid, ClothLevels(reference, personHeight), personHeight, random);
        var logShade = new float[clean.PlaneSize];
        var overlaps = new PlanarImage(clean.Width, clean.Height, 1);
        foreach (var f in folds) Draw(logShade, overlaps.Data, clean.Width, clean.Height, f);
        var folded = reference.Clone();
        int n = clean.PlaneSize;
        for (int i = 0; i < n; i++)
        {
            float k = MathF.Exp(logShade[i] * solid.Data[i]);
            if (k == 1) continue;
            for (int c = 0; c < 3; c++)
                folded.Data[c * n + i] = Math.Clamp(Oklab.LinearToSrgb(Oklab.SrgbToLinear(reference.Data[c * n + i]) * k), 0f, 1f);
        }
        folded = PlaneMath.Quantize8(folded);
        var foldMask = Changed(reference, folded, 1.5f / 255);
        var shade = new PlanarImage(clean.Width, clean.Height, 1);
        for (int i = 0; i < n; i++) shade.Data[i] = logShade[i] * solid.Data[i];
        return new FoldSet(reference, folded, foldMask, patternEdges, garment, folds, personHeight, shade, overlaps);
    }

    /// <summary>Where the garment is solid (mask above 0.9 after a blur of 1 % Hp): folds and prints stay off its soft rim.</summary>
    private static PlanarImage Solid(PlanarImage garment, float hp)
    {
        var blurred = GaussianBlur.Apply(garment, MathF.Max(1, 0.01f * hp));
        var solid = new PlanarImage(garment.Width, garment.Height, 1);
        for (int i = 0; i < solid.Data.Length; i++)
            solid.Data[i] = garment.Data[i] >= 0.999f ? Math.Clamp((blurred.Data[i] - 0.9f) / 0.09f, 0f, 1f) : 0f;
        return solid;
    }

    /// <summary>The cloth's sRGB luma (0..1) blurred over 1 % Hp: the level a fold is made visible against.</summary>
    private static PlanarImage ClothLevels(PlanarImage image, float hp)
    {
        var luma = new PlanarImage(image.Width, image.Height, 1);
        int n = image.PlaneSize;
        for (int i = 0; i < n; i++) luma.Data[i] = 0.2126f * image.Data[i] + 0.7152f * image.Data[n + i] + 0.0722f * image.Data[2 * n + i];
        return GaussianBlur.Apply(luma, MathF.Max(1, 0.01f * hp));
    }

    /// <summary>The log-luminance depth that darkens cloth of sRGB level <paramref name="level"/> by <paramref name="levels"/> (8-bit), held to a ratio of 0.3-0.9.</summary>
    public static float VisibleDepth(float level, float levels)
    {
        float darker = MathF.Max(0, level - levels / 255f);
        float ratio = Oklab.SrgbToLinear(darker) / MathF.Max(1e-4f, Oklab.SrgbToLinear(level));
        return -MathF.Log(Math.Clamp(ratio, 0.3f, 0.9f));
    }

    private static List<PaintedFold> PlaceFolds(PlanarImage solid, PlanarImage levels, float hp, Random random)
    {
        long area = solid.Data.Count(v => v >= 1f);
        int count = (int)Math.Clamp(area / (0.07 * hp * 0.07 * hp), 8, 40);
        var folds = new List<PaintedFold>();
        for (int k = 0; k < count; k++)
        {
            for (int attempt = 0; attempt < 200; attempt++)
            {
                float x = random.NextSingle() * solid.Width, y = random.NextSingle() * solid.Height;
                if (solid[0, (int)x, (int)y] < 1f) continue;
                float width = WidthShares[random.Next(WidthShares.Length)] * hp;
                float depth = VisibleDepth(levels[0, (int)x, (int)y], 10 + 18 * random.NextSingle());
                folds.Add(new PaintedFold(x, y, random.NextSingle() * MathF.PI, hp * (0.08f + 0.12f * random.NextSingle()), width,
                    depth, random.NextSingle() < 0.4f, (random.NextSingle() - 0.5f) * 0.6f));
                break;
            }
        }
        return folds;
    }

    /// <summary>
    /// Adds the fold's log-luminance profile: -depth G(u) (+ depth/2 G(u - 2.2 sigma) for a crest), tapered along its length,
    /// and counts the fold in <paramref name="overlaps"/> where its own shade reaches <see cref="DewrinkleMetrics.SupportShade"/>.
    /// </summary>
    private static void Draw(float[] logShade, float[] overlaps, int width, int height, PaintedFold f)
    {
        float reach = f.Length / 2 + 5 * f.Width;
        int x0 = Math.Max(0, (int)(f.X - reach)), x1 = Math.Min(width - 1, (int)(f.X + reach));
        int y0 = Math.Max(0, (int)(f.Y - reach)), y1 = Math.Min(height - 1, (int)(f.Y + reach));
        float cos = MathF.Cos(f.Angle), sin = MathF.Sin(f.Angle), half = f.Length / 2;
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                float dx = x - f.X, dy = y - f.Y;
                float t = dx * cos + dy * sin;                  // along the fold
                if (MathF.Abs(t) > half) continue;
                float s = t / half;
                float u = -dx * sin + dy * cos - f.Bend * f.Length * 0.25f * s * s; // across, bent
                float taper = MathF.Pow(MathF.Cos(0.5f * MathF.PI * s), 2);
                float profile = -f.Depth * Gauss(u, f.Width);
                if (f.Crest) profile += 0.5f * f.Depth * Gauss(u - 2.2f * f.Width, f.Width);
                logShade[y * width + x] += taper * profile;
                if (MathF.Abs(taper * profile) >= DewrinkleMetrics.SupportShade) overlaps[y * width + x]++;
            }
    }

    private static float Gauss(float u, float sigma) => MathF.Exp(-u * u / (2 * sigma * sigma));

    /// <summary>A square of diagonal two-colour stripes (period 1.5 % Hp) where the garment is solid for the whole patch.</summary>
    private static void PrintPattern(PlanarImage image, PlanarImage solid, PlanarImage edges, float hp, Random random)
    {
        int size = (int)(0.06f * hp);
        if (!FindSolidSquare(solid, size, random, out int px, out int py)) return;
        float period = 0.015f * hp;
        (float R, float G, float B)[] inks = [(0.78f, 0.16f, 0.18f), (0.12f, 0.2f, 0.55f)];
        float mean = MeanLuminance(image, px, py, size);
        int n = image.PlaneSize;
        for (int y = py; y < py + size; y++)
            for (int x = px; x < px + size; x++)
            {
                int stripe = (int)MathF.Floor((x + y) / period) & 1;
                int i = y * image.Width + x;
                var ink = inks[stripe];
                // The fabric's own variation (weave, shading) runs through the ink, as a luminance ratio held to
                // [0.6, 1.4] (on near-black cloth a per-channel ratio would be noise).
                float lum = 0.2126f * Oklab.SrgbToLinear(image.Data[i]) + 0.7152f * Oklab.SrgbToLinear(image.Data[n + i]) + 0.0722f * Oklab.SrgbToLinear(image.Data[2 * n + i]);
                float ratio = Math.Clamp(lum / MathF.Max(1e-3f, mean), 0.6f, 1.4f);
                image.Data[i] = Math.Clamp(Oklab.LinearToSrgb(Oklab.SrgbToLinear(ink.R) * ratio), 0, 1);
                image.Data[n + i] = Math.Clamp(Oklab.LinearToSrgb(Oklab.SrgbToLinear(ink.G) * ratio), 0, 1);
                image.Data[2 * n + i] = Math.Clamp(Oklab.LinearToSrgb(Oklab.SrgbToLinear(ink.B) * ratio), 0, 1);
                float phase = (x + y) / period - MathF.Floor((x + y) / period);
                bool edge = phase * period < 2.5f || (1 - phase) * period < 2.5f || x - px < 3 || px + size - 1 - x < 3 || y - py < 3 || py + size - 1 - y < 3;
                if (edge) edges.Data[i] = 1;
            }
    }

    /// <summary>A straight seam (0.2 % Hp wide, 35 % darker, stitches every 0.6 % Hp) across a solid stretch of the garment.</summary>
    private static void PrintSeam(PlanarImage image, PlanarImage solid, PlanarImage edges, float hp, Random random)
    {
        int length = (int)(0.15f * hp);
        if (!FindSolidSquare(solid, length, random, out int px, out int py)) return;
        float halfWidth = MathF.Max(1f, 0.001f * hp), stitch = 0.006f * hp;
        int n = image.PlaneSize;
        bool vertical = random.Next(2) == 0;
        for (int a = 0; a < length; a++)
            for (int b = -(int)MathF.Ceiling(3 * halfWidth); b <= (int)MathF.Ceiling(3 * halfWidth); b++)
            {
                int x = vertical ? px + length / 2 + b : px + a, y = vertical ? py + a : py + length / 2 + b;
                float across = MathF.Abs(b) <= halfWidth ? 1 : 0;
                float stitchDark = MathF.Abs(b) <= 2 * halfWidth && (a % (int)MathF.Max(2, stitch)) < stitch / 2 ? 0.5f : 0;
                float k = MathF.Max(across * 0.35f, stitchDark * 0.3f);
                if (k == 0) continue;
                int i = y * image.Width + x;
                for (int c = 0; c < 3; c++) image.Data[c * n + i] *= 1 - k;
                edges.Data[i] = 1;
            }
    }

    private static bool FindSolidSquare(PlanarImage solid, int size, Random random, out int x, out int y)
    {
        for (int attempt = 0; attempt < 4000; attempt++)
        {
            x = random.Next(Math.Max(1, solid.Width - size)); y = random.Next(Math.Max(1, solid.Height - size));
            if (x + size >= solid.Width || y + size >= solid.Height) continue;
            bool ok = true;
            for (int yy = y; yy < y + size && ok; yy += 4)
                for (int xx = x; xx < x + size; xx += 4)
                    if (solid[0, xx, yy] < 1f) { ok = false; break; }
            if (ok) return true;
        }
        x = y = 0;
        return false;
    }

    /// <summary>Mean linear luminance of the square.</summary>
    private static float MeanLuminance(PlanarImage image, int x0, int y0, int size)
    {
        double sum = 0; int n = image.PlaneSize, count = 0;
        for (int y = y0; y < y0 + size; y++)
            for (int x = x0; x < x0 + size; x++)
            {
                int i = y * image.Width + x;
                sum += 0.2126 * Oklab.SrgbToLinear(image.Data[i]) + 0.7152 * Oklab.SrgbToLinear(image.Data[n + i]) + 0.0722 * Oklab.SrgbToLinear(image.Data[2 * n + i]);
                count++;
            }
        return (float)(sum / count);
    }

    private static PlanarImage Changed(PlanarImage a, PlanarImage b, float threshold)
    {
        var mask = new PlanarImage(a.Width, a.Height, 1);
        int n = a.PlaneSize;
        for (int i = 0; i < n; i++)
            for (int c = 0; c < 3; c++)
                if (MathF.Abs(a.Data[c * n + i] - b.Data[c * n + i]) > threshold) { mask.Data[i] = 1; break; }
        return mask;
    }
}
