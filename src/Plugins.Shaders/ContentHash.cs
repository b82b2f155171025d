using System.Runtime.InteropServices;

namespace RetouchPlugins.Shaders;

/// <summary>
/// A 64-bit fingerprint of an image's pixels, to tell whether the analysis of an image can be reused.
/// Not cryptographic; a few milliseconds for a 24-megapixel image, far below one face analysis.
/// </summary>
public static class ContentHash
{
    public static ulong Of<T>(ReadOnlySpan<T> pixels, int width, int height) where T : unmanaged
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)(uint)width << 32 ^ (uint)height;
        var bytes = MemoryMarshal.AsBytes(pixels);
        foreach (ulong word in MemoryMarshal.Cast<byte, ulong>(bytes))
            h = Mix(h ^ word);
        var tail = bytes[(bytes.Length & ~7)..];
        foreach (byte b in tail) h = Mix(h ^ b);
        return Mix(h ^ (ulong)bytes.Length);
    }

    public static ulong Of(PlanarImage image) => Mix(Of<float>(image.Data, image.Width, image.Height) ^ (ulong)image.Channels);

    private static ulong Mix(ulong x)
    {
        x *= 0xFF51AFD7ED558CCDUL;
        return x ^ (x >> 29);
    }
}
