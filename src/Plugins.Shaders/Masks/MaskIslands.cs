namespace RetouchPlugins.Shaders.Masks;

/// <summary>One island of a mask: its centroid (pixel centres), area in pixels and bounding box.</summary>
public readonly record struct MaskIsland(float X, float Y, int Area, PixelRect Bounds);

/// <summary>
/// The islands of a one-plane mask: connected areas above a level (4-neighbours). Used to drop small islands
/// (<see cref="SmallRegionFilter"/>) and to read a selection of small pieces as points (a host's "each selected piece").
/// </summary>
public static class MaskIslands
{
    /// <summary>Calls <paramref name="island"/> with each island's pixel indices (the list is reused between calls).</summary>
    public static void ForEach(PlanarImage mask, float level, Action<List<int>> island)
    {
        int w = mask.Width, h = mask.Height;
        var data = mask.Data;
        var seen = new bool[w * h];
        var region = new List<int>();
        var stack = new Stack<int>();
        for (int start = 0; start < seen.Length; start++)
        {
            if (seen[start] || data[start] <= level) continue;
            region.Clear();
            stack.Push(start);
            seen[start] = true;
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                region.Add(i);
                int x = i % w, y = i / w;
                if (x > 0) Visit(i - 1);
                if (x + 1 < w) Visit(i + 1);
                if (y > 0) Visit(i - w);
                if (y + 1 < h) Visit(i + w);
            }
            island(region);
        }

        void Visit(int j)
        {
            if (seen[j] || data[j] <= level) return;
            seen[j] = true;
            stack.Push(j);
        }
    }

    /// <summary>Every island's centroid, area and bounds, in scan order of their first pixel.</summary>
    public static List<MaskIsland> Find(PlanarImage mask, float level)
    {
        var islands = new List<MaskIsland>();
        int w = mask.Width;
        ForEach(mask, level, region =>
        {
            double sx = 0, sy = 0;
            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
            foreach (int i in region)
            {
                int x = i % w, y = i / w;
                sx += x; sy += y;
                x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); x1 = Math.Max(x1, x); y1 = Math.Max(y1, y);
            }
            islands.Add(new MaskIsland((float)(sx / region.Count), (float)(sy / region.Count), region.Count,
                new PixelRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1)));
        });
        return islands;
    }
}
