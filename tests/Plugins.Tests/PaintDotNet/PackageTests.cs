using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// scripts/package-paintdotnet.sh, run as the MSI build and a user run it: the folder Paint.NET 5.1 loads a plugin with
/// dependencies from (Effects/RetouchPlugins/ with RetouchPlugins.dll and RetouchPlugins.deps.json), everything in it
/// built for net9.0 (Paint.NET 5.1's runtime; this is also CI's check that the libraries build for net9.0), the pinned
/// Windows natives and models byte for byte, and none of Paint.NET's own assemblies. What it cannot show: that a real
/// Paint.NET loads the folder (Windows only, docs/paintdotnet.md).
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "retouch-pdn-package-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_out, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void The_package_is_the_folder_paint_net_loads()
    {
        var (exit, output) = RunScript(_out);
        Assert.True(exit == 0, $"package-paintdotnet.sh exited {exit}:\n{output}");
        var folder = Path.Combine(_out, "Effects", "RetouchPlugins");
        Assert.EndsWith($"Paint.NET plugin folder: {Path.Combine(_out, "Effects", "RetouchPlugins")}", output.TrimEnd());

        foreach (var file in new[] { "RetouchPlugins.dll", "RetouchPlugins.deps.json", "Plugins.Shared.dll", "Plugins.Shaders.dll",
                                     "onnxruntime.dll", "DirectML.dll", "libvips-42.dll", "models/assets.json", "BUILD.txt" })
            Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing from {folder}");
        Assert.Empty(Directory.GetFiles(folder, "PaintDotNet.*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(folder, "*.so*", SearchOption.AllDirectories)); // no Linux natives in a Windows package
        Assert.Equal(["RetouchPlugins"], Directory.GetDirectories(Path.Combine(_out, "Effects")).Select(Path.GetFileName));

        // The deps.json names the plugin as its own project, for win-x64 on .NET 9, and lists no Paint.NET assembly
        // (Paint.NET's loader would look for it in the folder).
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "RetouchPlugins.deps.json")));
        Assert.Equal(".NETCoreApp,Version=v9.0/win-x64", deps.RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString());
        var target = deps.RootElement.GetProperty("targets").GetProperty(".NETCoreApp,Version=v9.0/win-x64");
        var plugin = target.EnumerateObject().Single(p => p.Name.StartsWith("RetouchPlugins/", StringComparison.Ordinal));
        Assert.True(plugin.Value.GetProperty("runtime").TryGetProperty("RetouchPlugins.dll", out _));
        Assert.Equal("project", deps.RootElement.GetProperty("libraries").GetProperty(plugin.Name).GetProperty("type").GetString());
        Assert.DoesNotContain("PaintDotNet", deps.RootElement.GetRawText());

        foreach (var dll in new[] { "RetouchPlugins.dll", "Plugins.Shared.dll", "Plugins.Shaders.dll" })
            Assert.Equal(".NETCoreApp,Version=v9.0", TargetFramework(Path.Combine(folder, dll)));

        // The packaged plugin binds to Paint.NET as published, like the everyday build (MemberReferenceTests).
        var wrong = MemberReferenceTests.Mismatches(Path.Combine(folder, "RetouchPlugins.dll"), out int members);
        Assert.True(members >= 30 && wrong.Count == 0, string.Join("\n", wrong));

        // The pinned Windows natives and the models, byte for byte as models/assets.json pins them.
        using var pins = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "models", "assets.json")));
        int checkedFiles = 0;
        foreach (var pin in pins.RootElement.GetProperty("files").EnumerateArray())
        {
            var dest = pin.GetProperty("dest").GetString()!;
            string? shipped = dest.StartsWith("native/win-x64/", StringComparison.Ordinal) ? Path.Combine(folder, Path.GetFileName(dest))
                : dest.StartsWith("models/", StringComparison.Ordinal) ? Path.Combine(folder, dest) : null;
            if (shipped is null) continue;
            Assert.True(File.Exists(shipped), $"{dest} is pinned but not in the package");
            Assert.Equal(pin.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(shipped))));
            checkedFiles++;
        }
        Assert.Equal(5, checkedFiles); // 2 Windows natives (onnxruntime.dll with DirectML, DirectML.dll), 3 downloaded models
        // libvips comes from NetVips.Native.win-x64 (NuGet pins it by version, not assets.json).
        Assert.True(File.Exists(Path.Combine(folder, "libvips-42.dll")), "libvips-42.dll (NetVips.Native.win-x64) is missing");
        Assert.True(File.Exists(Path.Combine(folder, "NetVips.dll")), "NetVips.dll is missing");
        foreach (var converted in new[] { "face_mesh.onnx", "realesrgan-x4fast.onnx", "realesrgan-x4plus.onnx", "u2netp-int8.onnx" })
            Assert.True(File.Exists(Path.Combine(folder, "models", converted)), $"models/{converted} (converted at build time) is missing");
        // The DirectML build of ONNX Runtime (the CPU-only one lacks this export).
        Assert.True(File.ReadAllBytes(Path.Combine(folder, "onnxruntime.dll")).AsSpan().IndexOf("OrtSessionOptionsAppendExecutionProvider_DML"u8) >= 0,
            "onnxruntime.dll lacks the DirectML export");

        Assert.Contains("against src/PaintDotNet.Reference", File.ReadAllText(Path.Combine(folder, "BUILD.txt")));
    }

    [Fact]
    public void A_missing_output_argument_or_a_wrong_paint_net_folder_is_refused()
    {
        var (exit, output) = RunScript();
        Assert.Equal(1, exit);
        Assert.Contains("usage: bash scripts/package-paintdotnet.sh OUTDIR [--pdn-root DIR]", output);

        (exit, output) = RunScript(_out, "--pdn-root", _out);
        Assert.Equal(1, exit);
        Assert.Contains($"error: {_out}: no PaintDotNet.Effects.Core.dll there", output);
        Assert.False(Directory.Exists(Path.Combine(_out, "Effects")));
    }

    private static (int Exit, string Output) RunScript(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "scripts", "package-paintdotnet.sh"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        // The test host runs under `dotnet test`: its MSBuild settings must not leak into the script's own build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToArray())
            start.Environment.Remove(key);
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output + "\n(timed out after 15 minutes)");
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>The TargetFrameworkAttribute an assembly was built with (".NETCoreApp,Version=v9.0").</summary>
    private static string? TargetFramework(string dll)
    {
        using var pe = new PEReader(File.OpenRead(dll));
        var md = pe.GetMetadataReader();
        foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
            var parent = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
            if (parent.Kind != HandleKind.TypeReference || md.GetString(md.GetTypeReference((TypeReferenceHandle)parent).Name) != "TargetFrameworkAttribute") continue;
            var blob = md.GetBlobReader(attribute.Value);
            blob.ReadUInt16(); // prolog
            return blob.ReadSerializedString();
        }
        return null;
    }
}
