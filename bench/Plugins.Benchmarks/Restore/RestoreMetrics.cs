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
            double sum = 0;
            for (int i = 0; i < mesh.Length; i++)
            {
                var d = new Vector2(mesh[i].X - other.Mesh![i].X, mesh[i].Y - other.Mesh[i].Y);
                sum += d.LengthSquared();
            }
            total += 100 * Math.Sqrt(sum / mesh.Length) / face.Box.Width;
            matched++;
        }
        return (matched == 0 ? double.NaN : total / matched, missing);
    }

    /// <summary>
    /// Identity on one fixed crop: for each face of the clean photo's analysis with a mesh, the landmarker runs once on
    /// the crop its clean mesh defines (<see cref="FaceCrop.FromMesh"/>), on the clean photo and on <paramref name="test"/>,
    /// and the RMS distance between the two meshes over <paramref name="points"/> (all 468 when null) is taken as a
    /// percentage of the clean face's box width. Face detection and the landmarker's own re-cropping are left out, so the
    /// distance follows what the pixels inside the face did, not where a detector put its box. Per face, in face order.
    /// </summary>
    public static List<double> MeshDistanceOnCleanCrop(PlanarImage cleanImage, PortraitAnalysis clean, PlanarImage test, FaceMeshLandmarker landmarker, int[]? points = null)
    {
        var distances = new List<double>();
        foreach (var face in clean.Faces)
        {
            if (face.Mesh is not { } mesh) continue;
            var crop = FaceCrop.FromMesh(mesh);
            var a = landmarker.Run(cleanImage, crop).Points;
            var b = landmarker.Run(test, crop).Points;
            double sum = 0; int n = 0;
            foreach (int i in points ?? Enumerable.Range(0, a.Length))
            {
                float dx = a[i].X - b[i].X, dy = a[i].Y - b[i].Y;
                sum += dx * dx + dy * dy; n++;
            }
            distances.Add(100 * Math.Sqrt(sum / n) / face.Box.Width);
        }
        return distances;
    }

    /// <summary>The mesh points of the eyes, brows, nostrils and lips: the features a viewer recognises a face by.</summary>
    public static readonly int[] FeaturePoints =
        FaceMeshTopology.LeftEye.Concat(FaceMeshTopology.RightEye).Concat(FaceMeshTopology.LeftEyebrow).Concat(FaceMeshTopology.RightEyebrow)
            .Concat(FaceMeshTopology.LeftNostril).Concat(FaceMeshTopology.RightNostril).Concat(FaceMeshTopology.LipsOuter).Concat(FaceMeshTopology.LipsInner)
            .Distinct().ToArray();
}
