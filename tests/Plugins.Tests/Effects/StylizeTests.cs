using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using Xunit.Abstractions;
using static RetouchPlugins.Tests.Effects.StylizeFixture;

namespace RetouchPlugins.Tests.Effects;

/// <summary>Exemplar stylize on crops of the demo photos with the real analyzer and the bundled styles.</summary>
public sealed class StylizeTests(StylizeFixture fixture, ITestOutputHelper output) : IClassFixture<StylizeFixture>
{
    /// <summary>
    /// Settings that make the effect compute the field at half resolution on the test crops' faces (about 200 px wide;
    /// the effect does so above <see cref="ExemplarStylizer.HalfResolutionFaceWidth"/>), or at full resolution.
    /// </summary>
    private static StylizeSettings Field(bool halfResolution, StylizeSettings? settings = null) =>
        (settings ?? new StylizeSettings()) with { HalfResolutionAbove = halfResolution ? 0 : float.PositiveInfinity };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_face_stylized_with_itself_reproduces_itself(bool halfResolution)
    {
        var (image, analysis) = fixture.Load(Sample1Left);
        var style = StyleExemplar.Create("self", image, analysis);
        var result = ExemplarStylizer.Render(image, analysis, style, Field(halfResolution));
        var oval = new FaceRegions(analysis.Faces[0].Mesh!).Mask(FaceRegion.FaceOval, image.Width, image.Height);
        double psnr = Psnr(image, result.Image, oval);
        output.WriteLine($"PSNR in the face oval: {psnr:F1} dB");
        Save(result.Image, $"self-{(halfResolution ? "half" : "full")}.png");
        Assert.True(psnr >= 30, $"self-style PSNR {psnr:F1} dB < 30 dB");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Colours_in_the_head_come_from_the_exemplar(bool halfResolution)
    {
        var (image, analysis) = fixture.Load(Sample1Left);
        // The pencil style is grey: every exemplar colour has R = G = B (within JPEG's chroma noise).
        var style = fixture.Style("pencil");
        // Without voting, every head pixel is one exemplar pixel exactly: the one its correspondence names.
        var copy = ExemplarStylizer.Render(image, analysis, style, Field(halfResolution, new StylizeSettings(BlendRadius: 0)));
        var face = Assert.Single(copy.Faces);
        // The crop the effect used (the style keeps it per face size).
        var crop = style.CropFor(new HeadShape(analysis.Faces[0].Mesh!.Select(p => new Vector2(p.X, p.Y)).ToArray()).EyeSpan).Colours;
        Assert.Equal((crop.Width, crop.Height), (face.StyleWidth, face.StyleHeight));
        int core = 0;
        for (int r = 0; r < face.Rect.Height; r++)
            for (int x = 0; x < face.Rect.Width; x++)
            {
                int i = r * face.Rect.Width + x, s = face.Field[i];
                Assert.InRange(s, 0, crop.PlaneSize - 1); // the field stays inside the style
                if (face.Weight.Data[i] < 1) continue;
                core++;
                for (int c = 0; c < 3; c++)
                    Assert.Equal(crop.Data[c * crop.PlaneSize + s], copy.Image[c, face.Rect.X + x, face.Rect.Y + r]);
            }
        Assert.True(core > 20000, $"only {core} pixels at full head weight");

        // With 3x3 voting a head pixel is a mean of exemplar pixels, so it is as grey as the exemplar: chroma
        // (largest channel difference) within the exemplar's own 99th percentile plus 0.01 for 99% of the head,
        // where the photo's skin is far from grey.
        var voted = ExemplarStylizer.Render(image, analysis, style, Field(halfResolution));
        Save(voted.Image, $"pencil-{(halfResolution ? "half" : "full")}.png");
        float styleChroma = Percentile(Chroma(crop, null), 0.99);
        float outChroma = Percentile(Chroma(voted.Image, voted.HeadMask), 0.99);
        float photoChroma = Percentile(Chroma(image, voted.HeadMask), 0.5);
        output.WriteLine($"chroma: exemplar p99 {styleChroma:F3}, stylized head p99 {outChroma:F3}, photo head median {photoChroma:F3}");
        Assert.True(outChroma <= styleChroma + 0.01f, $"stylized head chroma p99 {outChroma:F3} > exemplar's {styleChroma:F3} + 0.01");
        Assert.True(photoChroma > 4 * (styleChroma + 0.01f), $"the photo ({photoChroma:F3}) is as grey as the exemplar: the test cannot tell");
    }

    /// <summary>max(R, G, B) − min(R, G, B) of every pixel (with mask ≥ 0.99 when a mask is given).</summary>
    private static List<float> Chroma(PlanarImage image, PlanarImage? mask)
    {
        var list = new List<float>();
        int n = image.PlaneSize;
        for (int i = 0; i < n; i++)
        {
            if (mask is not null && mask.Data[i] < 0.99f) continue;
            float r = image.Data[i], g = image.Data[n + i], b = image.Data[2 * n + i];
            list.Add(MathF.Max(r, MathF.Max(g, b)) - MathF.Min(r, MathF.Min(g, b)));
        }
        return list;
    }

    private static float Percentile(List<float> values, double p)
    {
        values.Sort();
        return values[(int)Math.Min(values.Count - 1, p * values.Count)];
    }

    /// <summary>
    /// Our mesh run on the stylized photo finds eyes, nose tip and mouth within <paramref name="tolerance"/> face
    /// widths (RMS) of where it found them on the photo. Bounds are what we measure plus one percent of the face
    /// width (about 2 px here) for other CPUs: pencil and oil measured 1.0–1.5 %, bound 2.5 %; the painting style
    /// (saturated false colours, strong outlines) is harder for the mesh network itself: measured 3.1 % (sample4)
    /// and 6.0 % (sample1), bounds 4.5 % and 7 % (bench/OBSERVATIONS.md). The position-only mapping (threshold 0),
    /// which puts the style's mesh points exactly on the photo's, measures 5.6 % and 6.3 % with the painting: the
    /// floor is how the network reads the painted face, not the positional guide. With the field at half resolution
    /// (forced here on faces of about 180 px; the effect uses it above 400 px): pencil 1.3 %, painting (sample4) 4.0 %,
    /// bounds 2.5 % and 5 %.
    /// </summary>
    [Theory]
    [InlineData("pencil", 1, 0.025, false)]
    [InlineData("oil", 5, 0.025, false)]
    [InlineData("painting", 4, 0.045, false)]
    [InlineData("painting", 1, 0.07, false)]
    [InlineData("pencil", 1, 0.025, true)]
    [InlineData("painting", 4, 0.05, true)]
    public void Structure_is_kept_the_mesh_finds_eyes_nose_and_mouth_where_they_were(string styleName, int sample, double tolerance, bool halfResolution)
    {
        var (image, analysis) = fixture.Load(sample switch { 1 => Sample1Left, 4 => Sample4Left, _ => Sample5Fourth });
        var result = ExemplarStylizer.Render(image, analysis, fixture.Style(styleName), Field(halfResolution));
        Save(result.Image, $"structure-{styleName}-{sample}-{(halfResolution ? "half" : "full")}.png");
        var again = fixture.Analyze(result.Image);
        var before = analysis.Faces[0];
        var after = Assert.Single(again.Faces, f => f.Box.Center.X > before.Box.X && f.Box.Center.X < before.Box.Right);
        float width = before.Box.Width;
        double rms = KeyPointRms(before.Mesh!, after.Mesh!);
        output.WriteLine($"{styleName}: key-point RMS {rms:F2} px = {rms / width:P2} of the face width {width:F0} px");
        Assert.True(rms <= tolerance * width, $"key points moved {rms:F1} px RMS, more than {tolerance:P0} of {width:F0} px");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Threshold_zero_is_position_only_so_the_seed_no_longer_matters(bool halfResolution)
    {
        var (image, analysis) = fixture.Load(Sample1Left);
        var style = fixture.Style("oil");
        var a = ExemplarStylizer.Render(image, analysis, style, Field(halfResolution, new StylizeSettings(Threshold: 0, Seed: 1)));
        var b = ExemplarStylizer.Render(image, analysis, style, Field(halfResolution, new StylizeSettings(Threshold: 0, Seed: 2)));
        Assert.Equal(a.Image.Data, b.Image.Data);
        var c = ExemplarStylizer.Render(image, analysis, style, Field(halfResolution, new StylizeSettings(Seed: 1)));
        var d = ExemplarStylizer.Render(image, analysis, style, Field(halfResolution, new StylizeSettings(Seed: 2)));
        Assert.NotEqual(c.Faces[0].Field, d.Faces[0].Field);
    }

    [Fact]
    public void Outside_the_head_mask_the_photo_is_bit_exact_and_a_seed_gives_the_same_picture()
    {
        var (image, analysis) = fixture.Load(Sample6Pair);
        Assert.True(analysis.Faces.Count == 2, $"{analysis.Faces.Count} faces found in the two-face crop");
        var style = fixture.Style("cartoon");
        var first = ExemplarStylizer.Render(image, analysis, style, new StylizeSettings(Seed: 7));
        var second = ExemplarStylizer.Render(image, analysis, style, new StylizeSettings(Seed: 7));
        Assert.Equal(first.Image.Data, second.Image.Data);
        Assert.Equal(first.HeadMask.Data, second.HeadMask.Data);
        Save(first.Image, "pair-cartoon.png");
        Save(first.HeadMask, "pair-head-mask.png");

        int outside = 0, changedInside = 0;
        for (int i = 0; i < image.PlaneSize; i++)
        {
            bool same = Enumerable.Range(0, 3).All(c => BitConverter.SingleToInt32Bits(image.Data[c * image.PlaneSize + i]) ==
                                                         BitConverter.SingleToInt32Bits(first.Image.Data[c * image.PlaneSize + i]));
            if (first.HeadMask.Data[i] == 0) { outside++; Assert.True(same, $"pixel {i % image.Width},{i / image.Width} outside the head changed"); }
            else if (!same) changedInside++;
        }
        output.WriteLine($"{outside} pixels outside the heads unchanged, {changedInside} inside changed");
        Assert.True(outside > image.PlaneSize / 3);
        // Both faces were stylized: the head mask is full at each face's centre.
        foreach (var f in analysis.Faces)
            Assert.Equal(1f, first.HeadMask[0, (int)f.Box.Center.X, (int)f.Box.Center.Y]);
    }

    [Fact]
    public void A_style_without_a_face_or_landmarks_is_an_error_naming_the_file()
    {
        var path = StylePath("cartoon.jpg");
        var image = ImageFile.Load(path).Pixels;
        var analysis = fixture.Analyze(image);
        Assert.Empty(analysis.Faces); // the analyzer cannot read the cartoon: that is why it ships a landmark file
        var e = Assert.Throws<InvalidDataException>(() => StyleExemplar.Create(path, image, analysis));
        Assert.Contains(path, e.Message);
        Assert.Contains("no face", e.Message);
    }

    [Fact]
    public void A_style_far_larger_than_the_face_is_scaled_with_a_message()
    {
        var (image, analysis) = fixture.Load(Sample5Fourth);
        var small = fixture.Style("pencil");
        var big = Resampler.Resize(small.Image, small.Image.Width * 3, small.Image.Height * 3);
        var large = StyleExemplar.Create("pencil-x3.png", big, null, WriteMesh(small.Mesh.Select(p => p * 3), big.Width, big.Height));
        var result = ExemplarStylizer.Render(image, analysis, large, new StylizeSettings());
        output.WriteLine(result.Message);
        Assert.NotNull(result.Message);
        Assert.Contains("pencil-x3.png", result.Message);
        Assert.Contains("scaled", result.Message);
        Assert.InRange(result.Faces[0].StyleScale, 0.2f, 0.5f);
    }

    private static string WriteMesh(IEnumerable<Vector2> mesh, int width, int height)
    {
        var path = Path.Combine(Path.GetTempPath(), $"stylize-mesh-{Guid.NewGuid():N}.json");
        var points = string.Join(",", mesh.Select(p => FormattableString.Invariant($"[{p.X},{p.Y},0]")));
        File.WriteAllText(path, $"{{\"width\":{width},\"height\":{height},\"faces\":[{{\"mesh\":[{points}]}}]}}");
        return path;
    }

    /// <summary>Eye centres, nose tip and mouth centre: RMS distance between two meshes, pixels.</summary>
    private static double KeyPointRms(Vector3[] a, Vector3[] b)
    {
        Vector2 Mean(Vector3[] m, int[] idx) => idx.Aggregate(Vector2.Zero, (s, i) => s + new Vector2(m[i].X, m[i].Y)) / idx.Length;
        int[][] parts = [FaceMeshTopology.LeftEye, FaceMeshTopology.RightEye, [FaceMeshTopology.NoseTip], FaceMeshTopology.LipsOuter];
        return Math.Sqrt(parts.Average(p => Vector2.DistanceSquared(Mean(a, p), Mean(b, p))));
    }

    private static double Psnr(PlanarImage a, PlanarImage b, PlanarImage mask)
    {
        double sum = 0; long n = 0;
        for (int i = 0; i < a.PlaneSize; i++)
        {
            if (mask.Data[i] < 0.5f) continue;
            for (int c = 0; c < 3; c++)
            {
                double d = a.Data[c * a.PlaneSize + i] - b.Data[c * b.PlaneSize + i];
                sum += d * d; n++;
            }
        }
        return 10 * Math.Log10(1 / Math.Max(sum / n, 1e-12));
    }

    private static void Save(PlanarImage image, string name)
    {
        if (LookDir is { } dir) ImageFile.SavePng(image, Path.Combine(dir, "stylize-" + name));
    }
}
