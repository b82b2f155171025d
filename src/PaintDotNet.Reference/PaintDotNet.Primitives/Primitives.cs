// Paint.NET 5.1.9, PaintDotNet.Primitives.dll (apidocs pages PaintDotNet.Rendering.RectInt32, .SizeInt32, .Point2Int32,
// PaintDotNet.Imaging.ColorBgra32, .ColorAlpha8, PaintDotNet.RegionPtr-1). Only what the plugin and the harness use;
// base interfaces that carry no member we call (INaturalPixelInfo, IPixelInfo, IFormattable, IParsable) are left out.
namespace PaintDotNet.Rendering
{
    /// <summary>apidocs: PaintDotNet.Rendering.SizeInt32 (struct; properties with readonly getters and setters).</summary>
    public struct SizeInt32 : IEquatable<SizeInt32>
    {
        public SizeInt32(int width, int height) { Width = width; Height = height; }
        public int Width { readonly get; set; }
        public int Height { readonly get; set; }
        public readonly bool Equals(SizeInt32 other) => Width == other.Width && Height == other.Height;
        public override readonly bool Equals(object? obj) => obj is SizeInt32 s && Equals(s);
        public override readonly int GetHashCode() => HashCode.Combine(Width, Height);
        public static bool operator ==(SizeInt32 left, SizeInt32 right) => left.Equals(right);
        public static bool operator !=(SizeInt32 left, SizeInt32 right) => !left.Equals(right);
    }

    /// <summary>apidocs: PaintDotNet.Rendering.Point2Int32.</summary>
    public struct Point2Int32 : IEquatable<Point2Int32>
    {
        public Point2Int32(int x, int y) { X = x; Y = y; }
        public int X { readonly get; set; }
        public int Y { readonly get; set; }
        public readonly bool Equals(Point2Int32 other) => X == other.X && Y == other.Y;
        public override readonly bool Equals(object? obj) => obj is Point2Int32 p && Equals(p);
        public override readonly int GetHashCode() => HashCode.Combine(X, Y);
    }

    /// <summary>apidocs: PaintDotNet.Rendering.RectInt32.</summary>
    public struct RectInt32 : IEquatable<RectInt32>
    {
        public RectInt32(int x, int y, int width, int height) { X = x; Y = y; Width = width; Height = height; }
        public RectInt32(Point2Int32 location, int width, int height) : this(location.X, location.Y, width, height) { }
        public RectInt32(int x, int y, SizeInt32 size) : this(x, y, size.Width, size.Height) { }
        public RectInt32(Point2Int32 location, SizeInt32 size) : this(location.X, location.Y, size.Width, size.Height) { }
        public int X { readonly get; set; }
        public int Y { readonly get; set; }
        public int Width { readonly get; set; }
        public int Height { readonly get; set; }
        public readonly int Left => X;
        public readonly int Top => Y;
        public readonly int Right => X + Width;
        public readonly int Bottom => Y + Height;
        public SizeInt32 Size { readonly get => new(Width, Height); set { Width = value.Width; Height = value.Height; } }
        public Point2Int32 Location { get => new(X, Y); set { X = value.X; Y = value.Y; } }
        public readonly bool Equals(RectInt32 other) => X == other.X && Y == other.Y && Width == other.Width && Height == other.Height;
        public override readonly bool Equals(object? obj) => obj is RectInt32 r && Equals(r);
        public override readonly int GetHashCode() => HashCode.Combine(X, Y, Width, Height);
    }
}

namespace PaintDotNet.Imaging
{
    /// <summary>apidocs: PaintDotNet.Imaging.ColorBgra32 (B, G, R, A are properties, not fields).</summary>
    public struct ColorBgra32 : IEquatable<ColorBgra32>
    {
        public byte B { readonly get; set; }
        public byte G { readonly get; set; }
        public byte R { readonly get; set; }
        public byte A { readonly get; set; }
        public static ColorBgra32 FromBgra(byte b, byte g, byte r, byte a) => new() { B = b, G = g, R = r, A = a };
        public readonly bool Equals(ColorBgra32 other) => B == other.B && G == other.G && R == other.R && A == other.A;
        public override readonly bool Equals(object? obj) => obj is ColorBgra32 c && Equals(c);
        public override readonly int GetHashCode() => HashCode.Combine(B, G, R, A);
        public override readonly string ToString() => $"B={B} G={G} R={R} A={A}";
        public static bool operator ==(ColorBgra32 left, ColorBgra32 right) => left.Equals(right);
        public static bool operator !=(ColorBgra32 left, ColorBgra32 right) => !left.Equals(right);
    }

    /// <summary>apidocs: PaintDotNet.Imaging.ColorAlpha8 (the selection mask's pixel).</summary>
    public struct ColorAlpha8 : IEquatable<ColorAlpha8>
    {
        public byte A { readonly get; set; }
        public readonly bool Equals(ColorAlpha8 other) => A == other.A;
        public override readonly bool Equals(object? obj) => obj is ColorAlpha8 c && Equals(c);
        public override readonly int GetHashCode() => A;
    }
}

namespace PaintDotNet
{
    /// <summary>
    /// apidocs: PaintDotNet.RegionPtr-1, -ctor, CopyTo: a pointer, a size and a stride in bytes, as in Paint.NET. Here every
    /// access is bounds-checked and CopyTo insists on equal sizes, so a test catches what Paint.NET would let through.
    /// </summary>
    public readonly unsafe struct RegionPtr<T> : IEquatable<RegionPtr<T>> where T : unmanaged
    {
        private readonly T* _ptr;
        private readonly int _stride;

        public RegionPtr(T* ptr, int width, int height, int stride)
        {
            if (width < 0 || height < 0 || (height > 1 && stride < width * sizeof(T)))
                throw new ArgumentOutOfRangeException(nameof(stride), $"a {width}x{height} region of {sizeof(T)}-byte pixels cannot have a stride of {stride} bytes");
            _ptr = ptr; _stride = stride; Width = width; Height = height;
        }

        public int Width { get; }
        public int Height { get; }

        public ref T this[int x, int y]
        {
            get
            {
                if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
                    throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside the {Width}x{Height} region");
                return ref Row(y)[x];
            }
        }

        public ref T this[Rendering.Point2Int32 pt] => ref this[pt.X, pt.Y];

        /// <summary>Copies this region's pixels into <paramref name="dst"/>, row by row.</summary>
        public void CopyTo(RegionPtr<T> dst)
        {
            if (dst.Width != Width || dst.Height != Height)
                throw new ArgumentException($"cannot copy a {Width}x{Height} region into a {dst.Width}x{dst.Height} one", nameof(dst));
            for (int y = 0; y < Height; y++) Row(y).CopyTo(dst.Row(y));
        }

        private Span<T> Row(int y) => new((byte*)_ptr + (long)y * _stride, Width);

        public bool Equals(RegionPtr<T> other) => _ptr == other._ptr && _stride == other._stride && Width == other.Width && Height == other.Height;
        public override bool Equals(object? obj) => obj is RegionPtr<T> r && Equals(r);
        public override int GetHashCode() => HashCode.Combine((nint)_ptr, Width, Height);
    }
}
