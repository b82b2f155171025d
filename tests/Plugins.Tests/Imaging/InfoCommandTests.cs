using System.Text.Json;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Standalone.Commands;

namespace RetouchPlugins.Tests.Imaging;

public sealed class InfoCommandTests : IDisposable
{
    private readonly string _dir = TestImages.NewScratchFolder();
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(string path, bool json = false, bool decode = false)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = InfoCommand.Run(path, json, decode, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Says_what_a_Photoshop_document_holds_and_whether_it_has_a_composite()
    {
        var (code, text, err) = Run(Path.Combine(AppContext.BaseDirectory, "photoshop", "adjustment-mask.psd"));
        Assert.Equal((0, ""), (code, err));
        Assert.Contains("format:       Photoshop PSD (psd)", text);
        Assert.Contains("layers:       pixel layers and adjustment or fill layers, layer masks, kept byte for byte under a .psd result", text);
        Assert.Contains("composite:    absent: saved with Photoshop's \"Maximize PSD and PSB File Compatibility\" off", text);

        (code, text, _) = Run(Path.Combine(AppContext.BaseDirectory, "photoshop", "mask.psd"), json: true);
        using var doc = JsonDocument.Parse(text);
        var psd = doc.RootElement.GetProperty("photoshop");
        Assert.True(psd.GetProperty("composite").GetBoolean());
        Assert.Equal(["adjustment or fill layers", "layer masks", "vector masks"], psd.GetProperty("keptByteForByte").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("sRGB IEC61966-2.1", doc.RootElement.GetProperty("iccDescription").GetString()); // from the image resources
    }

    [Fact]
    public void Prints_size_depth_channels_profile_and_orientation_of_a_photo()
    {
        var (code, text, err) = Run(TestImages.Photo("sample1.jpg"));
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Contains("1920 x 1280", text);
        Assert.Contains("8 bits per sample", text);
        Assert.Contains("channels:     3", text);
        Assert.Contains("sRGB IEC61966-2.1", text); // the photo's embedded profile, by its description
        Assert.Contains("orientation:  1", text);
        Assert.Contains("JPEG", text);
    }

    [Fact]
    public void Json_output_reports_a_16bit_png()
    {
        var path = Path.Combine(_dir, "deep.png");
        var pixels = TestImages.Ramp(40, 30, 65536);
        ImageFile.Save(new ImageDocument(pixels, 16, ImageFile.BuiltInIccProfile("p3"), null, ImageFormat.Png), path);

        var (code, text, _) = Run(path, json: true);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(text);
        var r = doc.RootElement;
        Assert.Equal(40, r.GetProperty("width").GetInt32());
        Assert.Equal(30, r.GetProperty("height").GetInt32());
        Assert.Equal(16, r.GetProperty("bitsPerSample").GetInt32());
        Assert.Equal("PNG", r.GetProperty("format").GetString());
        Assert.Contains("P3", r.GetProperty("iccDescription").GetString());
    }

    [Fact]
    public void Bad_input_exits_2_with_the_file_and_problem_on_stderr()
    {
        var text = Path.Combine(_dir, "readme.jpg");
        File.WriteAllText(text, "hello");
        var (code, output, err) = Run(text);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("readme.jpg", err);
        Assert.Contains("not an image", err);

        Assert.Equal(2, Run(Path.Combine(_dir, "missing.png")).Code);

        // A truncated JPEG has a readable header; --decode finds the damage.
        var whole = File.ReadAllBytes(TestImages.Photo("sample1.jpg"));
        var cut = Path.Combine(_dir, "cut.jpg");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        Assert.Equal(0, Run(cut).Code);
        var decoded = Run(cut, decode: true);
        Assert.Equal(2, decoded.Code);
        Assert.Contains("truncated", decoded.Err);
    }
}
