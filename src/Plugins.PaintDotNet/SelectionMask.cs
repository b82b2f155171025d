using PaintDotNet;
using PaintDotNet.Effects;
using PaintDotNet.Imaging;
using PaintDotNet.Rendering;
using System.Runtime.InteropServices;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// Paint.NET's active selection (IEffectSelectionInfo.MaskBitmap, 0..255, antialiased at its edge) as the
/// effect's selection plane in [0, 1]; null when everything is selected, so effects skip the extra pass.
/// </summary>
internal static class SelectionMask
{
    public static unsafe PlanarImage? Read(IEffectSelectionInfo selection, int width, int height)
    {
        var bounds = selection.RenderBounds;
        using var mask = selection.MaskBitmap;
        var size = mask.Size;
        if (size.Width != width || size.Height != height)
            throw new InvalidOperationException($"the selection mask is {size.Width}x{size.Height}, the image {width}x{height}");
        bool whole = bounds.X == 0 && bounds.Y == 0 && bounds.Width == width && bounds.Height == height;

        var plane = new PlanarImage(width, height, 1); // 0 outside the render bounds
        bool everything = whole;
        // One bulk copy of the mask's render bounds, then row spans: 0..255 to [0, 1].
        var alpha = GC.AllocateUninitializedArray<ColorAlpha8>(bounds.Width * bounds.Height);
        using (IBitmapLock<ColorAlpha8> locked = mask.Lock(bounds))
        fixed (ColorAlpha8* p = alpha)
            locked.AsRegionPtr().CopyTo(new RegionPtr<ColorAlpha8>(p, bounds.Width, bounds.Height, bounds.Width * sizeof(ColorAlpha8)));
        ReadOnlySpan<byte> levels = MemoryMarshal.AsBytes(alpha.AsSpan());
        for (int y = 0; y < bounds.Height; y++)
        {
            var source = levels.Slice(y * bounds.Width, bounds.Width);
            var row = plane.Row(0, bounds.Y + y).Slice(bounds.X, bounds.Width);
            for (int x = 0; x < row.Length; x++) row[x] = source[x] / 255f;
            if (everything && source.IndexOfAnyExcept((byte)255) >= 0) everything = false;
        }
        return everything ? null : plane;
    }
}
