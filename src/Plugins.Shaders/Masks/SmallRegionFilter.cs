using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shaders.Masks;

/// <summary>
/// Removes islands of a one-plane mask (connected areas above a level, 4-neighbours) smaller than a given
/// area: skin-coloured patches of lit hair or fabric are small and scattered, a neck or an arm is not.
/// </summary>
public static class SmallRegionFilter
{
    public static void Apply(PlanarImage mask, float level, int minimumArea)
    {
        int w = mask.Width, h = mask.Height;
        var data = mask.Data;
        var seen = new bool[data.Length];
        var region = new List<int>();
        var stack = new Stack<int>();
        for (int start = 0; start < data.Length; start++)
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
            if (region.Count < minimumArea)
                foreach (int i in region) data[i] = 0;
        }

        void Visit(int j)
        {
            if (seen[j] || data[j] <= level) return;
            seen[j] = true;
            stack.Push(j);
        }
    }
}
