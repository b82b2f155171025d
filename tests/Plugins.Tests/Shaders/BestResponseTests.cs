using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Tests.Shaders;

/// <summary><see cref="BestResponse.Keep"/> against the one-pixel loop it replaced: exactly the same values, scales and kinds.</summary>
public class BestResponseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(37)]   // SIMD blocks and a scalar tail
    [InlineData(256)]
    public void MatchesThePixelLoopOverSeveralScales(int n)
    {
        var random = new Random(n);
        float[] Randoms(float lo, float hi) => Enumerable.Range(0, n).Select(_ => lo + (hi - lo) * random.NextSingle()).ToArray();
        var denominator = Randoms(0.01f, 0.1f);
        var best = new float[n]; var scale = new float[n]; var kind = new float[n];
        var expectedBest = new float[n]; var expectedScale = new float[n]; var expectedKind = new float[n];
        for (int step = 0; step < 6; step++)
        {
            var response = Randoms(-0.2f, 0.2f);
            if (n > 3) { response[1] = float.NaN; response[2] = expectedBest[2] * denominator[2]; } // NaN and a tie never win
            bool negate = step % 2 == 1;
            float s = 1.25f * MathF.Pow(1.4f, step / 2), k = negate ? 1 : 0;
            for (int i = 0; i < n; i++)
            {
                float v = (negate ? -response[i] : response[i]) / denominator[i];
                if (v > expectedBest[i]) { expectedBest[i] = v; expectedScale[i] = s; expectedKind[i] = k; }
            }
            BestResponse.Keep(response, denominator, negate, s, k, best, scale, kind);
            Assert.Equal(expectedBest, best);
            Assert.Equal(expectedScale, scale);
            Assert.Equal(expectedKind, kind);
        }
        if (n > 3) { Assert.Contains(1f, kind); Assert.Contains(0f, kind); } // both kinds won somewhere
    }

    [Fact]
    public void RejectsShortSpans() =>
        Assert.Throws<ArgumentException>(() => BestResponse.Keep(new float[4], new float[3], false, 1, 0, new float[4], new float[4], new float[4]));
}
