using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Benchmarks.Quality;

namespace RetouchPlugins.Tests.Bench;

public sealed class PnmFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bench-pnm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Eight_bit_round_trip_is_exact_on_the_8_bit_grid()
    {
        var photo = PlaneMath.Quantize8(BenchFixtures.PhotoCrop(size: 64));
        string path = Path.Combine(_dir, "a.ppm");
        PnmFile.Write(path, photo);
        Assert.Equal(photo.Data, PnmFile.Read(path).Data);
    }

    [Fact]
    public void Sixteen_bit_round_trip_keeps_1_in_65535()
    {
        var photo = BenchFixtures.PhotoCrop(size: 64);
        for (int i = 0; i < photo.Data.Length; i++) photo.Data[i] = (i % 65536) / 65535f;
        string path = Path.Combine(_dir, "b.ppm");
        PnmFile.Write(path, photo, sixteenBit: true);
        var back = PnmFile.Read(path);
        for (int i = 0; i < photo.Data.Length; i++) Assert.InRange(Math.Abs(photo.Data[i] - back.Data[i]), 0, 0.51 / 65535);
    }

    [Fact]
    public void A_file_that_is_not_pnm_is_named_in_the_error()
    {
        string path = Path.Combine(_dir, "c.ppm");
        File.WriteAllText(path, "GIF89a nonsense");
        var e = Assert.Throws<InvalidDataException>(() => PnmFile.Read(path));
        Assert.Contains(path, e.Message);
    }
}
