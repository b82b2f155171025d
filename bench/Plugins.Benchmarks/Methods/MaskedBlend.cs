using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Methods;

/// <summary>result = input + mask * (filtered - input): a filter applied only where the soft mask says skin.</summary>
public static class MaskedBlend
{
    public static PlanarImage Apply(PlanarImage input, PlanarImage filtered, PlanarImage mask)
    {
        var result = input.Clone();
        var m = mask.Data;
        for (int c = 0; c < 3; c++)
        {
            var i = input.Plane(c); var f = filtered.Plane(c); var r = result.Plane(c);
            for (int k = 0; k < m.Length; k++)
                if (m[k] > 0) r[k] = i[k] + m[k] * (f[k] - i[k]);
        }
        return result;
    }
}
