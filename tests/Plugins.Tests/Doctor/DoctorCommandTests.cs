using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Onnx;
using RetouchPlugins.Tests.Support;
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
        Assert.Contains("ONNX Runtime   1.30.0 (C# API Microsoft.ML.OnnxRuntime.Managed 1.30.0)", text);
        Assert.Matches(@"providers\s+CPUExecutionProvider \(compiled into the loaded library\)", text); // the NuGet Linux build: CPU only
        Assert.Contains("chosen       CPUExecutionProvider: this ONNX Runtime build has no DirectML", text);
        // The tests pin the float person model (Support/PersonModelPin); the line says so and what this CPU could run.
        Assert.Matches(@"person mask  u2netp\.onnx \(float; (this CPU sums 8-bit products exactly|no exact 8-bit dot product on this CPU); RETOUCH_PERSON_MODEL=float\|int8\)", text);
        Assert.Contains($"model cache  {Support.RunFolder.OrtCache} ", text); // the tests' own folder, from RETOUCH_ORT_CACHE
        Assert.Matches($@"JIT profiles   {System.Text.RegularExpressions.Regex.Escape(Support.RunFolder.JitProfiles)}/[0-9a-f]{{12}} ", text); // this build's, in the tests' folder
        Assert.Matches(@"libvips\s+8\.18\.7 \(NetVips 3\.2\.0; \d+ threads, operation cache off\)", text);
        Assert.Matches(@"retinaface_mnet025_v2\.onnx\s+sha256 cd1acf4887eff165497762346fcafbdec58f662a2ceb01e5edb979f54b9875b6 ok\s+MIT", text);
        Assert.Matches(@"u2netp\.onnx\s+sha256 [0-9a-f]{64} ok\s+ISC", text);
        Assert.Matches(@"libonnxruntime\.so\s+sha256 245a6f8c38127551057a1cd1ffd59f0a186a227ade4f3492dea2494eb565542e ok\s+MIT \(Microsoft\.ML\.OnnxRuntime@1\.30\.0 \(NuGet\)\)", text);
        Assert.DoesNotContain("sample1.jpg", text); // test photos are not part of the product
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public void CpuOptionIsTheChosenProviderWithItsReason()
    {
        var output = new StringWriter();
        Assert.Equal(DoctorCommand.Ok, DoctorCommand.Run(AssetCatalog.ForApplication(), output, new StringWriter(), forceCpu: true));
        Assert.Contains("chosen       CPUExecutionProvider: the CPU was asked for", output.ToString());
    }

    /// <summary>The variable is read by the real program, in its own process (setting it here would reach every test running beside this one).</summary>
    [Fact]
    public void CpuVariableIsTheChosenProviderWithItsReason()
    {
        var doctor = ChildProcess.Run(Path.Combine(AppContext.BaseDirectory, "retouch"), ["doctor"], TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { [OnnxRuntimeEnvironment.ForceCpuVariable] = "1" });
        Assert.True(doctor.ExitCode == DoctorCommand.Ok, doctor.Output);
        Assert.Contains("chosen       CPUExecutionProvider: RETOUCH_CPU=1 asks for the CPU", doctor.Output);
    }

    /// <summary>RETOUCH_PERSON_MODEL decides the person model over the CPU's instructions, read by the real program.</summary>
    [Theory]
    [InlineData("int8", "u2netp-int8.onnx (int8;")]
    [InlineData("float", "u2netp.onnx (float;")]
    public void PersonModelVariableDecidesTheModel(string value, string expected)
    {
        var doctor = ChildProcess.Run(Path.Combine(AppContext.BaseDirectory, "retouch"), ["doctor"], TimeSpan.FromMinutes(2),
            new Dictionary<string, string> { [RetouchPlugins.Shared.Faces.PersonSegmenter.ModelVariable] = value });
        Assert.True(doctor.ExitCode == DoctorCommand.Ok, doctor.Output);
        Assert.Contains("person mask  " + expected, doctor.Output);
    }

    /// <summary>
    /// The program's folder without ONNX Runtime's native library: one line saying which file is missing where. The
    /// program's own assembly is copied (.NET takes the application folder from its real path), everything else linked.
    /// </summary>
    [Fact]
    public void MissingOnnxRuntimeLibraryIsOneClearProblem()
    {
        var dir = Path.Combine(Path.GetTempPath(), "retouch-no-ort-" + Guid.NewGuid().ToString("N"));
        try
        {
            LinkEverythingBut(AppContext.BaseDirectory, dir, "libonnxruntime.so", copied: "retouch.dll");
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            var doctor = ChildProcess.Run(dotnet, [Path.Combine(dir, "retouch.dll"), "doctor"], TimeSpan.FromMinutes(2));
            Assert.Equal(DoctorCommand.Problems, doctor.ExitCode);
            Assert.Contains("ONNX Runtime   not loadable", doctor.StandardOutput);
            var problem = Assert.Single(doctor.StandardError.Split('\n'), l => l.Contains("ONNX Runtime", StringComparison.Ordinal));
            Assert.Contains($"libonnxruntime.so is missing from {dir}", problem);
            Assert.Matches(@"libvips\s+8\.", doctor.StandardOutput); // the rest of the check still runs
        }
        finally { Directory.Delete(dir, true); }
    }

    private static void LinkEverythingBut(string from, string to, string left, string copied)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
        {
            var name = Path.GetFileName(entry);
            if (name == copied) File.Copy(entry, Path.Combine(to, name));
            else if (name != left) File.CreateSymbolicLink(Path.Combine(to, name), entry);
        }
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
