namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Lifts what is left of an acne mark's halo once its core is healed. The halo is redness only: green and blue fall,
/// red stays, over a disk 2-3 times the core's width, which no heal of the core reaches without taking the skin's own
/// shading with it. So the halo is read from chroma alone, log(G / R) and log(B / R) (shading darkens all channels
/// alike and leaves them), as a round profile below a background fitted to a ring past it (<see cref="RingHarmonic"/>),
/// and divided out of green and blue: the luminance shading and the pores stay.
/// </summary>
public static class HaloChroma
{
    /// <summary>Added before the log so that near-black pixels do not turn noise into huge ratios.</summary>
    private const float LogOffset = SpotDivision.LogOffset;

    /// <summary>
    /// Lifts the halo around (<paramref name="cx"/>, <paramref name="cy"/>) in <paramref name="rgb"/> (in place) within
    /// <paramref name="reach"/> pixels, faded out over the outer <see cref="FadeShare"/> of it; the background comes from the
    /// ring from <paramref name="reach"/> to <paramref name="reach"/> + <paramref name="band"/> where
    /// <paramref name="gate"/> ≥ 0.5, and the change is weighted by the gate. The weight used is max-ed into
    /// <paramref name="healed"/>. False (nothing changed) when the ring holds too little skin or no halo is found.
    /// </summary>
    public static bool Lift(PlanarImage rgb, PlanarImage gate, PlanarImage healed, float cx, float cy, float reach, float band)
    {
        float ringOut = reach + band;
        int r = (int)MathF.Ceiling(ringOut) + 1;
        int x0 = (int)MathF.Floor(cx) - r, y0 = (int)MathF.Floor(cy) - r, size = 2 * r + 1;
        if (x0 < 0 || y0 < 0 || x0 + size > rgb.Width || y0 + size > rgb.Height) return false;

        // Chroma: green and blue over red, in logs.
        var chroma = new[] { new float[size * size], new float[size * size] };
        var distance = new float[size * size];
        var inDisk = new float[size * size];
        var ring = new List<int>();
        for (int j = 0; j < size; j++)
            for (int i = 0; i < size; i++)
            {
                int k = j * size + i, x = x0 + i, y = y0 + j;
                float dx = x - cx, dy = y - cy, d = MathF.Sqrt(dx * dx + dy * dy);
                distance[k] = d;
                if (d > ringOut + 1) continue;
                float red = MathF.Log(rgb[0, x, y] + LogOffset);
                chroma[0][k] = MathF.Log(rgb[1, x, y] + LogOffset) - red;
                chroma[1][k] = MathF.Log(rgb[2, x, y] + LogOffset) - red;
                if (d <= reach) inDisk[k] = 1;
                else if (d <= ringOut && gate[0, x, y] >= 0.5f) ring.Add(k);
            }
        if (ring.Count < 24) return false;

        var profiles = new Func<float, float>[2];
        for (int c = 0; c < 2; c++)
        {
            if (RingHarmonic.Fit(chroma[c], ring, size, x0 - cx, y0 - cy, reach) is not { } background) return false;
            for (int j = 0; j < size; j++)
                for (int i = 0; i < size; i++)
                {
                    int k = j * size + i;
                    if (inDisk[k] == 0) continue;
                    float dx = x0 + i - cx, dy = y0 + j - cy, d = distance[k];
                    chroma[c][k] -= background.At(d, d > 0 ? dx / d : 1, d > 0 ? dy / d : 0);
                }
            // Only the round part: the halo is round, the rest of the chroma is the skin's own.
            profiles[c] = RadialProfile.Fit(chroma[c], distance, inDisk, reach, MathF.Max(1, reach / 10));
        }
        // Redness takes green most (blood absorbs it), blue less: a blue dip deeper than the green one is the skin's own
        // colour (a bluish shadow, the veins under an eye), not a halo. A dip too shallow to see is left alone: the profile
        // is kept at or below zero, so the ring's noise alone gives a slight one.
        if (-profiles[0](0) < MinDepth) return false;
        var green = profiles[0];
        var blue = profiles[1];
        profiles[1] = d => MathF.Max(blue(d), green(d));

        float fade = MathF.Max(1, FadeShare * reach);
        for (int j = 0; j < size; j++)
            for (int i = 0; i < size; i++)
            {
                int k = j * size + i, x = x0 + i, y = y0 + j;
                if (inDisk[k] == 0) continue;
                float t = Math.Clamp((reach - distance[k]) / fade, 0, 1);
                float w = t * t * (3 - 2 * t) * Math.Clamp(gate[0, x, y], 0, 1);
                if (w <= 0) continue;
                float lift = 0;
                for (int c = 0; c < 2; c++)
                {
                    float p = profiles[c](distance[k]);
                    lift = MathF.Min(lift, w * p);
                    float v = rgb[c + 1, x, y];
                    rgb[c + 1, x, y] = Math.Clamp((v + LogOffset) * MathF.Exp(-w * p) - LogOffset, 0, 1);
                }
                // Marked healed where the lift is more than about half a level.
                if (lift < -MarkedLift && w > healed[0, x, y]) healed[0, x, y] = w;
            }
        return true;
    }

    /// <summary>The least green dip (log units, about 2.5 levels) lifted at the centre.</summary>
    public const float MinDepth = 0.015f;

    /// <summary>A lift (log units) above which a pixel counts as healed in the mask.</summary>
    private const float MarkedLift = 0.004f;

    /// <summary>The outer share of the reach over which the lift fades out (the profile itself reaches zero there when the halo ends inside).</summary>
    public const float FadeShare = 0.3f;
}
