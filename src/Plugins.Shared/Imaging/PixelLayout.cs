using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// Converts between libvips' interleaved 8/16-bit samples and our planar floats in [0, 1], in parallel over rows.
/// Quantisation rounds to nearest, so 8-bit and 16-bit values survive a float round trip exactly.
/// </summary>
internal static unsafe class PixelLayout
{
    /// <summary>
    /// Interleaved source with <paramref name="bands"/> bands (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA) into
    /// an RGB or RGBA planar image; grey is copied into R, G and B.
    /// </summary>
    public static PlanarImage ToPlanar(IntPtr source, int width, int height, int bands, bool sixteenBit)
    {
        bool alpha = bands is 2 or 4;
        int colour = bands >= 3 ? 3 : 1;
        var image = new PlanarImage(width, height, alpha ? 4 : 3);
        // Divide (not multiply by a reciprocal) so each level maps to exactly the float k / max that callers write.
        float max = sixteenBit ? 65535f : 255f;
        Parallel.For(0, height, y =>
        {
            long rowStart = (long)y * width * bands;
            for (int c = 0; c < image.Channels; c++)
            {
                // Which source band feeds output channel c.
                int band = c < 3 ? (colour == 3 ? c : 0) : bands - 1;
                var row = image.Row(c, y);
                if (sixteenBit)
                {
                    var src = (ushort*)source + rowStart + band;
                    for (int x = 0; x < width; x++) row[x] = src[(long)x * bands] / max;
                }
                else
                {
                    var src = (byte*)source + rowStart + band;
                    for (int x = 0; x < width; x++) row[x] = src[(long)x * bands] / max;
                }
            }
        });
        return image;
    }

    /// <summary>Interleaves the first <paramref name="channels"/> planes as 8- or 16-bit samples, clamping to [0, 1].</summary>
    public static byte[] ToInterleaved(PlanarImage image, int channels, bool sixteenBit)
    {
        int width = image.Width;
        int bytesPerSample = sixteenBit ? 2 : 1;
        var buffer = new byte[checked((long)width * image.Height * channels * bytesPerSample)];
        fixed (byte* start = buffer)
        {
            var basePtr = (IntPtr)start;
            Parallel.For(0, image.Height, y =>
            {
                long rowStart = (long)y * width * channels;
                for (int c = 0; c < channels; c++)
                {
                    var row = image.Row(c, y);
                    if (sixteenBit)
                    {
                        var dst = (ushort*)basePtr + rowStart + c;
                        for (int x = 0; x < width; x++) dst[(long)x * channels] = (ushort)(Math.Clamp(row[x], 0f, 1f) * 65535f + 0.5f);
                    }
                    else
                    {
                        var dst = (byte*)basePtr + rowStart + c;
                        for (int x = 0; x < width; x++) dst[(long)x * channels] = (byte)(Math.Clamp(row[x], 0f, 1f) * 255f + 0.5f);
                    }
                }
            });
        }
        return buffer;
    }
}
