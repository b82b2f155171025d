using System.Runtime.InteropServices;
using PaintDotNet.Imaging;

namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// A 64-bit fingerprint of an image's pixels, to tell whether the analysis of the last image can be
/// reused. Not cryptographic; a few milliseconds for a 24-megapixel image, far below one face analysis.
/// </summary>
internal static class ContentHash
{
    public static ulong Of(ReadOnlySpan<ColorBgra32> pixels, int width, int height)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)(uint)width << 32 ^ (uint)height;
        var bytes = MemoryMarshal.AsBytes(pixels);
        foreach (ulong word in MemoryMarshal.Cast<byte, ulong>(bytes))
            h = Mix(h ^ word);
        var tail = bytes[(bytes.Length & ~7)..];
        foreach (byte b in tail) h = Mix(h ^ b);
        return Mix(h ^ (ulong)bytes.Length);
    }

    private static ulong Mix(ulong x)
    {
        x *= 0xFF51AFD7ED558CCDUL;
        return x ^ (x >> 29);
    }
}
