using System.Security.Cryptography;

namespace RetouchPlugins.Tests.Windows;

/// <summary>What a win-x64 publish ships, checked on Linux: ONNX Runtime with DirectML, DirectML itself, libvips, the models.</summary>
[Collection(nameof(WindowsPublish))]
public class WindowsPublishTests(WindowsPublish publish)
{
    private const string DmlExport = "OrtSessionOptionsAppendExecutionProvider_DML";

    [Fact]
    public void OnnxRuntimeIsTheDirectMLBuildFromNpmNotNuGetsCpuBuild()
    {
        var names = PeExports.Names(publish.PathOf("onnxruntime.dll"));
        Assert.Contains("OrtGetApiBase", names);
        Assert.Contains(DmlExport, names);
        // the very file pinned from onnxruntime-node, not the CPU-only one the NuGet package has for win-x64
        var pinned = publish.Assets.Single(a => a.Platform == "win-x64" && a.FileName == "onnxruntime.dll");
        Assert.Equal(pinned.Sha256, Sha256(publish.PathOf("onnxruntime.dll")));
    }

    /// <summary>The reader can tell the two builds apart: NuGet's win-x64 DLL (restored by the build) exports the API but not DirectML.</summary>
    [Fact]
    public void ExportReaderSeesThatNuGetsWindowsBuildLacksDirectML()
    {
        var nuget = Path.Combine(NuGetPackages(), "microsoft.ml.onnxruntime", "1.30.0", "runtimes", "win-x64", "native", "onnxruntime.dll");
        var names = PeExports.Names(nuget);
        Assert.Contains("OrtGetApiBase", names);
        Assert.DoesNotContain(DmlExport, names);
        Assert.Empty(PeExports.Names(publish.PathOf("retouch.exe"))); // an executable exports nothing
    }

    /// <summary>
    /// The start-up code is precompiled (ready-to-run: a managed native header) and the pixel code is not: the JIT gives
    /// it the machine's widest vectors and inlines across assemblies (src/Plugins.Standalone/Plugins.Standalone.csproj).
    /// </summary>
    [Fact]
    public void StartUpAssembliesAreReadyToRunAndThePixelCodeIsLeftToTheJit()
    {
        foreach (var precompiled in new[] { "retouch.dll", "System.CommandLine.dll", "Spectre.Console.dll", "NetVips.dll", "Microsoft.ML.OnnxRuntime.dll" })
            Assert.True(ReadyToRun(publish.PathOf(precompiled)), $"{precompiled} is not ready-to-run");
        foreach (var jitted in new[] { "Plugins.Shared.dll", "Plugins.Shaders.dll" })
            Assert.False(ReadyToRun(publish.PathOf(jitted)), $"{jitted} is precompiled; the pixel code should be left to the JIT");
    }

    private static bool ReadyToRun(string path)
    {
        using var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(path));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    [Fact]
    public void EveryWindowsNativeAndModelIsThereIntactAndNoLinuxNative()
    {
        // DirectML.dll and libvips-42.dll by name, whichever package they come from
        Assert.True(File.Exists(publish.PathOf("DirectML.dll")), "DirectML.dll is missing from the publish");
        Assert.True(File.Exists(publish.PathOf("libvips-42.dll")), "libvips-42.dll is missing from the publish");
        var expected = publish.Assets.Where(a => a.Platform == "win-x64" || a.IsModel).ToArray();
        foreach (var asset in expected)
        {
            var path = asset.IsModel ? Path.Combine(publish.Folder, "models", asset.FileName) : publish.PathOf(asset.FileName);
            Assert.True(File.Exists(path), $"{asset.Dest} is missing from the publish");
            Assert.Equal(asset.Sha256, Sha256(path));
        }
        Assert.Empty(Directory.GetFiles(publish.Folder, "*.so*").Concat(Directory.GetFiles(publish.Folder, "*.dylib")));
        Assert.True(File.Exists(publish.PathOf("retouch.exe")));
        Assert.True(File.Exists(publish.PathOf("coreclr.dll")), "not self-contained: the .NET runtime is missing");
    }

    private static string NuGetPackages() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
