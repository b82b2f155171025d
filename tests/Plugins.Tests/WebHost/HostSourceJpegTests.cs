using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.WebHost;

/// <summary>
/// An uploaded JPEG's quantisation tables reach the effects as a file on the command line does: face restore reads
/// the quality from them over HTTP (the upload is decoded from memory, so no file exists), and a PNG upload of the same
/// pixels says it had none.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class HostSourceJpegTests(HostFixture host) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-host-jpeg-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task Face_restore_reads_the_uploaded_JPEGs_quality_and_a_PNG_upload_has_none()
    {
        var photo = Resample.AreaDownsample(ImageFile.Load(HostFixture.Sample(1)).Pixels, 960, 640);
        string jpeg = Path.Combine(_dir, "low-quality.jpg"), png = Path.Combine(_dir, "same.png");
        ImageFile.Save(new ImageDocument(photo, 8, null, null, ImageFormat.Jpeg), jpeg, new ImageSaveOptions { JpegQuality = 30 });
        ImageFile.SavePng(ImageFile.Load(jpeg).Pixels, png);
        var body = new { effect = "restore", parameters = new Dictionary<string, object> { ["route"] = "classical" } };

        var fromJpeg = await HostApi.Render(host.Client, (await HostApi.Upload(host.Client, jpeg)).Id, body);
        var fromPng = await HostApi.Render(host.Client, (await HostApi.Upload(host.Client, png)).Id, body);

        // libvips writes the IJG tables scaled for quality 30, which the estimate reads back exactly.
        Assert.Contains("JPEG quality 30 from the uploaded file's quantisation tables (IJG tables): deblocked", fromJpeg.Message);
        Assert.Contains("JPEG quality: no source file", fromPng.Message);
    }
}
