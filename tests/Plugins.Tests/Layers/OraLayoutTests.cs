using System.IO.Compression;
using System.Text;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Tests.Layers;

/// <summary>The container rules of the OpenRaster spec that file-type sniffers and editors rely on.</summary>
public class OraLayoutTests
{
    [Fact]
    public void MimetypeIsFirstStoredAndReadableAtAFixedOffset()
    {
        var dir = LayerSamples.TempDir();
        var doc = new LayerDocument(600, 300);
        var img = new PlanarImage(600, 300, 3);
        img.Plane(0).Fill(0.5f);
        doc.Add(new Layer("Original", img));
        var path = Path.Combine(dir, "big.ora");
        LayerFile.Write(doc, path);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal("PK\u0003\u0004", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(0, BitConverter.ToUInt16(bytes, 8)); // compression method: stored
        Assert.Equal(0, BitConverter.ToUInt16(bytes, 28)); // no extra field, so the content sits at byte 38
        Assert.Equal("mimetypeimage/openraster", Encoding.ASCII.GetString(bytes, 30, 24));

        using var zip = ZipFile.OpenRead(path);
        Assert.Equal("mimetype", zip.Entries[0].FullName);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("stack.xml", names);
        Assert.Contains("mergedimage.png", names);
        using (var s = zip.GetEntry("stack.xml")!.Open())
            Assert.Equal((byte)'<', (byte)s.ReadByte()); // no byte-order mark
        using (var s = zip.GetEntry("Thumbnails/thumbnail.png")!.Open())
        {
            var thumb = LayerSamples.ReadPng(s, "thumbnail.png").Pixels;
            Assert.Equal((256, 128), (thumb.Width, thumb.Height));
            Assert.Equal(0.5f, thumb[0, 100, 60], 1f / 255);
        }
        Directory.Delete(dir, true);
    }
}
