using System.Buffers.Binary;
using RetouchPlugins.Shared.Imaging.Vips;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Shared.Layers.Psd;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// A Photoshop document as a photo to retouch (libvips does not read PSD): its picture as Photoshop shows it
/// (<see cref="PsdSource.Composite"/>), keeping the document (<see cref="ImageDocument.Photoshop"/>) so that a PSD
/// result is that document with our layers added on top.
/// </summary>
internal static class PhotoshopFile
{
    /// <summary>Whether the bytes start with Photoshop's signature.</summary>
    public static bool Is(ReadOnlySpan<byte> data) => data.StartsWith("8BPS"u8);

    /// <summary>Whether the file starts with Photoshop's signature, whatever its name says.</summary>
    public static bool Is(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[4];
            return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual("8BPS"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; } // libvips' open names the problem
    }

    /// <summary>
    /// Size and depth from the 26-byte header, the profile and EXIF from the image resources (the pixels are not
    /// read); what we cannot read is refused here, before any work.
    /// </summary>
    public static ImageInfo ReadInfo(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadInfo(stream, path);
    }

    private static ImageInfo ReadInfo(Stream stream, string path)
    {
        var header = new byte[26];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            throw new ImageFileException(path, ImageFileProblem.Corrupt, "the Photoshop header is cut short, the file is damaged");
        int version = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4)), channels = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(12));
        int height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(14)), width = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(18));
        int bits = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(22)), mode = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(24));
        string? problem = version is not (1 or 2) ? $"Photoshop version {version} is unknown"
            : mode != 3 ? $"Photoshop colour mode {ModeName(mode)} cannot be retouched; convert it to RGB (Image > Mode > RGB Color)"
            : bits is not (8 or 16) ? $"{bits} bits per channel cannot be read; save it at 8 or 16 bits"
            : width <= 0 || height <= 0 || channels < 3 ? $"the header's size {width} x {height} with {channels} channels is invalid"
            : null;
        if (problem is not null) throw new ImageFileException(path, ImageFileProblem.UnsupportedFormat, problem);
        var (icc, exif) = Resources(stream);
        return new ImageInfo(width, height, channels, bits, 1, icc, ImageFormat.Psd, version == 2 ? "psb" : "psd", "srgb")
            { Exif = exif, SourceBytesHeld = MergedImageBytes(stream, large: version == 2) };
    }

    /// <summary>
    /// The merged image's bytes (what follows the layer and mask section), read whole when the picture is decoded; the
    /// rest of the document is read in place. The file's length when the section's length cannot be read.
    /// </summary>
    private static long MergedImageBytes(Stream stream, bool large)
    {
        Span<byte> length = stackalloc byte[8];
        var field = length[..(large ? 8 : 4)];
        if (stream.ReadAtLeast(field, field.Length, throwOnEndOfStream: false) < field.Length) return stream.Length;
        long section = large ? BinaryPrimitives.ReadInt64BigEndian(field) : BinaryPrimitives.ReadUInt32BigEndian(field);
        long merged = stream.Length - stream.Position - section;
        return section < 0 || merged < 0 ? stream.Length : merged;
    }

    /// <summary>The ICC profile and the EXIF block, from the image resources after the header (nulls when cut short).</summary>
    private static (byte[]? Icc, byte[]? Exif) Resources(Stream stream)
    {
        Span<byte> length = stackalloc byte[4];
        if (stream.ReadAtLeast(length, 4, throwOnEndOfStream: false) < 4) return (null, null);
        stream.Seek(BinaryPrimitives.ReadUInt32BigEndian(length), SeekOrigin.Current); // colour mode data
        if (stream.ReadAtLeast(length, 4, throwOnEndOfStream: false) < 4) return (null, null);
        long size = BinaryPrimitives.ReadUInt32BigEndian(length);
        if (size > stream.Length - stream.Position) { stream.Seek(0, SeekOrigin.End); return (null, null); } // cut short: nothing after it to measure
        var section = new byte[size];
        stream.ReadExactly(section);
        var resources = IptcBlock.SectionResources(section).ToList();
        var exif = resources.FirstOrDefault(r => r.Id == PsdResources.Exif).Bytes;
        return (resources.FirstOrDefault(r => r.Id == PsdResources.IccProfile).Bytes, exif is null ? null : ExifBlock.FromTiff(exif)); // the resource holds the TIFF structure alone
    }

    public static ImageDocument Load(string path, ImageLoadOptions options)
    {
        var info = ReadInfo(path);
        VipsDecoder.CheckSize(info.Width, info.Height, path, options);
        try { return PsdSource.Read(path).ToImageDocument(); }
        catch (LayerFileException e) { throw new ImageFileException(path, ImageFileProblem.Corrupt, e.Problem, e); }
    }

    /// <summary>An uploaded PSD; <paramref name="name"/> is for messages. Its result can be written as a PSD, not saved back.</summary>
    public static ImageDocument Load(byte[] data, string name, ImageLoadOptions options)
    {
        var info = ReadInfo(new MemoryStream(data, writable: false), name);
        VipsDecoder.CheckSize(info.Width, info.Height, name, options);
        try { return PsdSource.FromBytes(data, name).ToImageDocument(); }
        catch (LayerFileException e) { throw new ImageFileException(name, ImageFileProblem.Corrupt, e.Problem, e); }
    }

    private static string ModeName(int mode) => mode switch
    {
        0 => "bitmap", 1 => "greyscale", 2 => "indexed", 4 => "CMYK", 7 => "multichannel", 8 => "duotone", 9 => "Lab", _ => mode.ToString(),
    };
}
