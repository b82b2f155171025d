using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Effects.Catalog;

/// <summary>
/// Every catalog effect at its defaults (amounts that default to 0 at 0.5) on a two-face crop of sample1, against the stored reference
/// output in tests/Plugins.Tests/ReferenceOutput/ID.png (8-bit), with <see cref="TolerantImageComparer"/>: a
/// quality drift that still passes the behavioural thresholds is caught here. After an intended change,
/// regenerate them with `RETOUCH_UPDATE_REFERENCES=1 bash scripts/test.sh --filter ReferenceImageTests`, look at
/// the new PNGs, and commit them with the change.
/// </summary>
public sealed class ReferenceImageTests(CatalogPhoto photo) : IClassFixture<CatalogPhoto>
{
    private static readonly TolerantImageComparer Comparer = new();

    public static TheoryData<string> Ids => new(EffectCatalog.All.Select(e => e.Id));

    [Theory, MemberData(nameof(Ids))]
    public void Output_matches_the_stored_reference(string id)
    {
        var (image, analysis) = photo.Face;
        var effect = EffectCatalog.Get(id).Create();
        var actual = Quantize(effect.Render(new EffectInput(image, analysis, photo.Resources), EffectContractTests.Strong(effect)).Image);
        string path = Path.Combine(SourceFolder(), $"{id}.png");

        if (Environment.GetEnvironmentVariable("RETOUCH_UPDATE_REFERENCES") == "1")
            ImageFile.SavePng(actual, path);
        Assert.True(File.Exists(path), $"{path}: no reference output; create it with RETOUCH_UPDATE_REFERENCES=1 (see the class remarks)");

        var expected = ImageFile.Load(path).Pixels;
        Comparer.AssertSimilar(expected, actual, id);
        Assert.NotEqual(Quantize(image).Data, actual.Data); // a reference of the untouched crop would prove nothing
    }

    /// <summary>The 8-bit image a PNG holds (what the reference stores).</summary>
    private static PlanarImage Quantize(PlanarImage image)
    {
        var q = new PlanarImage(image.Width, image.Height, 3);
        for (int i = 0; i < q.Data.Length; i++) q.Data[i] = MathF.Round(Math.Clamp(image.Data[i], 0, 1) * 255) / 255;
        return q;
    }

    /// <summary>tests/Plugins.Tests/ReferenceOutput in the source tree (found from the test binary's folder upward).</summary>
    private static string SourceFolder() => Directory.CreateDirectory(Path.Combine(Repository.Root, "tests", "Plugins.Tests", "ReferenceOutput")).FullName;
}
