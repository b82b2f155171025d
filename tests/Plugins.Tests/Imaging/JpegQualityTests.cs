using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Imaging.Jpeg;
using RetouchPlugins.Tests.Layers;

namespace RetouchPlugins.Tests.Imaging;

/// <summary>
/// The JPEG quality read from a file's quantisation tables: files written at known qualities by libvips (our writer)
/// and ImageMagick, tables that are not IJG-scaled, 16-bit tables, and truncated or malformed files, which must give a
/// reason and never throw.
/// </summary>
public sealed class JpegQualityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-jpegq-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static PlanarImage Photo() => ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg")).Pixels.Crop(1400, 150, 256, 192);

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    [InlineData(40)]
    [InlineData(50)]
    [InlineData(75)]
    [InlineData(90)]
    [InlineData(95)]
    public void A_file_written_by_libvips_at_a_known_quality_gives_that_quality(int quality)
    {
        string path = Path.Combine(_dir, $"vips-q{quality}.jpg");
        ImageFile.Save(new ImageDocument(Photo(), 8, null, null, ImageFormat.Jpeg), path, new ImageSaveOptions { JpegQuality = quality });

        var found = JpegQuality.OfFile(path, out var reason);

        // Tolerance: exact. libvips scales the standard tables by libjpeg's rule, so the tables fit with error 0.
        Assert.True(found is not null, reason);
        Assert.Equal(quality, found.Quality);
        Assert.Equal(0, found.FitError, 9);
        Assert.True(found.IjgTables);
    }

    [Theory]
    [InlineData(25)]
    [InlineData(60)]
    [InlineData(85)]
    public void A_file_written_by_ImageMagick_at_a_known_quality_gives_that_quality(int quality)
    {
        string png = Path.Combine(_dir, "in.png"), path = Path.Combine(_dir, $"magick-q{quality}.jpg");
        ImageFile.SavePng(Photo(), png);
        ExternalTool.Run("convert", [png, "-quality", quality.ToString(System.Globalization.CultureInfo.InvariantCulture), path]);

        var found = JpegQuality.OfFile(path, out var reason);

        // Tolerance: exact (ImageMagick's JPEG coder calls libjpeg's jpeg_set_quality as well).
        Assert.True(found is not null, reason);
        Assert.Equal(quality, found.Quality);
        Assert.True(found.IjgTables, $"fit error {found.FitError}");
    }

    [Fact]
    public void Tables_that_are_not_IJG_scaled_get_the_nearest_quality_and_are_flagged()
    {
        // Flat tables (every step 8) are what some encoders write; the nearest IJG quality must still say "high".
        var flat = Enumerable.Repeat(8, 64).ToArray();
        var found = JpegQuality.Estimate(flat, flat);
        Assert.False(found.IjgTables, $"fit error {found.FitError}");
        Assert.InRange(found.Quality, 70, 95);
        // The same tables scaled by a quality are recognised again (the fit can fail both ways).
        var q42 = JpegQuality.StandardLuma.Select(s => JpegQuality.ScaledStep(s, 42)).ToArray();
        var chroma42 = JpegQuality.StandardChroma.Select(s => JpegQuality.ScaledStep(s, 42)).ToArray();
        Assert.Equal(42, JpegQuality.Estimate(q42, chroma42).Quality);
    }

    [Fact]
    public void A_sixteen_bit_table_is_read_in_natural_order()
    {
        var luma = Enumerable.Range(0, 64).Select(i => 300 + i).ToArray(); // natural order; stored in zig-zag below
        var bytes = MinimalHeader(luma, sixteenBit: true);

        var header = JpegHeaderReader.Parse(bytes, out var reason);

        Assert.True(header is not null, reason);
        Assert.Equal(luma, header.LumaTable);
        Assert.Equal((16, 8), (header.Width, header.Height));
    }

    [Fact]
    public void Truncated_and_malformed_files_give_a_reason_and_never_throw()
    {
        string good = Path.Combine(_dir, "good.jpg");
        ImageFile.Save(new ImageDocument(Photo(), 8, null, null, ImageFormat.Jpeg), good, new ImageSaveOptions { JpegQuality = 30 });
        var bytes = File.ReadAllBytes(good);
        int sos = IndexOfSos(bytes);
        Assert.NotNull(JpegHeaderReader.Parse(bytes, out _));

        // Every cut before the image data fails with a reason.
        for (int length = 0; length <= sos; length++)
        {
            var header = JpegHeaderReader.Parse(bytes.AsSpan(0, length), out var reason);
            Assert.True(header is null, $"cut at {length} of {sos} bytes parsed");
            Assert.False(string.IsNullOrEmpty(reason));
        }
        // Seeded byte flips in the header: either parsed or refused with a reason, never an exception.
        var random = new Random(16);
        for (int trial = 0; trial < 2000; trial++)
        {
            var copy = (byte[])bytes.Clone();
            for (int k = 0; k < 3; k++) copy[random.Next(2, sos + 4)] = (byte)random.Next(256);
            var header = JpegHeaderReader.Parse(copy, out var reason);
            Assert.True(header is not null || !string.IsNullOrEmpty(reason));
        }
        // A PNG, an empty file and a missing file name the problem.
        string png = Path.Combine(_dir, "photo.png");
        ImageFile.SavePng(Photo(), png);
        Assert.Null(JpegQuality.OfFile(png, out var notJpeg));
        Assert.Contains("not a JPEG", notJpeg);
        File.WriteAllBytes(Path.Combine(_dir, "empty.jpg"), []);
        Assert.Null(JpegQuality.OfFile(Path.Combine(_dir, "empty.jpg"), out var empty));
        Assert.Contains("empty.jpg", empty);
        Assert.Null(JpegQuality.OfFile(Path.Combine(_dir, "missing.jpg"), out var missing));
        Assert.Contains("missing.jpg", missing);
        // A zero step and a component pointing at a table the file lacks.
        var zero = MinimalHeader(Enumerable.Repeat(0, 64).ToArray(), sixteenBit: false);
        Assert.Null(JpegHeaderReader.Parse(zero, out var zeroReason));
        Assert.Contains("zero step", zeroReason);
        var lacking = MinimalHeader(Enumerable.Repeat(4, 64).ToArray(), sixteenBit: false, componentTable: 2);
        Assert.Null(JpegHeaderReader.Parse(lacking, out var lackingReason));
        Assert.Contains("table 2", lackingReason);
    }

    private static int IndexOfSos(byte[] bytes)
    {
        for (int i = 2; i + 1 < bytes.Length; i++)
            if (bytes[i] == 0xFF && bytes[i + 1] == 0xDA) return i;
        throw new InvalidDataException("no SOS");
    }

    /// <summary>SOI, one DQT (table 0), a baseline SOF of one 16x8 component and an SOS header.</summary>
    private static byte[] MinimalHeader(int[] natural, bool sixteenBit, int componentTable = 0)
    {
        var b = new List<byte> { 0xFF, 0xD8, 0xFF, 0xDB };
        int length = 2 + 1 + 64 * (sixteenBit ? 2 : 1);
        b.Add((byte)(length >> 8)); b.Add((byte)length);
        b.Add((byte)(sixteenBit ? 0x10 : 0x00));
        for (int k = 0; k < 64; k++)
        {
            int v = natural[JpegHeaderReader.ZigZag[k]];
            if (sixteenBit) b.Add((byte)(v >> 8));
            b.Add((byte)v);
        }
        b.AddRange([0xFF, 0xC0, 0, 11, 8, 0, 8, 0, 16, 1, 1, 0x11, (byte)componentTable]);
        b.AddRange([0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0]);
        return b.ToArray();
    }
}
