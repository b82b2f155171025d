using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Tests.Layers;

/// <summary>Random damage to a valid file must either still read or fail with <see cref="LayerFileException"/>
/// naming the file — never another exception type, a hang or a huge allocation.</summary>
public class CorruptionTests
{
    [Theory]
    [InlineData(".ora")]
    [InlineData(".psd")]
    [InlineData(".tif")]
    public void DamagedFilesFailOnlyWithAClearError(string extension)
    {
        var dir = LayerSamples.TempDir();
        var good = Path.Combine(dir, "good" + extension);
        var doc = new LayerDocument(24, 16);
        var small = LayerSamples.ThreeLayers(8);
        foreach (var l in small.Layers) doc.Add(new Layer(l.Name, l.Pixels.Crop(0, 0, Math.Min(24, l.Width), Math.Min(16, l.Height))) { OffsetX = l.OffsetX % 4, BlendMode = l.BlendMode });
        LayerFile.Write(doc, good);
        var bytes = File.ReadAllBytes(good);
        var rng = new Random(42);
        var bad = Path.Combine(dir, "bad" + extension);
        var unexpected = new List<string>();
        for (int trial = 0; trial < 150; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            if (trial % 3 == 0) damaged = damaged[..rng.Next(1, damaged.Length)];
            else for (int k = 0; k < 1 + trial % 4; k++) damaged[rng.Next(damaged.Length)] = (byte)rng.Next(256);
            File.WriteAllBytes(bad, damaged);
            try { LayerFile.Read(bad); }
            catch (LayerFileException e) when (e.Message.StartsWith(bad)) { }
            catch (Exception e) { unexpected.Add($"trial {trial}: {e.GetType().Name}: {e.Message}"); }
        }
        Assert.Empty(unexpected);
        Directory.Delete(dir, true);
    }

    /// <summary>
    /// Photoshop's own documents damaged at random, read as a photo (<see cref="RetouchPlugins.Shared.Imaging.ImageFile.Load"/>)
    /// and, when they read, written with a layer added: either that works or it fails naming the file.
    /// </summary>
    [Theory]
    [InlineData("mask.psd")]
    [InlineData("16bit5x5.psd")]
    [InlineData("type-layer.psd")]
    public void Damaged_Photoshop_documents_fail_only_with_a_clear_error(string file)
    {
        var dir = LayerSamples.TempDir();
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "photoshop", file));
        var rng = new Random(7);
        string bad = Path.Combine(dir, "bad.psd"), written = Path.Combine(dir, "written.psd");
        var unexpected = new List<string>();
        int wrote = 0;
        for (int trial = 0; trial < 120; trial++)
        {
            var damaged = (byte[])bytes.Clone();
            if (trial % 3 == 0) damaged = damaged[..rng.Next(1, damaged.Length)];
            else for (int k = 0; k < 1 + trial % 4; k++) damaged[rng.Next(damaged.Length)] = (byte)rng.Next(256);
            File.WriteAllBytes(bad, damaged);
            try
            {
                var photo = RetouchPlugins.Shared.Imaging.ImageFile.Load(bad);
                photo.Photoshop!.WriteWithLayersOnTop([new Layer("Retouched", photo.Pixels)], written);
                wrote++;
            }
            catch (IOException e) when (e.Message.StartsWith(bad)) { } // ImageFileException and LayerFileException name the file
            catch (Exception e) { unexpected.Add($"trial {trial}: {e.GetType().Name}: {e.Message}"); }
        }
        Assert.Empty(unexpected);
        Assert.InRange(wrote, 1, 119); // damage in the pixels still reads; damage in the structure is refused
        Directory.Delete(dir, true);
    }
}
