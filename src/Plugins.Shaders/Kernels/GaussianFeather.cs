using RetouchPlugins.Shaders.Masks;
namespace RetouchPlugins.Shaders.Kernels;

/// <summary>Separable Gaussian blur of a small local buffer (outside it counts as zero): softens region edges.</summary>
public static class GaussianFeather
{
    /// <summary>Blurs <paramref name="buffer"/> (width x height) in place with standard deviation <paramref name="sigma"/> pixels.</summary>
    public static void Blur(float[] buffer, int width, int height, float sigma)
    {
        if (sigma < 0.3f) return;
        var kernel = Kernel(sigma);
        int r = kernel.Length / 2;
        var line = new float[Math.Max(width, height)];

        for (int y = 0; y < height; y++)
        {
            var row = buffer.AsSpan(y * width, width);
            row.CopyTo(line);
            for (int x = 0; x < width; x++)
            {
                float sum = 0;
                int k0 = Math.Max(-r, -x), k1 = Math.Min(r, width - 1 - x);
                for (int k = k0; k <= k1; k++) sum += kernel[k + r] * line[x + k];
                row[x] = sum;
            }
        }
        for (int x = 0; x < width; x++)
        {
            for (int y = 0; y < height; y++) line[y] = buffer[y * width + x];
            for (int y = 0; y < height; y++)
            {
                float sum = 0;
                int k0 = Math.Max(-r, -y), k1 = Math.Min(r, height - 1 - y);
                for (int k = k0; k <= k1; k++) sum += kernel[k + r] * line[y + k];
                buffer[y * width + x] = sum;
            }
        }
    }

    /// <summary>How far (pixels) a blur of <paramref name="sigma"/> reaches.</summary>
    public static int Reach(float sigma) => sigma < 0.3f ? 0 : (int)MathF.Ceiling(3 * sigma);

    private static float[] Kernel(float sigma)
    {
        int r = Reach(sigma);
        var k = new float[2 * r + 1];
        float sum = 0;
        for (int i = -r; i <= r; i++) sum += k[i + r] = MathF.Exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < k.Length; i++) k[i] /= sum;
        return k;
    }
}
