using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Tests.Faces;

public class PortraitAnalyzerTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    /// <summary>
    /// The analyzer keeps every face the detector finds: the counts verified by looking at the overlays are
    /// stated (and explained per photo) in <see cref="RetinaFaceDetectorTests.FindsEveryVisibleFaceAndNothingElse"/>.
    /// </summary>
    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    [InlineData(4, 4)]
    [InlineData(5, 5)]
    [InlineData(6, 4)]
    public void FindsTheFacesWithAMeshEach(int sample, int faces)
    {
        var analysis = fixture.Analysis(sample);
        Assert.Equal(faces, analysis.Faces.Count);
        Assert.All(analysis.Faces, f => Assert.Equal(FaceMeshTopology.PointCount, f.Mesh?.Length));
    }

    /// <summary>
    /// Every mesh point lies inside its detector box grown by 15% of the box on each side (the box is tight on
    /// the chin and forehead; the mesh's contour runs along them), and the eyes are above the mouth in the face's
    /// own upright direction (the box's vertical: all sample faces are tilted less than 45 degrees).
    /// </summary>
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)]
    public void MeshLiesInItsBoxWithEyesAboveTheMouth(int sample)
    {
        foreach (var face in fixture.Analysis(sample).Faces)
        {
            var b = face.Box;
            float mx = 0.15f * b.Width, my = 0.15f * b.Height;
            var mesh = face.Mesh!;
            foreach (var p in mesh)
                Assert.True(p.X >= b.X - mx && p.X <= b.Right + mx && p.Y >= b.Y - my && p.Y <= b.Bottom + my,
                    $"sample{sample}: mesh point ({p.X:0},{p.Y:0}) outside the grown box of the face at ({b.X:0},{b.Y:0}) {b.Width:0}x{b.Height:0}");
            float eyes = (Mean(mesh, FaceMeshTopology.LeftEye).Y + Mean(mesh, FaceMeshTopology.RightEye).Y) / 2;
            float mouth = Mean(mesh, FaceMeshTopology.LipsOuter).Y;
            Assert.True(eyes < mouth - 0.1f * b.Height, $"sample{sample}: eyes at y {eyes:0} not above the mouth at y {mouth:0} in the face at ({b.X:0},{b.Y:0})");
        }
    }

    /// <summary>
    /// Hand-marked points (<see cref="SkinPoints"/>): skin at least 0.5 on skin; at most 0.1 on hair, clothing and
    /// background (the soft edge of the body mask may leave a faint tint on lit hair next to skin: 0.05 measured on
    /// the red hair of sample1).
    /// </summary>
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)]
    public void SkinMaskHoldsMarkedSkinAndLeavesHairClothingAndBackground(int sample)
    {
        var skin = fixture.Analysis(sample).SkinMask;
        var (inside, outside) = SkinPoints.ByPhoto[sample];
        var wrong = new List<string>();
        foreach (var p in inside)
            if (skin[0, p.X, p.Y] < 0.5f) wrong.Add($"{p.What} ({p.X},{p.Y}) should be skin, mask {skin[0, p.X, p.Y]:0.00}");
        foreach (var p in outside)
            if (skin[0, p.X, p.Y] > 0.1f) wrong.Add($"{p.What} ({p.X},{p.Y}) should not be skin, mask {skin[0, p.X, p.Y]:0.00}");
        Assert.True(wrong.Count == 0, $"sample{sample}: " + string.Join("; ", wrong));
    }

    /// <summary>
    /// The contract the effects rely on: masks in [0, 1] with no values between 0 and 1/512 (untouched pixels are
    /// exactly 0), face skin inside the skin mask, no skin on the features' cores, and body skin only on the person.
    /// </summary>
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)]
    public void MasksKeepTheContract(int sample)
    {
        var a = fixture.Analysis(sample);
        Assert.NotNull(a.PersonMask);
        foreach (var (name, mask) in new[] { ("skin", a.SkinMask), ("face skin", a.FaceSkinMask), ("features", a.FeatureMask) })
        {
            Assert.All(mask.Data, v => Assert.True(v == 0 || (v >= 1f / 512 && v <= 1), $"{name} value {v}"));
            Assert.Contains(mask.Data, v => v == 1);
        }
        int bodyOffPerson = 0, skinOnFeatures = 0;
        for (int i = 0; i < a.SkinMask.Data.Length; i++)
        {
            Assert.True(a.FaceSkinMask.Data[i] <= a.SkinMask.Data[i], "face skin above skin");
            float body = a.SkinMask.Data[i] - a.FaceSkinMask.Data[i];
            if (body > 0.05f && a.PersonMask!.Data[i] < 0.3f) bodyOffPerson++;
            if (a.FeatureMask.Data[i] >= 0.99f && a.SkinMask.Data[i] > 0.02f) skinOnFeatures++;
        }
        Assert.True(bodyOffPerson == 0, $"{bodyOffPerson} pixels of body skin off the person");
        Assert.True(skinOnFeatures == 0, $"{skinOnFeatures} pixels of skin on the features");
    }

    private static Vector2 Mean(Vector3[] mesh, int[] indices) =>
        indices.Aggregate(Vector2.Zero, (s, i) => s + new Vector2(mesh[i].X, mesh[i].Y)) / indices.Length;
}
