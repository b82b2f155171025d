using RetouchPlugins.Shared.Layers.Psd;

namespace RetouchPlugins.Tests.Layers;

/// <summary>
/// PackBits, the RLE of PSD channels, written into a row buffer (rows are packed in bands over the cores): rows of runs
/// at and around its limits (128 equal bytes, 128 literals) and of noise come back exactly, within the bound the
/// buffers are sized by.
/// </summary>
public class PackBitsTests
{
    public static TheoryData<int, int> Rows() => new() { { 1, 0 }, { 2, 1 }, { 127, 2 }, { 128, 3 }, { 129, 4 }, { 130, 5 }, { 257, 6 }, { 4244, 7 }, { 4244, 8 } };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_row_packs_within_its_bound_and_unpacks_to_itself(int width, int seed)
    {
        var random = new Random(seed);
        var row = new byte[width];
        // Runs of 1 to 300 equal bytes (a run longer than 128 is split) between noise of 1 to 300 bytes.
        for (int x = 0; x < width; )
        {
            int run = random.Next(1, 300), literal = random.Next(1, 300);
            byte v = (byte)random.Next(256);
            for (int k = 0; k < run && x < width; k++) row[x++] = v;
            for (int k = 0; k < literal && x < width; k++) row[x++] = (byte)random.Next(256);
        }
        if (seed == 8) random.NextBytes(row); // noise alone: the all-literal worst case

        var packed = new byte[PackBits.MaxPackedLength(width)];
        int length = PackBits.Encode(row, packed);
        var back = new byte[width];
        PackBits.Decode(packed.AsSpan(0, length), back);

        Assert.Equal(row, back);
        Assert.InRange(length, 2, PackBits.MaxPackedLength(width));
    }

    [Fact]
    public void Equal_bytes_pack_to_two_bytes_per_128()
    {
        var row = new byte[1000];
        Array.Fill(row, (byte)77);
        var packed = new byte[PackBits.MaxPackedLength(row.Length)];
        Assert.Equal(2 * 8, PackBits.Encode(row, packed)); // 7 runs of 128 and one of 104
    }
}
