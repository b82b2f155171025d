using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Imaging;

namespace RetouchPlugins.Tests.WebHost;

/// <summary>
/// A ProPhoto TIFF uploaded to the host (what an editor hands over) is analysed, previewed and rendered as its colours
/// are: the page's original is the photo in sRGB, and the skin retouch finds what it finds on the sRGB photo.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class HostWideGamutTests(HostFixture host) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-host-gamut-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public async Task A_prophoto_upload_is_shown_and_retouched_as_its_srgb_original()
    {
        // Two of sample1's faces (the host's upload limit in the tests is 4 MB).
        var crop = (380, 330, 720, 420);
        var proPhoto = TestIccProfiles.Sample1In(TestIccProfiles.ProPhoto(), _dir, "prophoto", crop);
        var srgb = Path.Combine(_dir, "srgb.png");
        var sample = ImageFile.Load(HostFixture.Sample(1)).Pixels.Crop(crop.Item1, crop.Item2, crop.Item3, crop.Item4);
        ImageFile.SavePng(sample, srgb);
        var body = new { effect = "skin", parameters = new Dictionary<string, object>() };
        var fromSrgb = await HostApi.Render(host.Client, (await HostApi.Upload(host.Client, srgb)).Id, body);
        var session = await HostApi.Upload(host.Client, proPhoto);
        Assert.Contains("Test ProPhoto RGB: retouched as sRGB", session.Colours);
        var fromProPhoto = await HostApi.Render(host.Client, session.Id, body);
        Assert.Equal(2, fromSrgb.Faces);
        Assert.Equal(fromSrgb.Faces, fromProPhoto.Faces);
        Assert.Equal(fromSrgb.Message, fromProPhoto.Message);

        // The page's original is the photo in sRGB (PNG, no profile): sample1 within the round trip (measured mean 0.03 levels).
        var original = ImageFile.LoadFromBuffer(await host.Client.GetByteArrayAsync($"/api/sessions/{session.Id}/original?maxSize=4000"), "original");
        double mean = original.Pixels.Data.Zip(sample.Data, (a, b) => Math.Abs(a - b)).Average() * 255;
        Assert.InRange(mean, 0, 0.2);

        // The full render's layers reach the page in sRGB too (the exported file stays in ProPhoto): the sRGB photo's
        // within the round trip (measured mean 0.05 levels of 255). Read as they are, ProPhoto values show greyer.
        var result = await HostApi.Layer(host.Client, fromProPhoto.Layers.Single(l => l.Name == "Retouched"));
        var expected = await HostApi.Layer(host.Client, fromSrgb.Layers.Single(l => l.Name == "Retouched"));
        double layerMean = result.Pixels.Data.Zip(expected.Pixels.Data, (a, b) => Math.Abs(a - b)).Average() * 255;
        Assert.InRange(layerMean, 0, 0.3);
    }
}
