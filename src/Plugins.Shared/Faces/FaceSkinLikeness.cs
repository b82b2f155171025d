using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// How much each pixel around the faces looks like its face's own skin (1) rather than hair, brows or clothing (0)
/// (<see cref="FaceSkinGrid"/>, one per face), read at photo pixels. The mesh's face skin is a shape: where hair
/// falls across the face, a tone change that lifts or turns the
/// skin would grey or tint the hair. Whitening, the tone match and makeup's skin zones keep their masks to it.
/// </summary>
internal sealed class FaceSkinLikeness
{
    private readonly List<FaceSkinGrid> _faces;
    private readonly int _width, _widest;

    private FaceSkinLikeness(List<FaceSkinGrid> faces, int width)
    {
        _faces = faces;
        _width = width;
        _widest = faces.Count == 0 ? 0 : faces.Max(f => Math.Max(f.Grid.Width, f.Rect.Width));
    }

    /// <summary>The likeness around every face of <paramref name="analysis"/> that has enough skin to fit a colour model.</summary>
    public static FaceSkinLikeness Of(PlanarImage image, PortraitAnalysis analysis)
    {
        var faces = new List<FaceSkinGrid>();
        foreach (var face in analysis.Faces)
            if (FaceSkinGrid.Judge(image, analysis.FaceSkinMask, face.Box, face.Mesh) is { } judged) faces.Add(judged);
        return new FaceSkinLikeness(faces, image.Width);
    }

    /// <summary>
    /// Keeps <paramref name="mask"/> (photo size) to the faces' own skin: around every face it is multiplied by the skin
    /// likeness (where two faces' areas overlap, by the higher of theirs) and raised to the skin found in the brow zone;
    /// pixels away from all faces keep their value. The analysis' body skin outside the face skin (a parsing network's,
    /// or the colour model's with its own hair test) is not taken away.
    /// </summary>
    public void Refine(PlanarImage mask, PortraitAnalysis analysis)
    {
        if (_faces.Count == 0) return;
        var skin = analysis.SkinMask;
        var faceSkin = analysis.FaceSkinMask;
        int top = _faces.Min(f => f.Rect.Y), bottom = _faces.Max(f => f.Rect.Bottom);
        Parallel.For(top, bottom, () => new Rows(_width, _widest), (y, _, rows) =>
        {
            Sample(y, rows, brows: true);
            var m = mask.Row(0, y);
            var inFace = faceSkin.Row(0, y);
            var body = skin.Row(0, y);
            for (int x = 0; x < _width; x++)
            {
                if (!rows.Covered[x]) continue;
                float keep = MathF.Max(rows.Likeness[x], body[x] * (1 - inFace[x]));
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
            Sample(rect.Y + row, rows, brows: false);
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
            Sample(y, rows, brows: false);
            for (int i = 0; i < width; i++)
            {
                int x = rect.X + Math.Min(rect.Width - 1, (int)((i + 0.5f) * rect.Width / width));
                values[j * width + i] = rows.Covered[x] ? rows.Likeness[x] : 1;
            }
        }
        return values;
    }

    /// <summary>Every face's likeness (and with <paramref name="brows"/> its brow skin) along photo row <paramref name="y"/>, the highest where faces overlap.</summary>
    private void Sample(int y, Rows rows, bool brows)
    {
        rows.Clear();
        foreach (var face in _faces)
        {
            if (y < face.Rect.Y || y >= face.Rect.Bottom) continue;
            var span = face.Rect.X..face.Rect.Right;
            face.SampleRow(face.Grid, y, rows.Grid, rows.Sampled);
            MaxInto(rows.Likeness.AsSpan(span), rows.Sampled);
            if (brows && face.Brow is not null)
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
}
