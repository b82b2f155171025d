namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Deblocking across a JPEG's 8×8 block grid, in place within a region: where the step between the two pixels
/// either side of a block edge is smaller than the quantisation step could cause (<paramref name="threshold"/>, the
/// DC step) and both sides are smooth next to the edge (steps under half the threshold), the step is spread over the
/// four pixels p1 p0 | q0 q1 as a ramp (p1 + d/8, p0 + 3d/8, q0 − 3d/8, q1 − d/8). Larger steps are real edges and
/// stay. Vertical edges first, then horizontal ones, every plane.
/// </summary>
public static class BlockDeblock
{
    public const int Block = 8;

    /// <param name="image">Changed in place inside <paramref name="region"/> only.</param>
    /// <param name="region">The pixels that may change (clipped to the image).</param>
    /// <param name="threshold">Largest block-edge step treated as an artefact, in [0, 1] units.</param>
    /// <param name="gridX">Block edges lie between x − 1 and x for x = gridX + 8k (0 for an upright JPEG).</param>
    /// <param name="gridY">The same in y.</param>
    public static void ApplyInPlace(PlanarImage image, PixelRect region, float threshold, int gridX = 0, int gridY = 0)
    {
        int x0 = Math.Max(0, region.X), y0 = Math.Max(0, region.Y);
        int x1 = Math.Min(image.Width, region.X + region.Width), y1 = Math.Min(image.Height, region.Y + region.Height);
        if (threshold <= 0 || x1 - x0 < 4 || y1 - y0 < 4) return;
        float smooth = threshold / 2;
        for (int c = 0; c < image.Channels; c++)
        {
            var plane = image.Plane(c);
            int w = image.Width;
            // Vertical edges: between x − 1 and x for x a multiple of 8, with x − 2 and x + 1 inside the region.
            for (int y = y0; y < y1; y++)
                for (int x = FirstEdge(x0, gridX); x + 1 < x1; x += Block)
                    Ramp(plane, y * w + x - 2, 1, threshold, smooth);
            for (int y = FirstEdge(y0, gridY); y + 1 < y1; y += Block)
                for (int x = x0; x < x1; x++)
                    Ramp(plane, (y - 2) * w + x, w, threshold, smooth);
        }
    }

    /// <summary>The first block edge e (offset + 8k, above 0) with e − 2 at or after <paramref name="start"/>.</summary>
    private static int FirstEdge(int start, int offset)
    {
        offset = ((offset % Block) + Block) % Block;
        int e = offset + (Math.Max(0, start + 2 - offset) + Block - 1) / Block * Block;
        return e == 0 ? Block : e;
    }

    private static void Ramp(Span<float> plane, int p1, int stride, float threshold, float smooth)
    {
        int p0 = p1 + stride, q0 = p0 + stride, q1 = q0 + stride;
        float d = plane[q0] - plane[p0];
        if (MathF.Abs(d) >= threshold || MathF.Abs(plane[p1] - plane[p0]) >= smooth || MathF.Abs(plane[q1] - plane[q0]) >= smooth) return;
        plane[p1] += d / 8;
        plane[p0] += 3 * d / 8;
        plane[q0] -= 3 * d / 8;
        plane[q1] -= d / 8;
    }
}
