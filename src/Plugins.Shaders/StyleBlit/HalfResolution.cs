using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.StyleBlit;

/// <summary>
/// The pieces of StyleBlit on a half-resolution target (<see cref="StyleBlitOptions.TargetStride"/> = 2): the
/// target's guides reduced 2×2, the style's guides averaged over the same 2×2 footprint but kept at full
/// resolution (so a half-resolution target pixel is compared with exactly the four style pixels it would copy),
/// and the field brought back to full resolution. A target pixel (i, j) at half resolution stands for the full
/// pixels (2i, 2j) … (2i + 1, 2j + 1); its field entry names the style pixel of its top-left child.
/// </summary>
public static class HalfResolution
{
    /// <summary>The half-resolution size of a full size (odd sizes: the last parent has one child row or column).</summary>
    public static int Half(int size) => (size + 1) / 2;

    /// <summary>Each plane reduced by 2: the mean of every parent's 2×2 children (the children inside the image).</summary>
    public static PlanarImage Reduce(PlanarImage image, KernelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Reduce(image, new PixelRect(0, 0, image.Width, image.Height), options);
    }

    /// <summary>
    /// The rectangle <paramref name="rect"/> of <paramref name="image"/> reduced by 2, as <see cref="Reduce(PlanarImage, KernelOptions?)"/>
    /// of its crop would (children beyond the rectangle's last odd row or column are not read), without the crop's copy.
    /// </summary>
    public static PlanarImage Reduce(PlanarImage image, PixelRect rect, KernelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (rect.X < 0 || rect.Y < 0 || rect.Width <= 0 || rect.Height <= 0 || rect.Right > image.Width || rect.Bottom > image.Height)
            throw new ArgumentOutOfRangeException(nameof(rect), $"{rect} is outside {image.Width}x{image.Height}");
        int w = rect.Width, h = rect.Height, hw = Half(w), hh = Half(h), stride = image.Width;
        var result = new PlanarImage(hw, hh, image.Channels);
        var src = image.Data;
        var dst = result.Data;
        RowBands.For(hh, options, (r0, r1) =>
        {
            for (int c = 0; c < image.Channels; c++)
            {
                int inPlane = c * image.PlaneSize + rect.X, outPlane = c * result.PlaneSize;
                for (int j = r0; j < r1; j++)
                {
                    int a = inPlane + (rect.Y + 2 * j) * stride, b = inPlane + (rect.Y + Math.Min(2 * j + 1, h - 1)) * stride, o = outPlane + j * hw;
                    for (int i = 0; i < hw; i++)
                    {
                        int x0 = 2 * i, x1 = Math.Min(x0 + 1, w - 1);
                        dst[o + i] = 0.25f * (src[a + x0] + src[a + x1] + src[b + x0] + src[b + x1]);
                    }
                }
            }
        }, minRowsPerBand: 16);
        return result;
    }

    /// <summary>
    /// Each plane at full size, pixel (x, y) the mean of (x, y) … (x + 1, y + 1) (clamped at the last row and
    /// column): the 2×2 footprint a half-resolution target pixel copies when its top-left child lands on (x, y).
    /// </summary>
    public static PlanarImage FootprintMean(PlanarImage image, KernelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        int w = image.Width, h = image.Height;
        var result = new PlanarImage(w, h, image.Channels);
        var src = image.Data;
        var dst = result.Data;
        for (int c = 0; c < image.Channels; c++)
        {
            int plane = c * image.PlaneSize;
            RowBands.For(h, options, (r0, r1) =>
            {
                for (int y = r0; y < r1; y++)
                {
                    int a = plane + y * w, b = plane + Math.Min(y + 1, h - 1) * w;
                    for (int x = 0; x < w; x++)
                    {
                        int x1 = Math.Min(x + 1, w - 1);
                        dst[a + x] = 0.25f * (src[a + x] + src[a + x1] + src[b + x] + src[b + x1]);
                    }
                }
            }, minRowsPerBand: 32);
        }
        return result;
    }

    /// <summary>
    /// The full-resolution field (<paramref name="width"/> × <paramref name="height"/>) from a half-resolution
    /// one made with stride 2: each pixel takes its parent's style pixel plus its own offset from the parent's
    /// top-left child, so a chunk copied at half resolution copies the full-resolution style pixel for pixel.
    /// At the style's last column or row the child is clamped into the style, so every entry stays inside it.
    /// </summary>
    public static int[] UpsampleField(int[] half, int width, int height, int styleWidth, int styleHeight, KernelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(half);
        int hw = Half(width), hh = Half(height);
        if (half.Length != hw * hh) throw new ArgumentException($"the half-resolution field holds {half.Length} entries, {width}x{height} needs {hw}x{hh}");
        var full = new int[width * height];
        RowBands.For(height, options, (r0, r1) =>
        {
            for (int y = r0; y < r1; y++)
            {
                int row = (y >> 1) * hw, dy = y & 1;
                for (int x = 0; x < width; x++)
                {
                    int s = half[row + (x >> 1)], sy = s / styleWidth, sx = s - sy * styleWidth;
                    sx = Math.Min(sx + (x & 1), styleWidth - 1);
                    sy = Math.Min(sy + dy, styleHeight - 1);
                    full[y * width + x] = sy * styleWidth + sx;
                }
            }
        }, minRowsPerBand: 32);
        return full;
    }
}
