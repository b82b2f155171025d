namespace RetouchPlugins.Shared.Layers.Tiff;

/// <summary>TIFF 6.0 tag numbers and field types used by the layered TIFF writer and reader.</summary>
internal static class TiffTags
{
    public const ushort NewSubfileType = 254, ImageWidth = 256, ImageLength = 257, BitsPerSample = 258, Compression = 259,
        Photometric = 262, ImageDescription = 270, StripOffsets = 273, SamplesPerPixel = 277, RowsPerStrip = 278,
        StripByteCounts = 279, XResolution = 282, YResolution = 283, PlanarConfiguration = 284, PageName = 285,
        ResolutionUnit = 296, PageNumber = 297, Software = 305, Predictor = 317, TileWidth = 322, ExtraSamples = 338,
        SampleFormat = 339, Xmp = 700, RichTiffIptc = 33723, Photoshop = 34377, IccProfile = 34675;

    public const ushort Byte = 1, Ascii = 2, Short = 3, Long = 4, Rational = 5, Undefined = 7, Ifd = 13,
        Long8 = 16, SLong8 = 17, Ifd8 = 18; // the last three BigTIFF's

    public const int CompressionNone = 1, CompressionLzw = 5, CompressionDeflate = 8, CompressionDeflateOld = 32946;

    /// <summary>Bytes of one value of a field type; 0 for a type TIFF 6.0, EXIF and BigTIFF do not define. 13 (IFD) is an
    /// offset, as some writers type the EXIF pointer; 16-18 are BigTIFF's 64-bit integers and IFD offset.</summary>
    public static int TypeSize(int type) => type switch { 1 or 2 or 6 or 7 => 1, 3 or 8 => 2, 4 or 9 or 11 or 13 => 4, 5 or 10 or 12 or 16 or 17 or 18 => 8, _ => 0 };
}
