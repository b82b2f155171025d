using System.Numerics;
using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Restore;

/// <summary>The restore benchmark's metrics that are not full-reference: sharpness and mesh identity.</summary>
public static class RestoreMetrics
{
    /// <summary>
    /// No-reference sharpness: the mean Sobel gradient magnitude of the luma (0–1 values, per pixel) where the mask is
    /// ≥ 0.5. Higher is sharper, but noise and ringing raise it too: read it beside the clean photo's value.
    /// </summary>
    public static double Sharpness(PlanarImage image, PlanarImage mask)
    {
        var y = PlaneMath.Luma(image);
        int w = y.Width, h = y.Height;
        double sum = 0; long n = 0;
        for (int r = 1; r < h - 1; r++)
            for (int x = 1; x < w - 1; x++)
            {
                if (mask.Data[r * w + x] < 0.5f) continue;
                float At(int dx, int dy) => y.Data[(r + dy) * w + x + dx];
                double gx = At(1, -1) + 2 * At(1, 0) + At(1, 1) - At(-1, -1) - 2 * At(-1, 0) - At(-1, 1);
                double gy = At(-1, 1) + 2 * At(0, 1) + At(1, 1) - At(-1, -1) - 2 * At(0, -1) - At(1, -1);
                sum += Math.Sqrt(gx * gx + gy * gy) / 4; n++;
            }
        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>
    /// Identity: for each face of the clean photo's analysis with a mesh, the face of <paramref name="test"/>'s analysis
    /// whose box centre is nearest (within half the box size); the RMS distance (x, y) between their 468-point meshes as
    /// a percentage of the clean face's box width; the mean over matched faces, and how many faces were not found.
    /// </summary>
    public static (double RmsPercent, int Missing) MeshDistance(PortraitAnalysis clean, PortraitAnalysis test)
    {
        double total = 0; int matched = 0, missing = 0;
        foreach (var face in clean.Faces)
        {
            if (face.Mesh is not { } mesh) continue;
            var other = test.Faces.Where(f => f.Mesh is not null).OrderBy(f => Vector2.Distance(f.Box.Center, face.Box.Center)).FirstOrDefault();
            if (other is null || Vector2.Distance(other.Box.Center, face.Box.Center) > face.Box.Size / 2) { missing++; continue; }
            total += RmsPercent(mesh, other.Mesh!, null, face.Box.Width);
            matched++;
        }
        return (matched == 0 ? double.NaN : total / matched, missing);
    }

    /// <summary>One clean face for the fixed-crop identity: the crop its clean mesh defines, the landmarker's mesh of the clean photo on that crop, and its box width.</summary>
    public sealed record CleanCropMesh(FaceCrop Crop, Vector3[] Points, float BoxWidth);

    /// <summary>
    /// The clean faces of the fixed-crop identity (<see cref="MeshDistanceOnCleanCrop"/>): for each face of the clean
    /// photo's analysis with a mesh, the landmarker run once on the crop that mesh defines (<see cref="FaceCrop.FromMesh"/>).
    /// Made once per photo; every result is then compared against them.
    /// </summary>
    public static List<CleanCropMesh> CleanCropMeshes(PlanarImage cleanImage, PortraitAnalysis clean, FaceMeshLandmarker landmarker)
    {
        var faces = new List<CleanCropMesh>();
        foreach (var face in clean.Faces)
        {
            if (face.Mesh is not { } mesh) continue;
            var crop = FaceCrop.FromMesh(mesh);
            faces.Add(new CleanCropMesh(crop, landmarker.Run(cleanImage, crop).Points, face.Box.Width));
        }
        return faces;
    }

    /// <summary>
    /// Identity on one fixed crop: the landmarker runs once per clean face on <paramref name="test"/> with that face's crop,
    /// and the RMS distance to the clean mesh is taken as a percentage of the clean face's box width, over all 468 points and
    /// over <see cref="FeaturePoints"/>. Face detection and the landmarker's own re-cropping are left out, so the distance
    /// follows what the pixels inside the face did, not where a detector put its box. Per face, in face order.
    /// </summary>
    public static (List<double> All, List<double> Features) MeshDistanceOnCleanCrop(IReadOnlyList<CleanCropMesh> clean, PlanarImage test, FaceMeshLandmarker landmarker)
    {
        var all = new List<double>();
        var features = new List<double>();
        foreach (var face in clean)
        {
            var mesh = landmarker.Run(test, face.Crop).Points;
            all.Add(RmsPercent(face.Points, mesh, null, face.BoxWidth));
            features.Add(RmsPercent(face.Points, mesh, FeaturePoints, face.BoxWidth));
        }
        return (all, features);
    }

    /// <summary>The RMS (x, y) distance between two meshes over <paramref name="points"/> (all when null), as % of <paramref name="width"/>.</summary>
    private static double RmsPercent(Vector3[] a, Vector3[] b, int[]? points, float width)
    {
        double sum = 0; int n = 0;
        foreach (int i in points ?? Enumerable.Range(0, a.Length))
        {
            float dx = a[i].X - b[i].X, dy = a[i].Y - b[i].Y;
            sum += dx * dx + dy * dy; n++;
        }
        return 100 * Math.Sqrt(sum / n) / width;
    }

    /// <summary>The mesh points of the eyes, brows, nostrils and lips: the features a viewer recognises a face by.</summary>
    public static readonly int[] FeaturePoints =
        FaceMeshTopology.LeftEye.Concat(FaceMeshTopology.RightEye).Concat(FaceMeshTopology.LeftEyebrow).Concat(FaceMeshTopology.RightEyebrow)
            .Concat(FaceMeshTopology.LeftNostril).Concat(FaceMeshTopology.RightNostril).Concat(FaceMeshTopology.LipsOuter).Concat(FaceMeshTopology.LipsInner)
            .Distinct().ToArray();
}
