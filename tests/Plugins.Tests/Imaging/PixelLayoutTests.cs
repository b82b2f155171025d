using System.Runtime.InteropServices;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Imaging;

/// <summary>
/// The conversions between libvips' interleaved samples and our float planes: the table lookup and the SIMD rounding
/// give exactly what the per-sample formulas give (k / max in; clamp, scale, + 0.5, truncate out), tails and odd
/// values included, so files written before and after are the same byte for byte.
/// </summary>
public sealed class PixelLayoutTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_level_comes_in_as_its_division_and_goes_out_as_itself(bool sixteenBit)
    {
        int levels = sixteenBit ? 65536 : 256, width = 257, height = (levels + width - 1) / width, bands = 3;
        var samples = new ushort[width * height * bands];
        for (int i = 0; i < samples.Length; i++) samples[i] = (ushort)((i / bands + i % bands * 7) % levels);
        byte[] raw = sixteenBit ? MemoryMarshal.AsBytes(samples.AsSpan()).ToArray() : samples.Select(v => (byte)v).ToArray();

        var pin = GCHandle.Alloc(raw, GCHandleType.Pinned); // ToPlanar reads through a pointer, as from libvips' buffer
        var planes = PixelLayout.ToPlanar(pin.AddrOfPinnedObject(), width, height, bands, sixteenBit);
        pin.Free();
        for (int i = 0; i < width * height; i++)
            for (int c = 0; c < bands; c++)
                Assert.Equal(samples[i * bands + c] / (float)(levels - 1), planes.Data[c * planes.PlaneSize + i]);

        Assert.Equal(raw, PixelLayout.ToInterleaved(planes, bands, sixteenBit));
    }

    [Fact]
    public void Rounding_out_is_the_scalar_formula_for_any_float()
    {
        var rng = new Random(5);
        var values = new List<float> { float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, 1f, -1e-30f, 1 + 1e-7f, 0.5f / 255, 0.5f / 65535 };
        for (int k = 0; k <= 255; k++) values.AddRange([k / 255f, (k + 0.5f) / 255f, MathF.BitDecrement((k + 0.5f) / 255f), MathF.BitIncrement((k + 0.5f) / 255f)]);
        while (values.Count < 5000) values.Add((float)(rng.NextDouble() * 1.4 - 0.2));
        foreach (int length in new[] { values.Count, 1, 7, 31, 33, 95 })
        {
            var row = values.Take(length).ToArray();
            var bytes = new byte[length];
            var words = new ushort[length];
            PixelLayout.Quantise8(row, bytes);
            PixelLayout.Quantise16(row, words);
            for (int x = 0; x < length; x++)
            {
                Assert.True((byte)(Math.Clamp(row[x], 0f, 1f) * 255f + 0.5f) == bytes[x], $"8-bit: {row[x]:R} -> {bytes[x]}");
                Assert.True((ushort)(Math.Clamp(row[x], 0f, 1f) * 65535f + 0.5f) == words[x], $"16-bit: {row[x]:R} -> {words[x]}");
            }
        }
    }
}
