using System.Numerics;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Tests.Effects;

/// <summary>The stylize pieces that need no photo: the landmark file's checks and the similarity MLS.</summary>
public sealed class StylizeInputTests
{
    private static string Mesh(int count, Func<int, string>? point = null) =>
        "{\"width\":400,\"height\":300,\"faces\":[{\"mesh\":[" +
        string.Join(",", Enumerable.Range(0, count).Select(i => point?.Invoke(i) ?? $"[{100 + i % 100},{100 + i / 100},0]")) + "]}]}";

    [Fact]
    public void A_landmark_file_with_the_wrong_count_names_the_entry()
    {
        var e = Assert.Throws<InvalidDataException>(() => LandmarkFile.Parse(Mesh(467), "style.json", 400, 300));
        Assert.Contains("style.json", e.Message);
        Assert.Contains("faces[0].mesh has 467 points", e.Message);
    }

    [Fact]
    public void A_point_outside_the_image_names_the_entry()
    {
        var e = Assert.Throws<InvalidDataException>(() => LandmarkFile.Parse(Mesh(468, i => i == 12 ? "[450,20,0]" : "[10,10]"), "style.json", 400, 300));
        Assert.Contains("faces[0].mesh[12] = (450, 20) is outside the 400x300 style image", e.Message);
        var bad = Assert.Throws<InvalidDataException>(() => LandmarkFile.Parse(Mesh(468, i => i == 3 ? "[1]" : "[10,10]"), "style.json", 400, 300));
        Assert.Contains("faces[0].mesh[3] is not [x, y]", bad.Message);
    }

    [Fact]
    public void A_landmark_file_for_another_image_size_or_without_faces_is_refused()
    {
        Assert.Contains("800x600", Assert.Throws<InvalidDataException>(() => LandmarkFile.Parse(Mesh(468), "s.json", 800, 600)).Message);
        Assert.Contains("no \"faces\" array", Assert.Throws<InvalidDataException>(() => LandmarkFile.Parse("{}", "s.json", 400, 300)).Message);
        Assert.Contains("invalid JSON", Assert.Throws<InvalidDataException>(() => LandmarkFile.Parse("{", "s.json", 400, 300)).Message);
        Assert.Equal(468, Assert.Single(LandmarkFile.Parse(Mesh(468), "s.json", 400, 300)).Length);
    }

    [Fact]
    public void Mls_interpolates_its_points_and_reproduces_a_similarity_everywhere()
    {
        var rng = new Random(3);
        var from = Enumerable.Range(0, 30).Select(_ => new Vector2(rng.NextSingle() * 200, rng.NextSingle() * 200)).ToArray();
        // A rotation by 20°, scale 1.3 and a shift: similarity MLS must give exactly this map at every point.
        var m = Matrix3x2.CreateRotation(0.35f) * Matrix3x2.CreateScale(1.3f) * Matrix3x2.CreateTranslation(15, -7);
        var mls = new SimilarityMls(from, from.Select(p => Vector2.Transform(p, m)).ToArray());
        foreach (var v in new[] { new Vector2(0, 0), new Vector2(57.3f, 120.1f), new Vector2(400, -50) })
            Assert.True(Vector2.Distance(Vector2.Transform(v, m), mls.Map(v)) < 1e-2f, $"similarity not reproduced at {v}");
        // A non-rigid target: the control points still map exactly onto their targets.
        var to = from.Select(p => p + new Vector2(rng.NextSingle() * 10, rng.NextSingle() * 10)).ToArray();
        var warp = new SimilarityMls(from, to);
        for (int i = 0; i < from.Length; i++) Assert.Equal(to[i], warp.Map(from[i]));
        // The grid form is within a pixel of the exact map on a smooth warp.
        var grid = warp.MapGrid(64, 48, new Vector2(20, 30), 8);
        var exact = warp.Map(new Vector2(20 + 37.5f, 30 + 21.5f));
        Assert.True(Vector2.Distance(exact, new Vector2(grid[0, 37, 21], grid[1, 37, 21])) < 1f);
    }
}
