using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>The makeup effect's output: the result photo, one mask per zone (photo size), and a note for the user.</summary>
public sealed record MakeupResult(PlanarImage Image, IReadOnlyList<(MakeupZone Zone, PlanarImage Mask)> Masks, string? Message = null)
{
    public PlanarImage Mask(MakeupZone zone) => Masks.First(m => m.Zone == zone).Mask;
}

/// <summary>
/// Makeup transfer from a reference face (Guo and Sim 2009, classical, no network) and makeup removal,
/// per zone, for every face of a photo that has a mesh. Each face is worked on in its own patch at a working
/// size (<see cref="FaceWorkspace"/>); the change is computed in CIELAB as structure and colour deltas and
/// added to the untouched full-resolution pixels, so the photo's own detail is kept. Pixels outside every
/// zone mask are returned bit for bit, and the input is never modified.
/// </summary>
public sealed class MakeupRenderer
{
    /// <summary>A reference face under half the target's eye span is enlarged enough to look soft: said in the message.</summary>
    private const float SmallReferenceRatio = 0.5f;

    public MakeupResult Render(PlanarImage image, PortraitAnalysis analysis, MakeupReference? reference, MakeupSettings settings,
        IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (image.Width != analysis.Width || image.Height != analysis.Height)
            throw new ArgumentException($"the analysis is for a {analysis.Width}x{analysis.Height} image, the image is {image.Width}x{image.Height}");
        if (image.Channels < 3) throw new ArgumentException("makeup needs an RGB image");
        if (!settings.Remove && reference is null)
            throw new ArgumentException("makeup transfer needs a reference photo (--reference FILE), or --remove to take makeup off");

        var notes = new List<string>();
        (Vector3[] Mesh, float EyeSpan)? chosen = null;
        if (!settings.Remove)
        {
            var (mesh, note) = reference!.ChooseFace();
            if (note is not null) notes.Add(note);
            chosen = (mesh, MakeupReference.EyeSpan(mesh));
        }

        var output = image.Clone();
        var masks = MakeupZones.All.Select(z => (z, new PlanarImage(image.Width, image.Height, 1))).ToList();
        var faces = analysis.Faces.Where(f => f.Mesh is { Length: FaceMeshTopology.PointCount }).ToList();
        if (faces.Count == 0) return new MakeupResult(output, masks, FaceEffects.NoFaces);

        if (chosen is { } r)
        {
            float largestTarget = faces.Max(f => MakeupReference.EyeSpan(f.Mesh!));
            if (r.EyeSpan < SmallReferenceRatio * largestTarget)
                notes.Add($"the reference face in {Path.GetFileName(reference!.Path)} is {largestTarget / r.EyeSpan:0.0}x smaller than the target face; its makeup is enlarged and may look soft");
        }

        var likeness = FaceSkinLikeness.Of(image, analysis);
        for (int f = 0; f < faces.Count; f++)
        {
            cancellation.ThrowIfCancellationRequested();
            var area = FaceWorkspace.For(faces[f].Mesh!, image.Width, image.Height);
            if (area is null) continue;
            var lab = CieLab.FromSrgb(area.Take(image));
            var zones = new MakeupZoneMasks(area.Mesh, area.WorkWidth, area.WorkHeight);
            zones.KeepToSkin(likeness.Over(new PixelRect(area.X, area.Y, area.Width, area.Height), area.WorkWidth, area.WorkHeight));
            var (delta, weights) = settings.Remove
                ? MakeupRemoval.Compute(lab, zones, area.EyeSpan, settings, cancellation)
                : Transfer(lab, zones, area, reference!, chosen!.Value.Mesh, settings, cancellation);
            // The openings gate is drawn at full resolution in the patch's pixels.
            var gate = MakeupZoneMasks.OpeningsGate(faces[f].Mesh!.Select(p => new Vector2(p.X - area.X, p.Y - area.Y)).ToArray(), area.Width, area.Height);
            var change = area.Upsample(delta);
            for (int c = 0; c < 3; c++) Multiply(change.Plane(c), gate);
            Apply(output, area, change, cancellation);
            foreach (var (zone, mask) in masks)
            {
                var weight = area.Upsample(new PlanarImage(area.WorkWidth, area.WorkHeight, 1, weights[zone]));
                Multiply(weight.Data, gate);
                MaxInto(mask, area, weight);
            }
            progress?.Report((f + 1.0) / faces.Count);
        }
        return new MakeupResult(output, masks, notes.Count > 0 ? string.Join("; ", notes) : null);
    }

    private static (PlanarImage, Dictionary<MakeupZone, float[]>) Transfer(PlanarImage lab, MakeupZoneMasks zones, FaceWorkspace area,
        MakeupReference reference, Vector3[] referenceMesh, MakeupSettings settings, CancellationToken cancellation)
    {
        var patch = ReferencePatch.Make(reference.Image, referenceMesh, area.EyeSpan);
        var (warped, coverage) = patch.WarpOnto(area.Mesh, area.EyeSpan, area.WorkWidth, area.WorkHeight, cancellation);
        return MakeupTransfer.Compute(lab, warped, coverage, zones, area.EyeSpan, settings, cancellation);
    }

    /// <summary>Adds the CIELAB change to the patch's full-resolution pixels; pixels with no change are not touched.</summary>
    private static void Apply(PlanarImage output, FaceWorkspace area, PlanarImage delta, CancellationToken cancellation) =>
        Parallel.For(0, area.Height, new ParallelOptions { CancellationToken = cancellation }, y =>
        {
            var dl = delta.Row(0, y); var da = delta.Row(1, y); var db = delta.Row(2, y);
            var r = output.Row(0, area.Y + y).Slice(area.X, area.Width);
            var g = output.Row(1, area.Y + y).Slice(area.X, area.Width);
            var b = output.Row(2, area.Y + y).Slice(area.X, area.Width);
            for (int x = 0; x < area.Width; x++)
            {
                if (dl[x] == 0 && da[x] == 0 && db[x] == 0) continue;
                var (L, A, B) = CieLab.FromSrgb(r[x], g[x], b[x]);
                (r[x], g[x], b[x]) = CieLab.ToSrgb(Math.Clamp(L + dl[x], 0, 100), A + da[x], B + db[x]);
            }
        });

    private static void Multiply(Span<float> values, float[] by)
    {
        for (int i = 0; i < values.Length; i++) values[i] *= by[i];
    }

    private static void MaxInto(PlanarImage mask, FaceWorkspace area, PlanarImage local)
    {
        for (int y = 0; y < area.Height; y++)
        {
            var row = mask.Row(0, area.Y + y).Slice(area.X, area.Width);
            var src = local.Row(0, y);
            for (int x = 0; x < area.Width; x++) row[x] = MathF.Max(row[x], Math.Clamp(src[x], 0, 1));
        }
    }
}
