using System.Buffers.Binary;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Layers;

namespace RetouchPlugins.Tests.Imaging;

/// <summary>
/// The one TIFF structure walker (<see cref="TiffStructure"/>) that the Deflate check, the EXIF carried through TIFFs and
/// the layered TIFF reader share: either byte order, classic and BigTIFF, a file written by another program, and the
/// damaged shapes it must read as null rather than throw.
/// </summary>
public sealed class TiffStructureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-tiffstructure-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A big-endian Deflate TIFF (or BigTIFF) of a demo photo crop in 16-row strips, written by ImageMagick (libtiff).</summary>
    private string BigEndianDeflateTiff(bool bigTiff = false)
    {
        var path = Path.Combine(_dir, bigTiff ? "mm.btf" : "mm.tif");
        ExternalTool.Run("convert", [TestImages.Photo("sample1.jpg"), "-crop", "480x360+600+300", "+repage", "-define", "tiff:endian=msb",
            "-compress", "Zip", "-define", "tiff:rows-per-strip=16", (bigTiff ? "TIFF64:" : "TIFF:") + path]);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_big_endian_tiff_from_ImageMagick_reads_its_strip_tables(bool bigTiff)
    {
        var path = BigEndianDeflateTiff(bigTiff);
        using var file = File.OpenRead(path);
        var structure = TiffStructure.Open(file, out string? refusal);
        Assert.Null(refusal);
        Assert.True(structure!.BigEndian);
        Assert.Equal(bigTiff, structure.IsBigTiff);
        var entries = structure.ReadIfd(structure.FirstIfd, out long next)!;
        Assert.Equal(0, next); // one page
        long Number(int tag) => structure.Numbers(entries.Single(e => e.Tag == tag))![0];
        Assert.Equal((480L, 360L, 8L), (Number(256), Number(257), Number(259)));
        var offsets = structure.Numbers(entries.Single(e => e.Tag == 273))!;
        var counts = structure.Numbers(entries.Single(e => e.Tag == 279))!;
        Assert.Equal(360 / 16 + 1, offsets.Length); // 22.5 strips of 16 rows
        Assert.All(offsets.Zip(counts), s => Assert.True(s.First + s.Second <= file.Length));
        Assert.Null(TiffDeflateCheck.Problem(file));
        Assert.Equal((480, 360), (ImageFile.Load(path).Pixels.Width, ImageFile.Load(path).Pixels.Height));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Flipped_bits_in_one_strip_of_a_big_endian_tiff_are_found_by_the_deflate_check(bool bigTiff)
    {
        var path = BigEndianDeflateTiff(bigTiff);
        var bytes = File.ReadAllBytes(path);
        TiffEntry[] entries;
        long[] offsets, counts;
        using (var file = new MemoryStream(bytes, writable: false))
        {
            var structure = TiffStructure.Open(file)!;
            entries = [.. structure.ReadIfd(structure.FirstIfd, out _)!];
            offsets = structure.Numbers(entries.Single(e => e.Tag == 273))!;
            counts = structure.Numbers(entries.Single(e => e.Tag == 279))!;
        }
        // Strip 12's Adler-32 (its last four bytes) changed: the pixels inflate as they were, only the checksum can tell.
        int end = (int)(offsets[11] + counts[11]);
        bytes[end - 1] ^= 0x5a;
        var problem = TiffDeflateCheck.Problem(new MemoryStream(bytes, writable: false));
        Assert.Equal("page 1, strip 12: the Deflate data does not inflate or fails its checksum (InvalidDataException)", problem);
    }

    [Fact]
    public void An_ifd_without_its_next_pointer_at_the_end_of_a_block_still_reads()
    {
        // "II*\0", IFD at 8 with one SHORT entry (Orientation = 6), and nothing after it: some EXIF writers end so.
        var block = new byte[8 + 2 + 12];
        "II*\0"u8.CopyTo(block);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(10), 274);
        BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(18), 6);
        var structure = TiffStructure.Open(new MemoryStream(block))!;
        var entries = structure.ReadIfd(8, out long next)!;
        Assert.Equal(0, next);
        Assert.Equal([6L], structure.Numbers(Assert.Single(entries))!);
        // Cut inside the entry: damaged, null, no exception.
        Assert.Null(TiffStructure.Open(new MemoryStream(block[..^1]))!.ReadIfd(8, out _));
    }

    [Theory]
    [InlineData(new byte[] { 0x49, 0x49, 0x2b, 0x00, 8, 0, 0, 0 }, "file is too short to be a BigTIFF")]
    [InlineData(new byte[] { 0x49, 0x49, 0x2b, 0x00, 4, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0 }, "BigTIFF with 4-byte offsets is not defined (8)")]
    [InlineData(new byte[] { 0x50, 0x4b, 0x03, 0x04, 8, 0, 0, 0 }, "not a TIFF file (no II/MM byte order mark)")]
    [InlineData(new byte[] { 0x4d, 0x4d, 0x00, 0x2b }, "file is too short to be a TIFF")]
    [InlineData(new byte[] { 0x4d, 0x4d, 0x00, 0x2c, 0, 0, 0, 8 }, "not a TIFF file (magic 44)")]
    public void What_is_not_a_tiff_is_refused_with_the_reason(byte[] head, string reason)
    {
        Assert.Null(TiffStructure.Open(new MemoryStream(head), out string? refusal));
        Assert.Equal(reason, refusal);
    }
}
