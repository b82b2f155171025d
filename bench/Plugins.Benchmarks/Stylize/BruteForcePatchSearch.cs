using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.StyleBlit;

namespace RetouchPlugins.Benchmarks.Stylize;

/// <summary>
/// The straightforward search StyleBlit replaces: for a target pixel, compare its 5×5 guide patch (the same
/// positional and feature channels, weights and units as StyleBlit's error) with the patch around every style
/// pixel within the same search radius (a square window) of its positional prediction, and keep the best.
/// Timed on a fixed, evenly spread sample of pixels and scaled to the whole face (it is far too slow to run on all).
/// </summary>
internal sealed class BruteForcePatchSearch
{
    private const int PatchRadius = 2;
    private readonly int _w, _h, _sw, _sh, _n, _radius;
    private readonly float[] _t, _s, _pos;
    private readonly float _wPos;

    public BruteForcePatchSearch(TargetGuide target, StyleGuide style, StyleBlitOptions options)
    {
        _w = target.Width; _h = target.Height; _sw = style.Width; _sh = style.Height;
        _n = target.Features.Count; _radius = options.SearchRadius; _wPos = options.PositionWeight;
        var scales = options.FeatureWeights.Select(w => w * 255f).ToArray();
        _t = Interleave(target.Features, scales);
        _s = Interleave(style.Features, scales);
        _pos = Interleave(new GuideFeatures(target.Position), [1f, 1f]);
    }

    private static float[] Interleave(GuideFeatures features, float[] scales)
    {
        int n = features.Count, size = features.Width * features.Height, c = 0;
        var result = new float[size * n];
        foreach (var image in features.Images)
            for (int k = 0; k < image.Channels; k++, c++)
            {
                var plane = image.Plane(k);
                for (int i = 0; i < size; i++) result[i * n + c] = plane[i] * scales[c];
            }
        return result;
    }

    /// <summary>Searches <paramref name="samples"/> pixels spread over the target (all cores); returns the seconds taken and how many were searched.</summary>
    public (double Seconds, int Searched) TimeSample(int samples)
    {
        int step = Math.Max(1, (int)Math.Sqrt((double)_w * _h / samples));
        var pixels = new List<int>();
        for (int y = step / 2; y < _h; y += step)
            for (int x = step / 2; x < _w; x += step) pixels.Add(y * _w + x);
        var sink = new int[pixels.Count];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Parallel.For(0, pixels.Count, i => sink[i] = Search(pixels[i] % _w, pixels[i] / _w));
        return (clock.Elapsed.TotalSeconds, pixels.Count);
    }

    private int Search(int x, int y)
    {
        int p = y * _w + x;
        int px = Math.Clamp((int)MathF.Round(_pos[2 * p]), 0, _sw - 1), py = Math.Clamp((int)MathF.Round(_pos[2 * p + 1]), 0, _sh - 1);
        float best = float.MaxValue;
        int bestIndex = py * _sw + px;
        for (int sy = Math.Max(PatchRadius, py - _radius); sy <= Math.Min(_sh - 1 - PatchRadius, py + _radius); sy++)
            for (int sx = Math.Max(PatchRadius, px - _radius); sx <= Math.Min(_sw - 1 - PatchRadius, px + _radius); sx++)
            {
                float e = 0;
                for (int dy = -PatchRadius; dy <= PatchRadius && e < best; dy++)
                {
                    int ty = Math.Clamp(y + dy, 0, _h - 1);
                    for (int dx = -PatchRadius; dx <= PatchRadius; dx++)
                    {
                        int tx = Math.Clamp(x + dx, 0, _w - 1), t = ty * _w + tx, s = (sy + dy) * _sw + sx + dx;
                        e += _wPos * (MathF.Abs(_pos[2 * t] - (sx + dx)) + MathF.Abs(_pos[2 * t + 1] - (sy + dy)));
                        for (int c = 0; c < _n; c++) e += MathF.Abs(_t[t * _n + c] - _s[s * _n + c]);
                    }
                }
                if (e < best) { best = e; bestIndex = sy * _sw + sx; }
            }
        return bestIndex;
    }
}
