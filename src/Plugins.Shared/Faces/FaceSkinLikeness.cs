using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Masks;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// How much each pixel around a face looks like that face's own skin (1) rather than hair, brows or clothing (0).
/// The mesh's face skin is a shape: where hair falls across the face, or a fringe over the forehead, it covers hair
/// too, and a tone change that lifts lightness turns dark strands grey there. The colour model is fitted on the face
/// skin itself (<see cref="SkinColourModel"/>, hair over the forehead trimmed by lightness as in
/// <see cref="FaceSkinExtension"/>); a pixel fades out when its chroma leaves the face's (blond hair, clothing) or when
/// it is darker than the face's shade (dark hair, brows). Measured on a small grid (the face about
/// <see cref="GridFaceSize"/> px) and snapped to the photo's edges by a guided filter, so pores and shading do not leave
/// pinholes; about a millisecond per face plus the multiply at full size.
/// </summary>
internal sealed class FaceSkinLikeness
{
    private const float GridFaceSize = 160;

    /// <summary>The area judged around each face: its box grown this much (covers the neck and ears the tone changes fade into).</summary>
    private const float Growth = 2.2f;

    /// <summary>Chroma distance (Mahalanobis, a/b) up to which a pixel is fully skin, and from which it is not skin.</summary>
    private const float ChromaSkin = 2.5f, ChromaNot = 4f;

    /// <summary>How much darker (Oklab L) than the face's darkest skin is still full skin (shade under the jaw), and the ramp below it.</summary>
    private const float ShadeAllowance = 0.1f, ShadeRamp = 0.08f;

    /// <summary>The margin around the mesh's brows searched for skin the feature mask left out, as a share of the face box.</summary>
    private const float BrowMargin = 0.045f;

    /// <summary>Inside the brow zone a pixel is skin from this far above the face's darkest skin (Oklab L), not from a third of it below.</summary>
    private const float BrowRamp = 0.06f;

    private readonly List<Judged> _faces;
    private readonly int _width, _widest;

    private FaceSkinLikeness(List<Judged> faces, int width)
    {
        _faces = faces;
        _width = width;
        _widest = faces.Count == 0 ? 0 : faces.Max(f => Math.Max(f.Grid.Width, f.Rect.Width));
    }

    /// <summary>The likeness around every face of <paramref name="analysis"/> that has enough skin to fit a colour model.</summary>
    public static FaceSkinLikeness Of(PlanarImage image, PortraitAnalysis analysis)
    {
        var faces = new List<Judged>();
        foreach (var face in analysis.Faces)
            if (Judge(image, analysis.FaceSkinMask, face.Box, face.Mesh) is { } judged) faces.Add(judged);
        return new FaceSkinLikeness(faces, image.Width);
    }

    /// <summary>
    /// Keeps <paramref name="mask"/> (photo size) to the faces' own skin: around every face it is multiplied by the skin
    /// likeness (where two faces' areas overlap, by the higher of theirs) and raised to the skin found in the brow zone;
    /// pixels away from all faces keep their value. With <paramref name="trustBodySkin"/>, the analysis' body skin
    /// outside the face skin (a parsing network's, or the colour model's with its own hair test) is not taken away.
    /// </summary>
    public void Refine(PlanarImage mask, PortraitAnalysis analysis, bool trustBodySkin)
    {
        if (_faces.Count == 0) return;
        var skin = trustBodySkin ? analysis.SkinMask : null;
        var faceSkin = analysis.FaceSkinMask;
        int top = _faces.Min(f => f.Rect.Y), bottom = _faces.Max(f => f.Rect.Bottom);
        Parallel.For(top, bottom, () => new Rows(_width, _widest), (y, _, rows) =>
        {
            Sample(y, rows);
            var m = mask.Row(0, y);
            var inFace = faceSkin.Row(0, y);
            var body = skin is null ? default : skin.Row(0, y);
            for (int x = 0; x < _width; x++)
            {
                if (!rows.Covered[x]) continue;
                float keep = skin is null ? rows.Likeness[x] : MathF.Max(rows.Likeness[x], body[x] * (1 - inFace[x]));
                m[x] = MathF.Max(m[x] * keep, rows.Brow[x]);
            }
            return rows;
        }, _ => { });
    }

    /// <summary>Multiplies a weight plane covering <paramref name="rect"/> of the photo by the likeness (pixels away from all faces keep theirs).</summary>
    public void MultiplyInto(PlanarImage weight, PixelRect rect)
    {
        if (_faces.Count == 0) return;
        Parallel.For(0, rect.Height, () => new Rows(_width, _widest), (row, _, rows) =>
        {
            Sample(rect.Y + row, rows);
            var w = weight.Row(0, row);
            for (int x = 0; x < rect.Width; x++)
                if (rows.Covered[rect.X + x]) w[x] *= rows.Likeness[rect.X + x];
            return rows;
        }, _ => { });
    }

    /// <summary>The likeness over <paramref name="rect"/> of the photo on a <paramref name="width"/> x <paramref name="height"/> grid (a working copy of it); 1 away from all faces.</summary>
    public float[] Over(PixelRect rect, int width, int height)
    {
        var values = new float[width * height];
        var rows = new Rows(_width, _widest);
        for (int j = 0; j < height; j++)
        {
            int y = rect.Y + Math.Min(rect.Height - 1, (int)((j + 0.5f) * rect.Height / height));
            Sample(y, rows);
            for (int i = 0; i < width; i++)
            {
                int x = rect.X + Math.Min(rect.Width - 1, (int)((i + 0.5f) * rect.Width / width));
                values[j * width + i] = rows.Covered[x] ? rows.Likeness[x] : 1;
            }
        }
        return values;
    }

    /// <summary>Every face's likeness and brow skin along photo row <paramref name="y"/>, the highest where faces overlap.</summary>
    private void Sample(int y, Rows rows)
    {
        rows.Clear();
        foreach (var face in _faces)
        {
            if (y < face.Rect.Y || y >= face.Rect.Bottom) continue;
            var span = face.Rect.X..face.Rect.Right;
            face.SampleRow(face.Grid, y, rows.Grid, rows.Sampled);
            MaxInto(rows.Likeness.AsSpan(span), rows.Sampled);
            if (face.Brow is not null)
            {
                face.SampleRow(face.Brow, y, rows.Grid, rows.Sampled);
                MaxInto(rows.Brow.AsSpan(span), rows.Sampled);
            }
            rows.Covered.AsSpan(span).Fill(true);
        }
    }

    private static void MaxInto(Span<float> into, float[] values)
    {
        for (int i = 0; i < into.Length; i++) into[i] = MathF.Max(into[i], values[i]);
    }

    /// <summary>One thread's row buffers.</summary>
    private sealed class Rows(int width, int widest)
    {
        public readonly float[] Likeness = new float[width], Brow = new float[width], Grid = new float[widest], Sampled = new float[widest];
        public readonly bool[] Covered = new bool[width];

        public void Clear()
        {
            Array.Clear(Likeness); Array.Clear(Brow); Array.Clear(Covered);
        }
    }

    /// <summary>One face's judgement: grids over its area, read at photo pixels by bilinear interpolation.</summary>
    private sealed class Judged
    {
        private readonly int[] _left, _right;
        private readonly float[] _fraction;

        public Judged(PixelRect rect, PlanarImage grid, PlanarImage? brow)
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
    }

    private static PixelRect Area(PixelBox box, int width, int height) =>
        PixelRect.Around(box.Center.X, box.Center.Y, box.Width, box.Height, Growth, width, height);

    /// <summary>One face's likeness and brow skin on its grid; null when the face has too little skin to fit a model.</summary>
    private static Judged? Judge(PlanarImage image, PlanarImage faceSkin, PixelBox box, IReadOnlyList<Vector3>? mesh)
    {
        var rect = Area(box, image.Width, image.Height);
        float k = MathF.Min(1, GridFaceSize / MathF.Max(1, box.Size));
        int gw = Math.Max(8, (int)MathF.Round(rect.Width * k)), gh = Math.Max(8, (int)MathF.Round(rect.Height * k));
        var small = Resampler.Resize(image, rect.X, rect.Y, rect.Width, rect.Height, gw, gh);
        var lab = new OklabConverter().Convert(small);
        var seed = Resampler.Resize(faceSkin, rect.X, rect.Y, rect.Width, rect.Height, gw, gh);
        int n = gw * gh;
        var samples = new List<(float L, float A, float B)>();
        for (int i = 0; i < n; i++)
            if (seed.Data[i] >= 0.95f) samples.Add((lab.Data[i], lab.Data[n + i], lab.Data[2 * n + i]));
        if (SkinColourModel.FitFaceSkin(samples) is not { } model) return null;

        var grid = new PlanarImage(gw, gh, 1);
        float dark = model.LowL - ShadeAllowance;
        for (int i = 0; i < n; i++)
        {
            float chroma = Math.Clamp((ChromaNot - model.Distance(lab.Data[n + i], lab.Data[2 * n + i])) / (ChromaNot - ChromaSkin), 0, 1);
            float light = Math.Clamp((lab.Data[i] - (dark - ShadeRamp)) / ShadeRamp, 0, 1);
            grid.Data[i] = chroma * light;
        }
        grid = ColorGuidedFilter.Apply(small, grid, radius: 2, eps: 0.02f * 0.02f);
        return new Judged(rect, grid, mesh is null ? null : BrowSkin(small, lab, model, mesh, rect, gw, gh));
    }

    /// <summary>
    /// The skin inside the mesh's brow zone (the brow polygon and a margin): the mesh's brows often run past the hairs
    /// (a tail, a plucked arch), and the feature mask keeps all of it out. Strict: as light as the face's skin and of its chroma.
    /// </summary>
    private static PlanarImage BrowSkin(PlanarImage small, PlanarImage lab, SkinColourModel model, IReadOnlyList<Vector3> mesh, PixelRect rect, int gw, int gh)
    {
        float kx = (float)gw / rect.Width, ky = (float)gh / rect.Height;
        var local = mesh.Select(p => new Vector3((p.X - rect.X) * kx, (p.Y - rect.Y) * ky, 0)).ToArray();
        var regions = new FaceRegions(local);
        var zone = regions.Mask(FaceRegion.Brows, gw, gh);
        MaskPlanes.Blur(zone, BrowMargin * gw / Growth);
        // The eyes keep the feature mask's margin (lashes, lid make-up).
        var eyes = regions.Mask(FaceRegion.Eyes, gw, gh);
        MaskPlanes.Blur(eyes, BrowMargin * gw / Growth);
        MaskPlanes.Grow(eyes);
        MaskPlanes.Without(zone, eyes);
        int n = gw * gh;
        var skin = new PlanarImage(gw, gh, 1);
        for (int i = 0; i < n; i++)
        {
            if (zone.Data[i] < 0.005f) continue;
            float chroma = Math.Clamp((ChromaNot - model.Distance(lab.Data[n + i], lab.Data[2 * n + i])) / (ChromaNot - ChromaSkin), 0, 1);
            float light = Math.Clamp((lab.Data[i] - (model.LowL - BrowRamp / 3)) / BrowRamp, 0, 1);
            skin.Data[i] = chroma * light;
        }
        skin = ColorGuidedFilter.Apply(small, skin, radius: 1, eps: 0.02f * 0.02f);
        for (int i = 0; i < n; i++) skin.Data[i] = Math.Clamp(skin.Data[i], 0, 1) * MathF.Min(1, 8 * zone.Data[i]);
        return skin;
    }
}
