using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using Xunit.Abstractions;

namespace RetouchPlugins.Tests.Faces;

/// <summary>
/// Region masks from the mesh on the six demo photos. Half-size overlays (bin/.../overlays/faces/sample*.regions*.png:
/// skin green, lips red, eyes cyan, brows magenta, inner mouth yellow, nostrils orange) were looked at on all
/// six: lips, eyes, brows and teeth sit on the features. Skin is geometric: where hair falls over a cheek
/// (sample6, second face) the skin mask covers that hair; the photo skin model must trim it.
/// </summary>
[Collection(MeshCollection.Name)]
public class FaceRegionsTests(MeshFixture fixture, ITestOutputHelper output)
{
    private static readonly (FaceRegion Region, (float, float, float) Color)[] Palette =
    [
        (FaceRegion.Skin, (0f, 1f, 0f)), (FaceRegion.Lips, (1f, 0f, 0f)), (FaceRegion.Eyes, (0f, 1f, 1f)),
        (FaceRegion.Brows, (1f, 0f, 1f)), (FaceRegion.InnerMouth, (1f, 1f, 0f)), (FaceRegion.Nostrils, (1f, 0.5f, 0f)),
    ];

    private static readonly (FaceRegion, FaceRegion)[] MustNotOverlap =
    [
        (FaceRegion.Skin, FaceRegion.Lips), (FaceRegion.Skin, FaceRegion.Eyes), (FaceRegion.Skin, FaceRegion.Brows),
        (FaceRegion.Skin, FaceRegion.InnerMouth), (FaceRegion.Skin, FaceRegion.Nostrils), (FaceRegion.Lips, FaceRegion.InnerMouth),
        (FaceRegion.Eyes, FaceRegion.Brows), (FaceRegion.Lips, FaceRegion.Eyes), (FaceRegion.Lips, FaceRegion.Nostrils),
    ];

    [Fact]
    public void RegionsAreDisjointWhereTheyShouldBeAndDrawnOnEveryFace()
    {
        const float scale = 0.5f; // half-resolution masks of the face's own rectangle: enough for the checks, little memory
        foreach (var (photo, faces) in fixture.Faces)
        {
            var rgb = FaceTestData.Photo(photo);
            foreach (var (d, mesh) in faces)
            {
                // The mesh moved (by whole pixels) so its rectangle, with a margin for the feathers, starts at the origin.
                float minX = mesh.Points.Min(p => p.X), minY = mesh.Points.Min(p => p.Y);
                float margin = 0.5f * mesh.EyeSpan;
                var origin = new System.Numerics.Vector3(MathF.Floor(minX - margin), MathF.Floor(minY - margin), 0);
                int w = (int)((mesh.Points.Max(p => p.X) - origin.X + margin) * scale), h = (int)((mesh.Points.Max(p => p.Y) - origin.Y + margin) * scale);
                var regions = new FaceRegions(mesh.Points.Select(p => p - origin).ToArray());
                var masks = Enum.GetValues<FaceRegion>().ToDictionary(r => r, r => regions.Mask(r, w, h, scale));
                foreach (var (r, m) in masks)
                {
                    Assert.All(m.Data, v => Assert.InRange(v, 0f, 1f));
                    if (r != FaceRegion.InnerMouth) Assert.True(Area(m) > 0, $"sample{photo} {d}: {r} is empty");
                }
                foreach (var (a, b) in MustNotOverlap)
                {
                    int both = Count(masks[a], masks[b], (x, y) => x > 0.5f && y > 0.5f);
                    Assert.True(both == 0, $"sample{photo} {d}: {a} and {b} share {both} pixels above 0.5");
                }
                // Skin lies inside the oval; so do the features of a face the network is sure of (a near-profile
                // face's hidden eye can land beside its silhouette), give or take the oval's feather: on a face
                // turned three-quarters the far eye's outer corner touches the contour (sample1, first face).
                var inside = mesh.Presence > 0.9f ? masks.Keys.Where(r => r != FaceRegion.FaceOval) : [FaceRegion.Skin];
                foreach (var r in inside)
                {
                    int outside = Count(masks[r], masks[FaceRegion.FaceOval], (x, oval) => x > 0.5f && oval < 0.01f);
                    Assert.True(outside == 0, $"sample{photo} {d}: {outside} pixels of {r} outside the face oval");
                }
                output.WriteLine($"sample{photo} {d}: oval {Area(masks[FaceRegion.FaceOval]):F0}, skin {Area(masks[FaceRegion.Skin]):F0}, lips {Area(masks[FaceRegion.Lips]):F0}, eyes {Area(masks[FaceRegion.Eyes]):F0} half-res px");
            }
            SaveOverlays(photo, rgb, faces.Select(f => f.Mesh).ToList());
        }
    }

    [Fact]
    public void MasksScaleWithTheirResolution()
    {
        var mesh = fixture.Faces[3][1].Mesh;
        var regions = new FaceRegions(mesh);
        var photo = FaceTestData.Photo(3);
        foreach (var r in new[] { FaceRegion.FaceOval, FaceRegion.Skin, FaceRegion.Lips, FaceRegion.Eyes })
        {
            double full = Area(regions.Mask(r, photo.Width, photo.Height));
            double quarter = Area(regions.Mask(r, photo.Width / 4, photo.Height / 4, 0.25f)) * 16;
            output.WriteLine($"{r}: {full:F0} px at full size, {quarter:F0} from a quarter-size mask");
            Assert.InRange(quarter / full, 0.93, 1.07);
        }
    }

    [Fact]
    public void FaceCutByThePhotoEdgeKeepsItsMaskUpToTheEdge()
    {
        // The same face drawn whole, and moved so the photo's left edge cuts it through the middle: on the
        // part still inside, the two masks must agree (no fading toward the edge).
        var mesh = fixture.Faces[3][1].Mesh;
        var c = mesh.Crop.Center;
        int shift = (int)c.X;
        var moved = mesh.Points.Select(p => p - new System.Numerics.Vector3(shift, 0, 0)).ToArray();
        foreach (var r in new[] { FaceRegion.FaceOval, FaceRegion.Skin })
        {
            var whole = new FaceRegions(mesh).Mask(r, 2000, 1400);
            var cut = new FaceRegions(moved).Mask(r, 2000 - shift, 1400);
            float worst = 0;
            for (int y = 0; y < 1400; y++)
                for (int x = 0; x < cut.Width; x++)
                    worst = MathF.Max(worst, MathF.Abs(cut[0, x, y] - whole[0, x + shift, y]));
            Assert.True(worst < 1e-4f, $"{r}: the cut face's mask differs by {worst} near the edge");
            Assert.True(cut[0, 0, (int)c.Y] > 0.9f, $"{r}: no mask at the photo's edge in the middle of the face");
        }
    }

    [Fact]
    public void SeveralFacesShareOneMask()
    {
        var faces = fixture.Faces[5];
        var photo = FaceTestData.Photo(5);
        var shared = new PlanarImage(photo.Width / 4, photo.Height / 4, 1);
        double separate = 0;
        foreach (var (_, mesh) in faces)
        {
            var regions = new FaceRegions(mesh);
            regions.AddTo(shared, FaceRegion.Lips, 0.25f);
            separate += Area(regions.Mask(FaceRegion.Lips, shared.Width, shared.Height, 0.25f));
        }
        Assert.Equal(separate, Area(shared), 1); // the five faces' lips do not touch, so the areas add up
    }

    /// <summary>Half-size overlay of all regions (and a crop per face) for a person to look at.</summary>
    private static void SaveOverlays(int photo, PlanarImage rgb, IReadOnlyList<FaceMesh> meshes)
    {
        var overlay = HalfSize(rgb);
        foreach (var (region, color) in Palette)
        {
            var mask = new PlanarImage(overlay.Width, overlay.Height, 1);
            foreach (var mesh in meshes) new FaceRegions(mesh).AddTo(mask, region, 0.5f);
            Overlay.Tint(overlay, mask, color, 0.55f);
        }
        ImageFile.SavePng(overlay, Path.Combine(Overlay.Folder, $"sample{photo}.regions.png"));
        for (int k = 0; k < meshes.Count; k++)
            OverlayCrops.SaveAround(overlay, meshes[k].Crop.Center.X / 2, meshes[k].Crop.Center.Y / 2, meshes[k].Crop.Size / 2, Path.Combine(Overlay.Folder, $"sample{photo}.regions{k}.png"));
    }

    private static PlanarImage HalfSize(PlanarImage src)
    {
        var dst = new PlanarImage(src.Width / 2, src.Height / 2, src.Channels);
        for (int c = 0; c < src.Channels; c++)
            for (int y = 0; y < dst.Height; y++)
                for (int x = 0; x < dst.Width; x++)
                    dst[c, x, y] = (src[c, 2 * x, 2 * y] + src[c, 2 * x + 1, 2 * y] + src[c, 2 * x, 2 * y + 1] + src[c, 2 * x + 1, 2 * y + 1]) / 4;
        return dst;
    }

    private static double Area(PlanarImage mask)
    {
        double sum = 0;
        foreach (var v in mask.Data) sum += v;
        return sum;
    }

    private static int Count(PlanarImage a, PlanarImage b, Func<float, float, bool> both)
    {
        int n = 0;
        for (int i = 0; i < a.Data.Length; i++) if (both(a.Data[i], b.Data[i])) n++;
        return n;
    }
}
