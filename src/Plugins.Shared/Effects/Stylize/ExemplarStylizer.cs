using System.Globalization;
using System.Numerics;
using System.Runtime.ExceptionServices;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.StyleBlit;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>One stylized face: where it went in the photo, the correspondence field into the style crop, and the weight it was composited with.</summary>
internal sealed record StylizedFace(PixelRect Rect, Lazy<int[]> FullField, int StyleWidth, int StyleHeight, PlanarImage Weight, float StyleScale)
{
    /// <summary>The field at the crop's resolution (made on first use when the vote read a half-resolution one directly).</summary>
    public int[] Field => FullField.Value;
}

/// <summary>The stylized photo, the head mask (the compositing weight, photo size) and a message for the user.</summary>
public sealed record StylizeResult(PlanarImage Image, PlanarImage HeadMask, string? Message)
{
    internal IReadOnlyList<StylizedFace> Faces { get; init; } = [];
}

/// <summary>
/// Exemplar stylize: every face of the photo painted in the style of one example portrait (StyleBlit with
/// FaceBlit's guides, docs/stylize.md). Per face: the style's head is cut out and scaled to the face; guides
/// are built on both (positional by similarity MLS from the target's mesh points to the style's, appearance,
/// segmentation); StyleBlit fills a correspondence field; voting turns it into colours; the result is blended
/// in through the feathered head mask. Outside that mask the photo is bit-exact.
/// </summary>
public static class ExemplarStylizer
{
    /// <summary>FaceBlit's weights: 2 per appearance level; the segmentation planes outweigh any appearance match.</summary>
    private const float AppearanceWeight = 2f, SegmentWeight = 2f;

    /// <summary>Face width per pixel of the lookup table's cell.</summary>
    private const float LookupCellFaceWidth = 140f;

    /// <summary>Face width per pixel of the lookup's coarse step.</summary>
    private const float SearchStepFaceWidth = 300f;

    /// <summary>FaceBlit's positional weight is 10 per 1/256 of a 768-px frame holding a face about half as wide.</summary>
    private const float PositionWeightTimesFaceWidth = 10f * 256 / 2;

    /// <summary>
    /// The stylized photo. <paramref name="style"/> may be null only when nothing is to be done (no face, or
    /// strength 0): the photo then comes back unchanged.
    /// </summary>
    public static StylizeResult Render(PlanarImage image, PortraitAnalysis analysis, StyleExemplar? style, StylizeSettings settings,
        IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Check();
        if (image.Channels < 3) throw new ArgumentException($"stylize needs an RGB image, got {image.Channels} plane(s)");
        if (analysis.Width != image.Width || analysis.Height != image.Height)
            throw new ArgumentException($"the analysis is of a {analysis.Width}x{analysis.Height} image, the photo is {image.Width}x{image.Height}");

        var output = image.Clone();
        var headMask = new PlanarImage(image.Width, image.Height, 1);
        var meshes = analysis.Faces.Where(f => f.Mesh is not null).Select(f => f.Mesh!.Select(p => new Vector2(p.X, p.Y)).ToArray()).ToArray();
        if (meshes.Length == 0) return new StylizeResult(output, headMask, FaceEffects.NoFaces);
        if (settings.Strength == 0) return new StylizeResult(output, headMask, null);
        ArgumentNullException.ThrowIfNull(style);

        var faces = new List<StylizedFace>();
        var notes = new List<string>();
        for (int i = 0; i < meshes.Length; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var face = StylizeFace(image, output, headMask, meshes[i], style, settings, cancellation);
            faces.Add(face);
            if (face.StyleScale is < 0.5f or > 2f)
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"face {i + 1}: the style's face was scaled by {face.StyleScale:0.00} to the photo's face"));
            progress?.Report((i + 1.0) / meshes.Length);
        }
        return new StylizeResult(output, headMask, notes.Count > 0 ? $"{style.Path}: " + string.Join("; ", notes) : null) { Faces = faces };
    }

    private static StylizedFace StylizeFace(PlanarImage image, PlanarImage output, PlanarImage headMask, Vector2[] mesh,
        StyleExemplar style, StylizeSettings settings, CancellationToken cancellation)
    {
        var job = Prepare(image, mesh, style, settings, cancellation);
        var synthesized = StyleBlitSynthesis.Synthesize(job.Target, job.Style, job.Options, cancellation);
        // With the background kept the field is the synthesis's as it stands: a half-resolution one is voted on
        // directly (VoteUpsampled) and brought up only if someone asks for it.
        var field = settings.KeepBackground ? null : job.FullField(synthesized);
        var rect = job.Rect;
        var weight = job.Head;
        if (!settings.KeepBackground)
        {
            // Around the head, the style's background by position alone (FaceBlit's background pass): appearance
            // and segmentation describe the face, not what lies around it.
            var positionOnly = job.PositionOnlyField();
            for (int i = 0; i < field!.Length; i++)
                if (job.Head.Data[i] < 0.5f) field[i] = positionOnly[i];
            weight = RectFeather(rect.Width, rect.Height, MathF.Max(2, HeadShape.Feather * job.FaceWidth));
            for (int i = 0; i < weight.Data.Length; i++) weight.Data[i] = MathF.Max(weight.Data[i], job.Head.Data[i]);
        }
        if (settings.Strength < 1)
        {
            weight = weight.Clone();
            for (int i = 0; i < weight.Data.Length; i++) weight.Data[i] *= settings.Strength;
        }
        if (field is null && job.Options.TargetStride == 2 && settings.BlendRadius == 1 && job.Crop.Colours.Channels == 3)
            // The usual case (a large face, the background kept): the vote goes straight into the photo through the weight.
            NnfVoting.VoteUpsampledInto(synthesized, job.Crop.Colours, output, rect, weight);
        else
        {
            // Only where the head is blended in is the vote seen.
            var shown = Array.ConvertAll(weight.Data, w => w > 0);
            var voted = field is null && job.Options.TargetStride == 2
                ? NnfVoting.VoteUpsampled(synthesized, rect.Width, rect.Height, job.Crop.Colours, settings.BlendRadius, region: shown)
                : NnfVoting.Vote(field ?? synthesized, rect.Width, rect.Height, job.Crop.Colours, settings.BlendRadius, region: shown);
            Composite(output, voted, weight, rect);
        }
        MaskMath.MaxInto(headMask, weight, rect);
        var full = field is not null ? new Lazy<int[]>(field) : new Lazy<int[]>(() => job.FullField(synthesized));
        return new StylizedFace(rect, full, job.Crop.Colours.Width, job.Crop.Colours.Height, weight, job.Crop.Scale);
    }

    /// <summary>
    /// Everything synthesis needs for one face: the crop it covers, both guides, the kernel options, the style crop
    /// and the head mask (crop size). With <see cref="StyleBlitOptions.TargetStride"/> 2 the target guide is at half
    /// the crop's resolution and <see cref="FullField"/> brings the kernel's field up to it.
    /// </summary>
    internal sealed record FaceJob(PixelRect Rect, TargetGuide Target, StyleGuide Style, StyleBlitOptions Options, StyleCrop Crop, PlanarImage Head, float FaceWidth)
    {
        /// <summary>The kernel's field at the crop's resolution (every entry a style-crop pixel).</summary>
        public int[] FullField(int[] field) => Options.TargetStride == 1 ? field
            : HalfResolution.UpsampleField(field, Rect.Width, Rect.Height, Crop.Colours.Width, Crop.Colours.Height);

        /// <summary>The position-only mapping at the crop's resolution (the background pass).</summary>
        public int[] PositionOnlyField()
        {
            var field = new int[Target.Width * Target.Height];
            for (int i = 0; i < field.Length; i++) field[i] = StyleBlitSynthesis.PositionalPrediction(Target, Crop.Colours.Width, Crop.Colours.Height, i);
            return FullField(field);
        }
    }

    /// <summary>
    /// Faces wider than this (pixels) get their field computed at half resolution: their guides' detail is coarser
    /// than two pixels, StyleBlit's chunks are copied whole anyway, and the field's offsets brought back up copy the
    /// full-resolution style pixel for pixel. Target guides and synthesis then cost about a quarter.
    /// </summary>
    internal const float HalfResolutionFaceWidth = 400;

    /// <summary>The guides of the face with mesh <paramref name="mesh"/> (photo pixels) against <paramref name="style"/> (also used by the benchmark).</summary>
    internal static FaceJob Prepare(PlanarImage image, Vector2[] mesh, StyleExemplar style, StylizeSettings settings, CancellationToken cancellation = default)
    {
        var shape = new HeadShape(mesh);
        var rect = shape.Bounds(image.Width, image.Height, settings.KeepBackground ? 0 : 0.35f);
        var origin = new Vector2(rect.X, rect.Y);
        var local = mesh.Select(p => p - origin).ToArray();
        var localShape = new HeadShape(local);
        var styleCrop = style.CropFor(shape.EyeSpan);

        float faceWidth = localShape.Width;
        int stride = faceWidth > (settings.HalfResolutionAbove ?? HalfResolutionFaceWidth) ? 2 : 1;
        // The target's guides at 1/stride of the crop: pixel (i, j) stands for the crop's (stride·i, stride·j) ….
        int w = stride == 1 ? rect.Width : HalfResolution.Half(rect.Width), h = stride == 1 ? rect.Height : HalfResolution.Half(rect.Height);
        var guideMesh = stride == 1 ? local : local.Select(p => p / stride).ToArray();
        var styleGuide = stride == 1 ? styleCrop.Guide : styleCrop.FootprintGuide;
        // The four guides do not depend on one another: run side by side, the single-threaded parts of each (the
        // head's polygon, the histogram) fill the cores the others leave idle.
        PlanarImage head = null!, guideHead = null!, appearance = null!, position = null!;
        PlanarImage[] segments = [];
        SideBySide(cancellation,
            () =>
            {
                var guideColours = stride == 1 ? image.Crop(rect.X, rect.Y, rect.Width, rect.Height) : HalfResolution.Reduce(image, rect);
                appearance = FaceGuides.Appearance(guideColours, faceWidth / stride);
            },
            () =>
            {
                head = localShape.Mask(0, 0, rect.Width, rect.Height);
                guideHead = stride == 1 ? head : HalfResolution.Reduce(head);
            },
            () => segments = FaceGuides.Segmentation(guideMesh, w, h),
            () => position = PositionalGuide(guideMesh, styleCrop.Mesh, w, h, faceWidth / stride, cancellation, stride));
        FaceGuides.MatchHistogram(appearance, guideHead, stride == 1 ? styleCrop.Appearance : styleCrop.FootprintAppearance, styleCrop.Head);
        var targetFeatures = new GuideFeatures([appearance, .. segments]);
        var options = new StyleBlitOptions
        {
            Threshold = settings.Threshold,
            PositionWeight = PositionWeightTimesFaceWidth / faceWidth,
            FeatureWeights = [AppearanceWeight, .. Enumerable.Repeat(SegmentWeight, FaceGuides.Segments.Length)],
            SearchRadius = Math.Clamp((int)MathF.Round(0.2f * faceWidth), 8, 128),
            // FaceBlit's lookup table is made for a face about 300-380 px wide; on a larger face the guides' detail is
            // larger than a pixel, so the search's first pass steps by the face's scale over that (cost / step²).
            SearchStep = Math.Clamp((int)MathF.Round(faceWidth / SearchStepFaceWidth), 1, 8),
            // The lookup table's cells are about 1/140 of the face (4 px on a 570 px face): finer than the guides' detail,
            // and the same number of cells (about 63 000 at any face size; the table is an 8 MiB hash of their entries).
            LookupCell = Math.Clamp((int)MathF.Round(faceWidth / LookupCellFaceWidth), 1, 16),
            TargetStride = stride,
            Seed = (ulong)(uint)settings.Seed,
        };
        // Synthesised only where the result is shown: inside the head mask, or with the background stylized, where the
        // head mask reaches 1/2 (StylizeFace gives the rest the position-only mapping). At half resolution a parent is
        // synthesised when any of its children is.
        var region = Array.ConvertAll(guideHead.Data, m => settings.KeepBackground ? m > 0 : m >= 0.5f);
        return new FaceJob(rect, new TargetGuide(position, targetFeatures, region), styleGuide, options, styleCrop, head, faceWidth);
    }

    /// <summary>
    /// For every crop pixel, the style-crop pixel it corresponds to geometrically (pixel indices): the similarity
    /// MLS from the target's control points to the style's, on a grid of about 1/32 face width.
    /// </summary>
    /// With <paramref name="stride"/> 2 the target is at half resolution (its mesh halved) and the guide names the
    /// full-resolution style pixel of each target pixel's top-left child (the MLS is scale-equivariant, so it maps
    /// the half-resolution pixel's centre to where the 2×2 children's centre goes in the style; the top-left child
    /// lies half a style pixel up and left of that, as the style crop has the face's scale).
    internal static PlanarImage PositionalGuide(Vector2[] target, Vector2[] style, int width, int height, float faceWidth, CancellationToken cancellation, int stride = 1)
    {
        var mls = new SimilarityMls(HeadShape.ControlPoints.Select(i => target[i]).ToArray(), HeadShape.ControlPoints.Select(i => style[i]).ToArray());
        int cell = Math.Clamp((int)MathF.Round(faceWidth / 32), 2, 16);
        var map = mls.MapGrid(width, height, Vector2.Zero, cell, cancellation);
        // MLS works in continuous coordinates (pixel i covers [i, i + 1)); the kernel wants pixel indices (of the top-left child).
        float shift = 0.5f * stride;
        for (int i = 0; i < map.Data.Length; i++) map.Data[i] -= shift;
        return map;
    }

    /// <summary>Runs <paramref name="actions"/> in parallel; the first failure (a cancellation, a bad argument) surfaces as itself, not wrapped.</summary>
    private static void SideBySide(CancellationToken cancellation, params Action[] actions)
    {
        try { Parallel.Invoke(new ParallelOptions { CancellationToken = cancellation }, actions); }
        catch (AggregateException e) { ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw(); }
    }

    /// <summary>1 inside, falling to 0 over <paramref name="feather"/> pixels at the crop's border (when the background is stylized).</summary>
    private static PlanarImage RectFeather(int width, int height, float feather)
    {
        var mask = new PlanarImage(width, height, 1);
        for (int y = 0; y < height; y++)
        {
            var row = mask.Row(0, y);
            float fy = MathF.Min(y + 0.5f, height - y - 0.5f) / feather;
            for (int x = 0; x < width; x++)
            {
                float fx = MathF.Min(x + 0.5f, width - x - 0.5f) / feather;
                row[x] = Math.Clamp(MathF.Min(fx, fy), 0, 1);
            }
        }
        return mask;
    }

    /// <summary>output ← output + w·(result − output) on the crop; where w is 0 nothing is written (bit-exact), where it is 1 the result exactly. Alpha untouched.</summary>
    internal static void Composite(PlanarImage output, PlanarImage result, PlanarImage weight, PixelRect rect) =>
        MaskMath.Composite(output, result, weight, rect, exactAtFull: true);
}
