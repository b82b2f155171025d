namespace RetouchPlugins.Shaders.Masks;

/// <summary>
/// Region growing: the pixels connected (4-neighbour) to a seed through allowed pixels. What a colour test accepts
/// only counts when it touches the seed region, so a patch of skin-coloured wall or a lit strand of hair apart from the
/// face is not taken.
/// </summary>
public static class SeededGrowth
{
    /// <summary>A 0/1 plane: seeds (&gt;= 0.5) and every allowed pixel (&gt;= 0.5) reachable from them.</summary>
    public static PlanarImage Grow(PlanarImage seeds, PlanarImage allowed)
    {
        if (seeds.Channels != 1 || allowed.Channels != 1 || seeds.Width != allowed.Width || seeds.Height != allowed.Height)
            throw new ArgumentException("seeds and allowed must be one plane each, of one size");
        int w = seeds.Width, h = seeds.Height;
        var result = new PlanarImage(w, h, 1);
        var r = result.Data; var s = seeds.Data; var a = allowed.Data;
        var queue = new Queue<int>();
        for (int i = 0; i < r.Length; i++)
            if (s[i] >= 0.5f) { r[i] = 1; queue.Enqueue(i); }
        while (queue.TryDequeue(out int i))
        {
            int x = i % w, y = i / w;
            if (x > 0) Visit(i - 1);
            if (x < w - 1) Visit(i + 1);
            if (y > 0) Visit(i - w);
            if (y < h - 1) Visit(i + w);
        }
        return result;

        void Visit(int j)
        {
            if (r[j] > 0 || a[j] < 0.5f) return;
            r[j] = 1;
            queue.Enqueue(j);
        }
    }
}
