// Compile-time stand-in for Paint.NET 5 (not Paint.NET). Sources: see Effects.cs.
namespace PaintDotNet.Rendering
{
    /// <summary>Stand-in for PaintDotNet.Rendering.SizeInt32 (PaintDotNet.Primitives.dll).</summary>
    public readonly record struct SizeInt32(int Width, int Height);

    /// <summary>Stand-in for PaintDotNet.Rendering.Point2Int32.</summary>
    public readonly record struct Point2Int32(int X, int Y);

    /// <summary>Stand-in for PaintDotNet.Rendering.RectInt32 (the members the adapters and host use).</summary>
    public readonly record struct RectInt32(int X, int Y, int Width, int Height)
    {
        // `new RectInt32(0, 0, bitmap.Size)` as written in the samples that lock a whole input bitmap.
        public RectInt32(int x, int y, SizeInt32 size) : this(x, y, size.Width, size.Height) { }

        public int Left => X;
        public int Top => Y;
        public int Right => X + Width;
        public int Bottom => Y + Height;
        public Point2Int32 Location => new(X, Y);
        public SizeInt32 Size => new(Width, Height);
    }
}

namespace PaintDotNet.Imaging
{
    /// <summary>
    /// Stand-in for PaintDotNet.Imaging.ColorBgra32: 8-bit B, G, R, A, straight (not premultiplied) alpha,
    /// gamma-encoded (sRGB) values, laid out B, G, R, A in memory as in Paint.NET.
    /// </summary>
    public struct ColorBgra32 : IEquatable<ColorBgra32>
    {
        public byte B;
        public byte G;
        public byte R;
        public byte A;

        public static ColorBgra32 FromBgra(byte b, byte g, byte r, byte a) => new() { B = b, G = g, R = r, A = a };

        public readonly bool Equals(ColorBgra32 other) => B == other.B && G == other.G && R == other.R && A == other.A;
        public override readonly bool Equals(object? obj) => obj is ColorBgra32 c && Equals(c);
        public override readonly int GetHashCode() => HashCode.Combine(B, G, R, A);
        public override readonly string ToString() => $"B={B} G={G} R={R} A={A}";
        public static bool operator ==(ColorBgra32 a, ColorBgra32 b) => a.Equals(b);
        public static bool operator !=(ColorBgra32 a, ColorBgra32 b) => !a.Equals(b);
    }
}
