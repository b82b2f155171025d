using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Masks;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// One face's skin likeness on a small grid over the area around it (its box grown <see cref="Growth"/>x, the face about
/// <see cref="FaceGrid.FaceSize"/> px), read at photo pixels by bilinear interpolation. A pixel is skin when it has the face's
/// chroma (<see cref="SkinColourModel"/>, fitted on the mesh's skin with hair over the forehead trimmed), and is no darker
/// than the face's shade. The grid is snapped to the photo's edges by a guided filter, so pores and
/// shading leave no pinholes. A second grid holds the skin inside the mesh's brow zone, which the feature mask keeps
/// out whole although the brow polygon often runs past the hairs.
/// </summary>
internal sealed class FaceSkinGrid
{
    /// <summary>The area judged around each face: its box grown this much (covers the neck and ears the tone changes fade into).</summary>
    private const float Growth = 2.2f;

    /// <summary>Chroma distance (Mahalanobis, a/b) up to which a pixel is fully skin, and from which it is not skin.</summary>
    private const float ChromaSkin = 2.5f, ChromaNot = 4f;

    /// <summary>How much darker (Oklab L) than the face's darkest skin is still full skin (shade under the jaw), and the ramp below it.</summary>
    private const float ShadeAllowance = 0.1f, ShadeRamp = 0.08f;

    /// <summary>The margin around the mesh's brows searched for skin the feature mask left out, as a share of the face box.</summary>
    private const float BrowMargin = 0.045f;

    /// <summary>
    /// Inside the brow zone a pixel is skin when it is no darker than the skin around the brows (median Oklab L of the
    /// face skin just outside the zone) less <see cref="BrowTolerance"/>, fading out over <see cref="BrowRamp"/> below that:
    /// brow hairs are darker than the skin beside them, however light they are against the whole face.
    /// </summary>
    private const float BrowTolerance = 0.03f, BrowRamp = 0.03f;

    private readonly int[] _left, _right;
    private readonly float[] _fraction;

    private FaceSkinGrid(PixelRect rect, PlanarImage grid, PlanarImage? brow)
    {
        Rect = rect; Grid = grid; Brow = brow;
        _left = new int[rect.Width]; _right = new int[rect.Width]; _fraction = new float[rect.Width];
        for (int x = 0; x < rect.Width; x++)
        {
            float gx = Math.Clamp((x + 0.5f) * grid.Width / rect.Width - 0.5f, 0, grid.Width - 1);
            _left[x] = (int)gx; _right[x] = Math.Min(_left[x] + 1, grid.Width - 1); _fraction[x] = gx - _left[x];
        }
    }

    public PixelRect Rect { get; }
    public PlanarImage Grid { get; }
    public PlanarImage? Brow { get; }

    /// <summary>The grid's values along photo row <paramref name="y"/> over the face's area, into <paramref name="values"/>.</summary>
    public void SampleRow(PlanarImage grid, int y, float[] gridRow, float[] values)
    {
        float gy = Math.Clamp((y - Rect.Y + 0.5f) * grid.Height / Rect.Height - 0.5f, 0, grid.Height - 1);
        int y0 = (int)gy, y1 = Math.Min(y0 + 1, grid.Height - 1);
        float fy = gy - y0;
        var upper = grid.Row(0, y0); var lower = grid.Row(0, y1);
        for (int x = 0; x < grid.Width; x++) gridRow[x] = upper[x] + fy * (lower[x] - upper[x]);
        for (int x = 0; x < Rect.Width; x++)
        {
            float a = gridRow[_left[x]];
            values[x] = Math.Clamp(a + _fraction[x] * (gridRow[_right[x]] - a), 0, 1);
        }
    }

    /// <summary>One face's grids; null when the face has too little skin to fit a model.</summary>
    public static FaceSkinGrid? Judge(PlanarImage image, PlanarImage faceSkin, PixelBox box, IReadOnlyList<Vector3>? mesh)
    {
        var rect = PixelRect.Around(box.Center.X, box.Center.Y, box.Width, box.Height, Growth, image.Width, image.Height);
        var (_, gw, gh) = FaceGrid.For(rect, box);
        var small = Resampler.Resize(image, rect.X, rect.Y, rect.Width, rect.Height, gw, gh);
        var lab = new OklabConverter().Convert(small);
        var seed = Resampler.Resize(faceSkin, rect.X, rect.Y, rect.Width, rect.Height, gw, gh);
        int n = gw * gh;
        var samples = new List<(float L, float A, float B)>();
        for (int i = 0; i < n; i++)
            if (seed.Data[i] >= 0.95f) samples.Add(At(lab, i));
        if (SkinColourModel.FitFaceSkin(samples) is not { } model) return null;

        var regions = mesh is null ? null : new FaceRegions(OnGrid(mesh, rect, gw, gh));
        var grid = new PlanarImage(gw, gh, 1);
        float dark = model.LowL - ShadeAllowance;
        for (int i = 0; i < n; i++)
        {
            var (L, A, B) = At(lab, i);
            float chroma = MaskPlanes.Step(ChromaNot, ChromaSkin, model.Distance(A, B));
            float light = MaskPlanes.Step(dark - ShadeRamp, dark, L);
            grid.Data[i] = chroma * light;
        }
        grid = ColorGuidedFilter.Apply(small, grid, radius: 2, eps: 0.02f * 0.02f);
        return new FaceSkinGrid(rect, grid, regions is null ? null : BrowSkin(small, lab, model, regions, seed, gw));
    }

    private static (float L, float A, float B) At(PlanarImage lab, int i) =>
        (lab.Data[i], lab.Data[lab.PlaneSize + i], lab.Data[2 * lab.PlaneSize + i]);

    /// <summary>The mesh in grid pixels.</summary>
    private static Vector3[] OnGrid(IReadOnlyList<Vector3> mesh, PixelRect rect, int gw, int gh)
    {
        float kx = (float)gw / rect.Width, ky = (float)gh / rect.Height;
        return mesh.Select(p => new Vector3((p.X - rect.X) * kx, (p.Y - rect.Y) * ky, 0)).ToArray();
    }

    /// <summary>The skin inside the mesh's brow zone (the brow polygon and a margin), the eyes' margin left out.</summary>
    private static PlanarImage BrowSkin(PlanarImage small, PlanarImage lab, SkinColourModel model, FaceRegions regions, PlanarImage seed, int gw)
    {
        int gh = lab.Height, n = gw * gh;
        float sigma = BrowMargin * gw / Growth;
        var zone = regions.Mask(FaceRegion.Brows, gw, gh);
        // The skin around the brows: face skin within twice the margin, outside the zone.
        var around = zone.Clone();
        MaskPlanes.Blur(around, 2 * sigma);
        MaskPlanes.Blur(zone, sigma);
        // The eyes keep the feature mask's margin (lashes, lid make-up).
        var eyes = regions.Mask(FaceRegion.Eyes, gw, gh);
        MaskPlanes.Blur(eyes, sigma);
        MaskPlanes.Grow(eyes);
        MaskPlanes.Without(zone, eyes);

        var nearby = new List<float>();
        for (int i = 0; i < n; i++)
            if (around.Data[i] >= 0.01f && zone.Data[i] < 0.005f && seed.Data[i] >= 0.95f) nearby.Add(lab.Data[i]);
        if (nearby.Count < 10) return new PlanarImage(gw, gh, 1);
        nearby.Sort();
        float reference = nearby[nearby.Count / 2] - BrowTolerance;

        var skin = new PlanarImage(gw, gh, 1);
        for (int i = 0; i < n; i++)
        {
            if (zone.Data[i] < 0.005f) continue;
            var (L, A, B) = At(lab, i);
            skin.Data[i] = MaskPlanes.Step(ChromaNot, ChromaSkin, model.Distance(A, B)) * MaskPlanes.Step(reference - BrowRamp, reference, L);
        }
        skin = ColorGuidedFilter.Apply(small, skin, radius: 1, eps: 0.02f * 0.02f);
        for (int i = 0; i < n; i++) skin.Data[i] = Math.Clamp(skin.Data[i], 0, 1) * MathF.Min(1, 8 * zone.Data[i]);
        return skin;
    }
}
