using System.Buffers.Binary;
using System.IO.Compression;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Shared.Layers.Psd;

namespace RetouchPlugins.Tests.Layers;

/// <summary>
/// ZIP channel data in PSD (compression 2, and 3 "with prediction"): what Photoshop writes for 16-bit layers, so a
/// retoucher's 16-bit PSD handed to `retouch open` must read; and what we now write for our own 16-bit layers,
/// which were raw before (a 24 MP retouch's PSD was 960 MB).
/// </summary>
public sealed class PsdZipTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-psdzip-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A real photo crop at 16 bits, with noise below the 8-bit step so it is not 8-bit data in disguise.</summary>
    private static PlanarImage Photo16()
    {
        var photo = ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg")).Pixels.Crop(700, 300, 240, 160);
        var random = new Random(7);
        foreach (ref var v in photo.Data.AsSpan()) v = Math.Clamp(v + (float)(random.NextDouble() - 0.5) / 255f, 0f, 1f);
        return photo;
    }

    [Fact]
    public void Our_16_bit_layers_are_zip_with_prediction_a_fraction_of_raw_and_read_back_exactly()
    {
        var photo = Photo16();
        var document = new LayerDocument(photo.Width, photo.Height, 16);
        document.Add(new Layer("Original", photo));
        document.Add(new Layer("Mask", new PlanarImage(photo.Width, photo.Height, 1, photo.Plane(1).ToArray())) { Visible = false });
        var path = Path.Combine(_dir, "ours16.psd");
        LayerFile.Write(document, path);

        var back = LayerFile.Read(path);
        for (int l = 0; l < 2; l++)
            Assert.Equal(0f, LayerSamples.MaxVisibleDifference(document.Layers[l].Pixels, back.Layers[l].Pixels), 0.6f / 65535); // rounding to the 16-bit grid

        // Raw would be 2 layers x 4 channels x 2 bytes a sample, plus the raw merged image (4 channels).
        long raw = 2L * 4 * 2 * photo.PlaneSize, merged = 4L * 2 * photo.PlaneSize;
        long layerBytes = new FileInfo(path).Length - merged;
        // The noise added below the 8-bit step does not compress (78 % of raw here); the opaque alpha channels do.
        // On the 24 MP retouch of an 8-bit photo saved as 16-bit the whole file went from 960 to 264 MB.
        Assert.True(layerBytes < raw * 0.85, $"layer data {layerBytes} bytes against {raw} raw");
        Assert.Equal(PsdChannelCodec.ZipPredicted, FirstLayerChannelCompression(File.ReadAllBytes(path)));
    }

    [Fact]
    public void A_16_bit_psd_imagemagick_wrote_with_zip_reads_with_its_pixels()
    {
        var photo = Photo16();
        var png = Path.Combine(_dir, "photo16.png");
        ImageFile.Save(new ImageDocument(photo, 16, null, null, ImageFormat.Png), png);
        var psd = Path.Combine(_dir, "magick16.psd");
        ExternalTool.Run("convert", [png, "-compress", "Zip", psd]);

        var bytes = File.ReadAllBytes(psd);
        Assert.Equal(PsdChannelCodec.Zip, FirstLayerChannelCompression(bytes)); // a third party's ZIP, not ours
        var doc = LayerFile.Read(psd);
        Assert.Equal((photo.Width, photo.Height, 16), (doc.Width, doc.Height, doc.BitsPerSample));
        var layer = Assert.Single(doc.Layers).Pixels;
        for (int c = 0; c < 3; c++)
            Assert.Equal(0f, MaxDifference(photo.Plane(c), layer.Plane(c)), 0.6f / 65535); // rounding to the 16-bit grid
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void Zip_with_prediction_sums_each_row_s_differences_back(int bits)
    {
        // Rows written as Photoshop does: each sample minus its left neighbour (wrapping), then one zlib stream.
        int w = 5, h = 2, bps = bits / 8;
        int[] values = bits == 8 ? [10, 200, 3, 255, 0, 7, 7, 8, 250, 1] : [1000, 65535, 2, 40000, 0, 9, 9, 10, 65000, 300];
        var deltas = new byte[w * h * bps];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x, d = values[i] - (x == 0 ? 0 : values[i - 1]);
                if (bits == 8) deltas[i] = unchecked((byte)d);
                else BinaryPrimitives.WriteUInt16BigEndian(deltas.AsSpan(i * 2), unchecked((ushort)d));
            }
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true)) z.Write(deltas);

        var plane = PsdChannelCodec.Decode(ms.ToArray(), PsdChannelCodec.ZipPredicted, 1, w, h, bits)[0];

        float max = bits == 8 ? 255f : 65535f;
        Assert.Equal(values.Select(v => (float)v), plane.Select(v => MathF.Round(v * max)));
        Assert.Throws<InvalidDataException>(() => PsdChannelCodec.Decode(ms.ToArray()[..^6], PsdChannelCodec.ZipPredicted, 1, w, h, bits));
    }

    private static float MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        return worst;
    }

    /// <summary>The compression marker of the first layer's first channel (header, colour mode, resources, then the layer records).</summary>
    private static int FirstLayerChannelCompression(byte[] psd)
    {
        int pos = 26;
        pos += 4 + BinaryPrimitives.ReadInt32BigEndian(psd.AsSpan(pos)); // colour mode data
        pos += 4 + BinaryPrimitives.ReadInt32BigEndian(psd.AsSpan(pos)); // image resources
        pos += 4 + 4; // layer and mask section length, layer info length
        int count = Math.Abs(BinaryPrimitives.ReadInt16BigEndian(psd.AsSpan(pos)));
        pos += 2;
        for (int i = 0; i < count; i++)
        {
            pos += 16;
            int channels = BinaryPrimitives.ReadUInt16BigEndian(psd.AsSpan(pos));
            pos += 2 + channels * 6 + 12;
            pos += 4 + BinaryPrimitives.ReadInt32BigEndian(psd.AsSpan(pos)); // extra data
        }
        return BinaryPrimitives.ReadUInt16BigEndian(psd.AsSpan(pos));
    }
}
