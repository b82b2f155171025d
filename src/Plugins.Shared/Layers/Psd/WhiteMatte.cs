using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>
/// Photoshop stores a transparent document's merged image blended over white (stored = colour × alpha + 1 − alpha),
/// so that readers that ignore its transparency channel show it on white.
/// </summary>
internal static class WhiteMatte
{
    /// <summary>Blends the colour of a straight-alpha RGBA image over white, in place.</summary>
    public static void Apply(PlanarImage rgba)
    {
        var a = rgba.Plane(3);
        for (int c = 0; c < 3; c++)
        {
            var p = rgba.Plane(c);
            for (int i = 0; i < p.Length; i++) p[i] = p[i] * a[i] + 1f - a[i];
        }
    }

    /// <summary>Takes white back out of the colour, in place (where alpha is 0 the colour is left as stored).</summary>
    public static void Remove(PlanarImage rgba)
    {
        var a = rgba.Plane(3);
        for (int c = 0; c < 3; c++)
        {
            var p = rgba.Plane(c);
            for (int i = 0; i < p.Length; i++)
                if (a[i] > 0f && a[i] < 1f) p[i] = Math.Clamp((p[i] + a[i] - 1f) / a[i], 0f, 1f);
        }
    }
}
