using System.Buffers.Binary;
using System.IO.Compression;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Standalone;
using RetouchPlugins.Standalone.Commands;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Robustness;

/// <summary>
/// A photo under the pixel limit but too large for the memory is refused from its header with a message the
/// user can act on, instead of an out-of-memory kill after minutes (issue 21). The budget is given explicitly
/// (as `--memory-limit` does), so the tests do not depend on the machine they run on.
/// </summary>
public sealed class MemoryGuardTests : IDisposable
{
    private const long GB = 1L << 30;
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-memory-").FullName;
    private readonly StringWriter _text = new();

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>The CLI's limits, as `--memory-limit 16G` gives them (about what a 24 GB workstation has free).</summary>
    private static RunLimits Cli(long memory) => RunLimits.Default with { MemoryBytes = memory, PixelLimitHint = LimitOptions.MaxMegapixels, MemoryLimitHint = LimitOptions.MemoryLimit };

    /// <summary>A real, complete 16000 x 16000 grey-ish RGB PNG (256 MP, under the 268 MP cap), about 0.8 MB.</summary>
    private string Png256Megapixels()
    {
        const int size = 16000;
        var path = Path.Combine(_dir, "huge.png");
        using var file = File.Create(path);
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, size);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), size);
        ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
        PngChunk.Write(file, "IHDR", ihdr);
        var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + size * 3];
            Array.Fill(row, (byte)128, 1, size * 3);
            for (int y = 0; y < size; y++) z.Write(row);
        }
        PngChunk.Write(file, "IDAT", idat.ToArray());
        PngChunk.Write(file, "IEND", []);
        return path;
    }

    [Fact]
    public void A_256_megapixel_png_is_refused_from_its_header_naming_the_need_the_fit_and_the_option()
    {
        var input = Png256Megapixels();
        Assert.Equal((16000, 16000), (ImageFile.ReadInfo(input).Width, ImageFile.ReadInfo(input).Height));
        bool analysed = false;
        var console = Terminal.For(_text, redirected: true);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        int code = EffectCommand.Run(EffectCatalog.Get("skin").Create(),
            new RunRequest(input, Path.Combine(_dir, "out.jpg"), SkinRecipe.Info.DefaultSettings(), Limits: Cli(16 * GB)), console,
            new DelegateAnalysisProvider((_, _) => { analysed = true; throw new InvalidOperationException("must not get this far"); }), default);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Assert.Equal(RunExit.BadInput, code);
        Assert.False(analysed);
        // Decoding would allocate 3 GB of float planes on this thread; the refusal reads a header.
        Assert.True(allocated < 64L << 20, $"{allocated >> 20} MB allocated while refusing");
        var message = _text.ToString();
        Assert.StartsWith($"error: {input}: 16000 x 16000 (256 megapixels) needs about", message);
        Assert.Contains("but 16.0 GB is available", message);
        Assert.Matches(@"photos up to about 1\d\d(\.\d)? megapixels fit", message);
        Assert.Contains("--memory-limit", message);
        Assert.DoesNotContain("RunLimits", message);
        Assert.False(File.Exists(Path.Combine(_dir, "out.jpg")));
    }

    [Fact]
    public void The_same_check_guards_info_decode_and_each_photo_of_a_batch()
    {
        var info = new ImageInfo(16000, 16000, 3, 8, 1, null, ImageFormat.Png, "pngload", "srgb");
        var decode = Assert.Throws<ImageFileException>(() => MemoryBudget.Check("x.png", info, MemoryUse.Decode, 4 * GB, "--memory-limit"));
        Assert.Equal(ImageFileProblem.NotEnoughMemory, decode.Problem);
        Assert.Contains("to decode", decode.Message);
        MemoryBudget.Check("x.png", info, MemoryUse.Decode, 16 * GB, "--memory-limit"); // decoding alone fits where a retouch does not
        Assert.Throws<ImageFileException>(() => MemoryBudget.Check("x.png", info, MemoryUse.Effect, 16 * GB, "--memory-limit"));
    }

    [Fact]
    public void A_process_that_already_holds_its_models_is_not_charged_for_them_again()
    {
        // CI's test host, after many runs, had 0.5-0.6 GB available: 600 MB fixed + 0.6 MP x 75 B was refused, yet
        // the host had its runtime and models loaded long before (they are what made the available memory small).
        var info = new ImageInfo(960, 640, 3, 16, 1, null, ImageFormat.Tiff, "tiffload", "srgb");
        long available = 600L << 20;
        var fresh = Assert.Throws<ImageFileException>(() => MemoryBudget.Check("in.tif", info, MemoryUse.Effect, available, "--memory-limit"));
        Assert.Equal(ImageFileProblem.NotEnoughMemory, fresh.Problem);
        MemoryBudget.Check("in.tif", info, MemoryUse.Effect, available, "--memory-limit", held: 2 * GB);
        Assert.Equal(MemoryBudget.FixedBytes - (100L << 20), MemoryBudget.FixedStillNeeded(100L << 20));
        Assert.Equal(0, MemoryBudget.FixedStillNeeded(2 * GB));
        // Still refused when the photo itself does not fit in what is left.
        var big = new ImageInfo(16000, 16000, 3, 8, 1, null, ImageFormat.Png, "pngload", "srgb");
        Assert.Throws<ImageFileException>(() => MemoryBudget.Check("x.png", big, MemoryUse.Effect, 16 * GB, "--memory-limit", held: 2 * GB));
    }

    [Fact]
    public void The_pixel_limit_message_names_the_option_that_raises_it()
    {
        var e = Assert.Throws<ImageFileException>(() => EffectRunner.CheckFits(Imaging.TestImages.Photo("sample1.jpg"), MemoryUse.Effect,
            Cli(64 * GB) with { MaxPixels = 1_000_000 }));
        Assert.Equal(ImageFileProblem.TooManyPixels, e.Problem);
        Assert.Contains("raise it with --max-megapixels", e.Message);
        Assert.DoesNotContain("ImageLoadOptions", e.Message);
    }

    [Fact]
    public void Sizes_the_user_types_are_read_and_nonsense_is_not()
    {
        Assert.Equal(24 * GB, MemoryBudget.ParseSize("24G"));
        Assert.Equal(24 * GB, MemoryBudget.ParseSize("24gb"));
        Assert.Equal(512L << 20, MemoryBudget.ParseSize("512M"));
        Assert.Equal(1000, MemoryBudget.ParseSize("1000"));
        Assert.Null(MemoryBudget.ParseSize("lots"));
        Assert.Null(MemoryBudget.ParseSize("-3G"));
    }
}
