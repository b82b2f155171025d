using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Layers;

/// <summary>Atomic writes and clear errors on bad input.</summary>
public class LayerFileSafetyTests
{

    [Theory]
    [InlineData(".ora")]
    [InlineData(".psd")]
    [InlineData(".tif")]
    public void AFailedWriteLeavesTheExistingFileUntouched(string extension)
    {
        var dir = LayerSamples.TempDir();
        var path = Path.Combine(dir, "result" + extension);
        LayerFile.Write(LayerSamples.ThreeLayers(8), path);
        var before = File.ReadAllBytes(path);

        var e = Assert.Throws<IOException>(() => LayerFile.Write(LayerSamples.ThreeLayers(16), path, s => new FailingStream(s, 3000)));
        Assert.Contains("simulated", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(dir)); // the temporary file is gone too
        Assert.Equal(8, LayerFile.Read(path).BitsPerSample);
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData(".ora")]
    [InlineData(".psd")]
    [InlineData(".tif")]
    public void TruncatedOrGarbageFilesGiveAnErrorNamingTheFile(string extension)
    {
        var dir = LayerSamples.TempDir();
        var good = Path.Combine(dir, "good" + extension);
        LayerFile.Write(LayerSamples.ThreeLayers(8), good);
        var bytes = File.ReadAllBytes(good);

        foreach (var (name, content) in new[]
        {
            ("truncated", bytes[..(bytes.Length * 2 / 3)]),
            ("garbage", Enumerable.Range(0, 500).Select(i => (byte)(i * 31 + 7)).ToArray()),
            ("empty", Array.Empty<byte>()),
        })
        {
            var bad = Path.Combine(dir, name + extension);
            File.WriteAllBytes(bad, content);
            var e = Assert.Throws<LayerFileException>(() => LayerFile.Read(bad));
            Assert.StartsWith(bad + ": ", e.Message);
        }
        Directory.Delete(dir, true);
    }

    [Fact]
    public void UnknownExtensionIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => LayerFile.Write(LayerSamples.ThreeLayers(8), "/tmp/x.xcf"));
        Assert.Contains(".xcf", e.Message);
    }
}
