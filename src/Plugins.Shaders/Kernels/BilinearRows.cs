using System.Numerics.Tensors;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// A plane enlarged (or resized) bilinearly with half-pixel centres, read one destination row at a time: the two source
/// rows blended first (SIMD over the source width), then interpolated along x. Callers that use each row once (apply a
/// change, compose a mask) need no full-size plane; <see cref="Resample.BilinearPlane"/> writes every row.
/// </summary>
internal sealed class BilinearRows
{
    private readonly ReadOnlyMemory<float> _source;
    private readonly int _sourceWidth;
    private readonly BilinearTaps _x, _y;

    public BilinearRows(ReadOnlyMemory<float> source, int sourceWidth, int sourceHeight, int width, int height)
    {
        _source = source;
        _sourceWidth = sourceWidth;
        _x = new BilinearTaps(sourceWidth, width);
        _y = new BilinearTaps(sourceHeight, height);
    }

    public BilinearRows(PlanarImage plane, int width, int height) : this(plane.PlaneMemory(0), plane.Width, plane.Height, width, height) { }

    /// <summary>The source width: the length of the scratch row <see cref="Read"/> needs.</summary>
    public int SourceWidth => _sourceWidth;

    /// <summary>Destination row <paramref name="y"/> into <paramref name="destination"/>; <paramref name="mix"/> is scratch of <see cref="SourceWidth"/>.</summary>
    public void Read(int y, Span<float> mix, Span<float> destination)
    {
        var src = _source.Span;
        TensorPrimitives.Lerp(src.Slice(_y.Lower[y] * _sourceWidth, _sourceWidth), src.Slice(_y.Upper[y] * _sourceWidth, _sourceWidth), _y.Fraction[y], mix);
        _x.Interpolate(mix, destination);
    }
}
