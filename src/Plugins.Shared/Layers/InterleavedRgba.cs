using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Layers;

/// <summary>
/// 8-bit RGBA, interleaved, rows top to bottom: what a browser canvas takes as ImageData without decoding. The web
/// host sends preview layers this way because encoding a 1.75 MP PNG took longer than rendering it (bench/results/preview.md).
/// Grey (1 plane) is spread to R, G and B; without an alpha plane A is 255.
/// </summary>
public static class InterleavedRgba
{
    public static byte[] Encode(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        int n = image.PlaneSize, channels = image.Channels;
        var bytes = new byte[4L * n];
        Parallel.For(0, image.Height, y =>
        {
            int row = y * image.Width;
            for (int c = 0; c < 4; c++)
            {
                int source = c < 3 ? (channels >= 3 ? c : 0) : (channels is 2 or 4 ? channels - 1 : -1);
                if (source < 0)
                {
                    for (int x = 0; x < image.Width; x++) bytes[4 * (row + x) + 3] = 255;
                    continue;
                }
                var plane = image.Row(source, y);
                for (int x = 0; x < plane.Length; x++) bytes[4 * (row + x) + c] = Samples.To8(plane[x]);
            }
        });
        return bytes;
    }
}
