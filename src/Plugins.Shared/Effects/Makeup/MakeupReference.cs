using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>A makeup reference photo: the file it came from (for messages), its pixels and its face analysis.</summary>
public sealed record MakeupReference(string Path, PlanarImage Image, PortraitAnalysis Analysis)
{
    /// <summary>
    /// The face whose makeup is copied: the largest with a mesh (by eye span). A reference with no such face
    /// is an error naming the file; several faces give a note saying which was used.
    /// </summary>
    internal (Vector3[] Mesh, string? Note) ChooseFace()
    {
        if (Image.Width != Analysis.Width || Image.Height != Analysis.Height || Image.Channels < 3)
            throw new ArgumentException($"{Path}: the reference's analysis is for another image size, or it is not an RGB photo");
        var faces = Analysis.Faces.Where(f => f.Mesh is { Length: FaceMeshTopology.PointCount }).ToList();
        if (faces.Count == 0)
            throw new ArgumentException($"{Path}: no face found in the makeup reference; use a photo with one clearly visible face");
        var largest = faces.OrderByDescending(f => EyeSpan(f.Mesh!)).ThenBy(f => f.Box.X).First();
        string? note = faces.Count > 1
            ? $"{System.IO.Path.GetFileName(Path)} holds {faces.Count} faces; the largest (at {largest.Box.X:0},{largest.Box.Y:0}) gives the makeup"
            : null;
        return (largest.Mesh!, note);
    }

    internal static float EyeSpan(Vector3[] mesh) =>
        Vector2.Distance(new Vector2(mesh[FaceMeshTopology.LeftEyeOuterCorner].X, mesh[FaceMeshTopology.LeftEyeOuterCorner].Y),
                         new Vector2(mesh[FaceMeshTopology.RightEyeOuterCorner].X, mesh[FaceMeshTopology.RightEyeOuterCorner].Y));
}
