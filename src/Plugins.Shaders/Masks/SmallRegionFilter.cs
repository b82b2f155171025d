namespace RetouchPlugins.Shaders.Masks;

/// <summary>
/// Removes islands of a one-plane mask (connected areas above a level, 4-neighbours) smaller than a given
/// area: skin-coloured patches of lit hair or fabric are small and scattered, a neck or an arm is not.
/// </summary>
public static class SmallRegionFilter
{
    public static void Apply(PlanarImage mask, float level, int minimumArea) =>
        MaskIslands.ForEach(mask, level, region =>
        {
            if (region.Count < minimumArea)
                foreach (int i in region) mask.Data[i] = 0;
        });
}
