using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Standalone.Commands;

namespace RetouchPlugins.Tests.Doctor;

public class DoctorCommandTests
{
    [Fact]
    public void HealthyInstallReportsVersionsProvidersAndModels()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = DoctorCommand.Run(AssetCatalog.ForApplication(), output, error);
        var text = output.ToString();
        Assert.True(code == DoctorCommand.Ok, text + error);
        Assert.Contains("ONNX Runtime   1.30.0", text);
        Assert.Contains("CPUExecutionProvider", text);
        Assert.Matches(@"libvips\s+8\.18\.7 \(NetVips 3\.2\.0; \d+ threads, operation cache off\)", text);
        Assert.Matches(@"retinaface_mnet025_v2\.onnx\s+sha256 cd1acf4887eff165497762346fcafbdec58f662a2ceb01e5edb979f54b9875b6 ok\s+MIT", text);
        Assert.Matches(@"u2netp\.onnx\s+sha256 [0-9a-f]{64} ok\s+ISC", text);
        Assert.Contains("libonnxruntime.so.1", text);
        Assert.DoesNotContain("sample1.jpg", text); // test photos are not part of the product
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void DamagedAndMissingModelsAreProblems()
    {
        var app = AssetCatalog.ForApplication();
        var dir = Path.Combine(Path.GetTempPath(), "retouch-doctor-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "models"));
        try
        {
            File.Copy(Path.Combine(app.ModelsDirectory, "assets.json"), Path.Combine(dir, "models", "assets.json"));
            var damaged = File.ReadAllBytes(app.ModelPath("u2netp.onnx"));
            damaged[1000] ^= 0xff;
            File.WriteAllBytes(Path.Combine(dir, "models", "u2netp.onnx"), damaged);
            // retinaface is left out

            var output = new StringWriter();
            var error = new StringWriter();
            int code = DoctorCommand.Run(new AssetCatalog(dir), output, error);
            Assert.Equal(DoctorCommand.Problems, code);
            Assert.Matches(@"u2netp\.onnx\s+sha256 [0-9a-f]{64} MISMATCH", output.ToString());
            Assert.Contains("retinaface_mnet025_v2.onnx is missing", error.ToString());
            Assert.Contains("u2netp.onnx: sha256", error.ToString());
            Assert.Contains("problem(s) found", error.ToString());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void NoManifestIsAProblem()
    {
        var dir = Path.Combine(Path.GetTempPath(), "retouch-doctor-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var error = new StringWriter();
            Assert.Equal(DoctorCommand.Problems, DoctorCommand.Run(new AssetCatalog(dir), new StringWriter(), error));
            Assert.Contains("no asset manifest", error.ToString());
        }
        finally { Directory.Delete(dir, true); }
    }
}
