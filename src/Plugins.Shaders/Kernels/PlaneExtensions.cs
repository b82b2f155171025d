namespace RetouchPlugins.Shaders.Kernels;

/// <summary>Plane views that can cross into parallel lambdas (spans cannot).</summary>
internal static class PlaneExtensions
{
    public static Memory<float> PlaneMemory(this PlanarImage image, int channel)
        => image.Data.AsMemory(channel * image.PlaneSize, image.PlaneSize);

    public static void RequireSameSize(this PlanarImage a, PlanarImage b, string what)
    {
        if (!a.SameSize(b))
            throw new ArgumentException($"{what}: sizes differ ({a.Width}x{a.Height} vs {b.Width}x{b.Height})");
    }
}
