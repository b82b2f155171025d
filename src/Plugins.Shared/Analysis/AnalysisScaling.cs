using System.Numerics;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Analysis;

/// <summary>
/// An analysis carried to another size of the same photo, so a preview renders on a smaller copy without
/// analysing again: faces, landmarks and mesh points are scaled, the masks resampled (close to an area
/// average when shrinking). The models never run; a 24 MP analysis becomes a screen-sized one in tens of ms.
/// </summary>
public static class AnalysisScaling
{
    public static PortraitAnalysis Scaled(this PortraitAnalysis analysis, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (width == analysis.Width && height == analysis.Height) return analysis;
        float sx = (float)width / analysis.Width, sy = (float)height / analysis.Height;
        // The mesh's z is in the same scale as x (docs/faces.md); the mean of both axes keeps it there.
        float sz = (sx + sy) / 2;
        var faces = analysis.Faces.Select(f => new AnalyzedFace(
            new PixelBox(f.Box.X * sx, f.Box.Y * sy, f.Box.Width * sx, f.Box.Height * sy),
            f.Score,
            f.Landmarks5.Select(p => new Vector2(p.X * sx, p.Y * sy)).ToArray(),
            f.Mesh?.Select(p => new Vector3(p.X * sx, p.Y * sy, p.Z * sz)).ToArray())).ToArray();
        // A smaller copy takes skin and person from the analysis' working size: a 24 MP photo's preview never builds them at 24 MP.
        bool smaller = width <= analysis.Width && height <= analysis.Height;
        var person = smaller ? analysis.PersonMaskAt(width, height) : analysis.PersonMask is { } p ? Resampler.Resize(p, width, height) : null;
        return new PortraitAnalysis(width, height, faces,
            smaller ? analysis.SkinMaskAt(width, height) : Resampler.Resize(analysis.SkinMask, width, height),
            Resampler.Resize(analysis.FaceSkinMask, width, height),
            Resampler.Resize(analysis.FeatureMask, width, height),
            person);
    }
}
