using System.IO.Compression;
using RetouchPlugins.Shared.Layers.Tiff;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// Verifies the Deflate streams of a TIFF's first page to their end, Adler-32 included. libtiff stops inflating a
/// strip as soon as it has the strip's bytes, so flipped bits that still inflate to the right length pass it as
/// garbage pixels (a layered TIFF came out mostly transparent); zlib only checks the stream when it reaches the end.
/// Runs after libvips has decoded the page, on the same bytes: a few tens of milliseconds per megapixel. Each strip is
/// read from the file as it is inflated (the file is not held in memory).
/// </summary>
internal static class TiffDeflateCheck
{
    private const int TileOffsets = 324, TileByteCounts = 325;

    /// <summary>Null when the stream is not a Deflate TIFF or every stream of its first page checks out, else what is wrong.</summary>
    public static string? Problem(Stream tiff)
    {
        if (TiffStructure.Open(tiff) is not { } structure || structure.ReadIfd(structure.FirstIfd, out _) is not { } entries)
            return null; // not a TIFF: libvips' own checks only
        int compression = TiffTags.CompressionNone;
        long[] offsets = [], lengths = [];
        foreach (var entry in entries)
        {
            if (entry.Type is not (TiffTags.Short or TiffTags.Long or TiffTags.Long8) || structure.Numbers(entry) is not { Length: > 0 } values) continue;
            if (entry.Tag == TiffTags.Compression) compression = (int)values[0];
            else if (entry.Tag is TiffTags.StripOffsets or TileOffsets) offsets = values;
            else if (entry.Tag is TiffTags.StripByteCounts or TileByteCounts) lengths = values;
        }
        if (compression is not (TiffTags.CompressionDeflate or TiffTags.CompressionDeflateOld) || offsets.Length != lengths.Length) return null;
        var sink = new byte[1 << 16];
        for (int s = 0; s < offsets.Length; s++)
        {
            if (structure.Slice(offsets[s], lengths[s]) is not { } strip) return $"strip {s + 1} lies past the end of the file";
            try
            {
                using var z = new ZLibStream(strip, CompressionMode.Decompress);
                while (z.Read(sink) > 0) { }
            }
            catch (InvalidDataException e)
            {
                return $"page 1, strip {s + 1}: the Deflate data does not inflate or fails its checksum ({e.GetType().Name})";
            }
        }
        return null;
    }
}
