namespace RetouchPlugins.Shared.Layers;

/// <summary>Conversions between [0, 1] floats and 8/16-bit integer samples (round to nearest, clamped).</summary>
internal static class Samples
{
    public static byte To8(float v) => (byte)(v >= 1f ? 255 : v > 0f ? (int)(v * 255f + 0.5f) : 0);
    public static ushort To16(float v) => (ushort)(v >= 1f ? 65535 : v > 0f ? (int)(v * 65535f + 0.5f) : 0);
    public static float From8(int v) => v / 255f;
    public static float From16(int v) => v / 65535f;

    /// <summary>Largest layer (in pixels) a reader will allocate: bounds in a damaged header must not
    /// trigger a multi-gigabyte allocation before the data is found missing. 2^28 px = 16384 x 16384.</summary>
    public const long MaxPixels = 1L << 28;

    /// <summary>Maximum value of an n-bit sample as float.</summary>
    public static float Max(int bits) => (1 << bits) - 1;
}
