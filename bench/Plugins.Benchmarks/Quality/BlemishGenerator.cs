using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>
/// Paints synthetic blemishes into the face skin of a real photo with a fixed seed: brownish dark spots
/// (Gaussian profile, a third of them faint), red acne bumps with a soft halo, and low-frequency redness patches.
/// Sizes follow each face's size. Five spots per face go where masks tend to stop (under the hairline, above the
/// chin, inside the jaw line), placed by the photo's own skin colour (<see cref="FaceZones"/>); the rest stay
/// where the face-skin mask is solid. None touches eyes, brows, lips or hair.
/// Every change is multiplicative, so the photo's own pore texture runs through the blemish as on real skin.
/// </summary>
public sealed class BlemishGenerator
{
    /// <summary>Faces smaller than this (pixels) get no blemishes: a 2 px spot would cover a pore-less blur.</summary>
    public const float MinFaceSize = 60;

    /// <summary>A change of more than this (8 levels of 255) in some channel is the visible core of a spot.</summary>
    public const float VisibleChange = 8f / 255;

    public int DarkSpotsPerFace { get; init; } = 6;
    public int AcnePerFace { get; init; } = 5;
    public int PatchesPerFace { get; init; } = 2;

    private readonly int _seed;

    public BlemishGenerator(int seed) => _seed = seed;

    public BlemishSet Paint(PlanarImage clean, PortraitAnalysis analysis, int imageIndex = 0)
    {
        PlaneMath.RequireRgb(clean);
        if (clean.Width != analysis.Width || clean.Height != analysis.Height)
            throw new ArgumentException($"analysis is for {analysis.Width}x{analysis.Height}, the photo is {clean.Width}x{clean.Height}");
        // Not HashCode.Combine: that is randomized per process, and the set must be the same in every run.
        var random = new Random(unchecked(_seed * 1_000_003 + imageIndex));
        // Spots anywhere on the face go where the mesh's own face skin is solid, not the analysis' (grown) mask: the set
        // then stays the same when the analysis' coverage changes, and the zone spots test what it reaches.
        var skin = MeshSkin(analysis);
        var blemishes = new List<PaintedBlemish>();
        foreach (var face in analysis.Faces)
        {
            if (face.Box.Size < MinFaceSize) continue;
            PlaceSpots(random, face.Box, skin, FaceZones.For(clean, analysis, face), blemishes);
            PlacePatches(random, face.Box, skin, blemishes);
        }

        var spotted = clean.Clone();
        foreach (var b in blemishes.Where(b => b.Kind != BlemishKind.Redness)) Draw(spotted, skin, b);
        var painted = spotted.Clone();
        foreach (var b in blemishes.Where(b => b.Kind == BlemishKind.Redness)) Draw(painted, skin, b);

        var spotMask = ChangedPixels(clean, spotted, 1f / 255);
        var spotCores = ChangedPixels(clean, spotted, VisibleChange);
        var rednessMask = ChangedPixels(spotted, painted, 1f / 255);
        var cleanSkin = CleanSkin(analysis.FaceSkinMask, spotMask);
        return new BlemishSet(clean, PlaneMath.Quantize8(painted), spotMask, spotCores, rednessMask, cleanSkin, blemishes);
    }

    /// <summary>
    /// The zone of the i-th spot of a face: the first ones go under the hairline, above the chin and inside the jaw
    /// line (placed from the photo itself, see <see cref="FaceZones"/>), the rest anywhere in the face-skin mask.
    /// </summary>
    /// (Even places are dark spots, odd ones acne: the chin between lip and tip holds a dark spot's small reach, not acne's halo.)
    private static readonly SpotZone[] ZoneOrder = [SpotZone.Hairline, SpotZone.Jaw, SpotZone.Chin, SpotZone.Hairline, SpotZone.Jaw];

    private void PlaceSpots(Random random, PixelBox box, PlanarImage skin, FaceZones? zones, List<PaintedBlemish> placed)
    {
        int total = DarkSpotsPerFace + AcnePerFace;
        for (int i = 0; i < total; i++)
        {
            // Kinds alternate, so each zone gets both; dark spots take the extra ones when the counts differ.
            var kind = (i % 2 == 0 && i / 2 < DarkSpotsPerFace) || i / 2 >= AcnePerFace ? BlemishKind.DarkSpot : BlemishKind.Acne;
            var zone = i < ZoneOrder.Length && zones != null ? ZoneOrder[i] : SpotZone.Face;
            // 2-8 px radius, proportional to the face (a 250 px face gets about 2.5-8 px).
            float radius = Math.Clamp(box.Size * Uniform(random, 0.010f, 0.032f), 2f, 8f);
            float reach = kind == BlemishKind.Acne ? 3.5f * radius : 1.6f * radius;
            // A third of the dark spots are faint (a retoucher still sees them on a clean skin): 0.12-0.2 against 0.25-0.45.
            float strength = kind == BlemishKind.DarkSpot
                ? (random.NextDouble() < 1.0 / 3 ? Uniform(random, 0.12f, 0.2f) : Uniform(random, 0.25f, 0.45f))
                : Uniform(random, 0.45f, 1f);
            for (int attempt = 0; attempt < 300; attempt++)
            {
                var at = zone switch
                {
                    SpotZone.Hairline => zones!.UnderHairline(Uniform(random, -0.22f, 0.22f), Uniform(random, 0.02f, 0.05f) + reach / zones.Height),
                    SpotZone.Chin => zones!.AboveChin(reach + Uniform(random, 0.01f, 0.05f) * zones.Height, Uniform(random, -0.1f, 0.1f)),
                    SpotZone.Jaw => zones!.InsideJaw(random.Next(zones.JawPoints), reach + Uniform(random, 0.02f, 0.05f) * zones.Height),
                    _ => new System.Numerics.Vector2(box.X + Uniform(random, 0, box.Width), box.Y + Uniform(random, 0, box.Height)),
                };
                if (at is not { } p) continue;
                bool solid = zone == SpotZone.Face ? SolidSkin(skin, p.X, p.Y, reach) : zones!.IsSkin(p, reach);
                if (!solid) continue;
                if (placed.Any(q => q.Kind != BlemishKind.Redness && Distance(q, p.X, p.Y) < Reach(q) + reach)) continue;
                placed.Add(new PaintedBlemish(kind, p.X, p.Y, radius, strength, zone));
                break;
            }
        }
    }

    private void PlacePatches(Random random, PixelBox box, PlanarImage skin, List<PaintedBlemish> placed)
    {
        for (int i = 0; i < PatchesPerFace; i++)
        {
            float radius = box.Size * Uniform(random, 0.07f, 0.12f);
            for (int attempt = 0; attempt < 300; attempt++)
            {
                float x = box.X + Uniform(random, 0, box.Width), y = box.Y + Uniform(random, 0, box.Height);
                if (!SolidSkin(skin, x, y, 0.5f * radius)) continue;
                placed.Add(new PaintedBlemish(BlemishKind.Redness, x, y, radius, Uniform(random, 0.06f, 0.12f), SpotZone.Face));
                break;
            }
        }
    }

    /// <summary>A copy of <paramref name="photo"/> with the one blemish painted at full weight (no skin mask), as the set paints it.</summary>
    public static PlanarImage PaintOne(PlanarImage photo, PaintedBlemish b)
    {
        var image = photo.Clone();
        Draw(image, null, b);
        return image;
    }

    /// <summary>Multiplies the blemish's colour change into the photo, weighted by the skin mask (none: full weight).</summary>
    private static void Draw(PlanarImage image, PlanarImage? skin, PaintedBlemish b)
    {
        float sigma = b.Kind == BlemishKind.Redness ? b.Radius : b.Radius / 2;
        float extent = b.Kind == BlemishKind.Acne ? 3 * 2.5f * sigma : 3 * sigma;
        int x0 = Math.Max(0, (int)(b.X - extent)), x1 = Math.Min(image.Width - 1, (int)(b.X + extent) + 1);
        int y0 = Math.Max(0, (int)(b.Y - extent)), y1 = Math.Min(image.Height - 1, (int)(b.Y + extent) + 1);
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                float dx = x - b.X, dy = y - b.Y, d2 = dx * dx + dy * dy;
                // Zone spots were placed on skin by the photo's own colour, which the mask may not reach: drawn at full weight.
                float weight = b.Zone == SpotZone.Face && skin is not null ? skin[0, x, y] : 1;
                float core = MathF.Exp(-d2 / (2 * sigma * sigma)) * b.Strength * weight;
                (float r, float g, float bl) = b.Kind switch
                {
                    // Brown: blue darkens most, red least.
                    BlemishKind.DarkSpot => (1 - 0.60f * core, 1 - 0.80f * core, 1 - 0.95f * core),
                    // Red bump: green and blue drop in the core, a weaker and wider halo around it.
                    BlemishKind.Acne => Acne(core, MathF.Exp(-d2 / (2 * 6.25f * sigma * sigma)) * b.Strength * weight),
                    _ => (1 + 0.15f * core, 1 - core, 1 - 0.8f * core),
                };
                image[0, x, y] = Math.Min(1, image[0, x, y] * r);
                image[1, x, y] *= g;
                image[2, x, y] *= bl;
            }
    }

    private static (float, float, float) Acne(float core, float halo)
    {
        float red = 0.35f * core + 0.12f * halo;
        return (1 - 0.05f * core, 1 - red, 1 - 0.85f * red);
    }

    private static PlanarImage MeshSkin(PortraitAnalysis analysis)
    {
        // Without meshes (a hand-drawn analysis) the analysis' own mask is all there is.
        if (analysis.Faces.Any(f => f.Mesh is null)) return analysis.FaceSkinMask;
        var skin = new PlanarImage(analysis.Width, analysis.Height, 1);
        foreach (var face in analysis.Faces)
            if (face.Mesh is { } mesh) new FaceRegions(mesh).AddTo(skin, FaceRegion.Skin);
        if (analysis.PersonMask is { } person)
            for (int i = 0; i < skin.Data.Length; i++) if (person.Data[i] < 0.5f) skin.Data[i] = 0;
        return skin;
    }

    private static PlanarImage ChangedPixels(PlanarImage before, PlanarImage after, float threshold)
    {
        var mask = new PlanarImage(before.Width, before.Height, 1);
        var m = mask.Data;
        for (int c = 0; c < 3; c++)
        {
            var a = before.Plane(c); var b = after.Plane(c);
            for (int i = 0; i < m.Length; i++) if (Math.Abs(a[i] - b[i]) > threshold) m[i] = 1;
        }
        return mask;
    }

    private static PlanarImage CleanSkin(PlanarImage skin, PlanarImage spotMask)
    {
        var nearSpots = PlaneMath.Dilate(spotMask, 3);
        var clean = new PlanarImage(skin.Width, skin.Height, 1);
        var s = skin.Data; var n = nearSpots.Data; var c = clean.Data;
        for (int i = 0; i < c.Length; i++) c[i] = s[i] >= 0.5f && n[i] < 0.5f ? 1 : 0;
        return clean;
    }

    private static bool SolidSkin(PlanarImage skin, float x, float y, float reach)
    {
        for (int k = 0; k < 9; k++)
        {
            float px = k == 8 ? x : x + reach * MathF.Cos(k * MathF.PI / 4), py = k == 8 ? y : y + reach * MathF.Sin(k * MathF.PI / 4);
            int ix = (int)MathF.Round(px), iy = (int)MathF.Round(py);
            if (ix < 0 || iy < 0 || ix >= skin.Width || iy >= skin.Height || skin[0, ix, iy] < 0.9f) return false;
        }
        return true;
    }

    private static float Reach(PaintedBlemish b) => b.Kind == BlemishKind.Acne ? 3.5f * b.Radius : 1.6f * b.Radius;
    private static float Distance(PaintedBlemish b, float x, float y) => MathF.Sqrt((b.X - x) * (b.X - x) + (b.Y - y) * (b.Y - y));
    private static float Uniform(Random r, float lo, float hi) => lo + (float)r.NextDouble() * (hi - lo);
}
