using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>
/// `retouch doctor`: checks the installation. Prints the ONNX Runtime version, its execution
/// providers and the one sessions get with the reason, the libvips version, and every pinned model
/// and native library of this platform with its recomputed sha256 and licence.
/// </summary>
public static class DoctorCommand
{
    public const int Ok = 0;
    public const int Problems = 1;

    public static Command Create()
    {
        var command = new Command("doctor", "Check the native runtimes and the pinned models (versions, execution providers, hashes, licences).");
        var cpu = CpuOption.Create();
        command.Options.Add(cpu);
        command.SetAction(parse => Run(AssetCatalog.ForApplication(), Console.Out, Console.Error, parse.GetValue(cpu)));
        return command;
    }

    /// <returns>0 when everything is present and intact; 1 otherwise, with each problem on stderr.</returns>
    internal static int Run(AssetCatalog catalog, TextWriter output, TextWriter error, bool forceCpu = false)
    {
        var problems = new List<string>();
        CheckOnnxRuntime(output, problems, forceCpu);
        CheckVips(output, problems);
        output.WriteLine($"worker         {WorkerLine()}");
        output.WriteLine(JitProfile.Folder() is { } profiles
            ? $"JIT profiles   {profiles} (methods each command compiled, for its next run; {JitProfile.Variable}=DIR or off)"
            : $"JIT profiles   off ({JitProfile.Variable})");
        CheckAssets(catalog, output, problems);

        if (problems.Count == 0)
        {
            output.WriteLine("all good");
            return Ok;
        }
        foreach (var p in problems) error.WriteLine($"problem: {p}");
        error.WriteLine($"{problems.Count} problem(s) found. Rebuild with Node.js installed to restore the pinned files (models/assets.json).");
        return Problems;
    }

    private static void CheckOnnxRuntime(TextWriter output, List<string> problems, bool forceCpu)
    {
        try
        {
            using var env = new OnnxRuntimeEnvironment(forceCpu);
            output.WriteLine($"ONNX Runtime   {env.Version} (C# API Microsoft.ML.OnnxRuntime.Managed {ManagedApiVersion()})");
            output.WriteLine($"  providers    {string.Join(", ", env.AvailableProviders)} (compiled into the loaded library)");
            output.WriteLine($"  chosen       {env.ProviderChoice.Provider}: {env.ProviderChoice.Reason}");
            string person = PersonSegmenter.ModelFor(env, SessionSettings.Default);
            output.WriteLine($"  person mask  {person} ({(person == PersonSegmenter.QuantizedModelFile ? "int8" : "float")}; " +
                $"{(Int8DotProduct.IsSupported ? "this CPU sums 8-bit products exactly" : "no exact 8-bit dot product on this CPU")}; {PersonSegmenter.ModelVariable}=float|int8)");
            output.WriteLine(env.ModelCache is { } cache
                ? $"  model cache  {cache.Directory} (optimised models of CPU sessions; {OptimizedModelCache.Variable}=DIR or off)"
                : $"  model cache  off ({OptimizedModelCache.Variable})");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException or OnnxRuntimeException)
        {
            output.WriteLine("ONNX Runtime   not loadable");
            problems.Add($"ONNX Runtime: {e.Message}");
        }
    }

    /// <summary>The managed package's version, e.g. "1.30.0" (its informational version without the commit).</summary>
    private static string ManagedApiVersion()
    {
        var assembly = typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? assembly.GetName().Version?.ToString(3) ?? "?";
    }

    /// <summary>One line: the libvips and NetVips versions and the threads, or why libvips cannot load (never a crash).</summary>
    private static void CheckVips(TextWriter output, List<string> problems)
    {
        var vips = ImageFile.LibvipsStatus;
        if (vips.Loaded)
        {
            output.WriteLine($"libvips        {vips.LibvipsVersion} (NetVips {vips.NetVipsVersion}; {vips.Concurrency} threads, operation cache off)");
            return;
        }
        output.WriteLine($"libvips        not loadable: {vips.Problem}");
        problems.Add($"libvips: {vips.Problem}");
    }

    /// <summary>Whether effect commands of this build run in a warm worker (docs/worker.md); never a problem.</summary>
    private static string WorkerLine()
    {
        if (Worker.WorkerAddress.Disabled) return $"not used ({Worker.WorkerAddress.SwitchVariable}=off)";
        return Worker.WorkerAddress.ForApplication(create: false) is { } address
            ? Worker.WorkerCommand.Describe(address).Line
            : "none running (no private folder for its socket yet)";
    }

    /// <summary>Models (in models/) and this platform's native libraries (next to the program); test photos are not shipped.</summary>
    private static void CheckAssets(AssetCatalog catalog, TextWriter output, List<string> problems)
    {
        if (catalog.Assets.Count == 0)
        {
            problems.Add($"no asset manifest at {Path.Combine(catalog.ModelsDirectory, "assets.json")}");
            return;
        }
        string rid = RuntimeInformation.RuntimeIdentifier;
        output.WriteLine("models and native libraries:");
        foreach (var asset in catalog.Assets)
        {
            string? path = asset.Dest.StartsWith("models/", StringComparison.Ordinal) ? Path.Combine(catalog.ModelsDirectory, Path.GetFileName(asset.Dest))
                : asset.Platform == rid ? Path.Combine(catalog.BaseDirectory, Path.GetFileName(asset.Dest))
                : null;
            if (path is null) continue;
            var name = Path.GetFileName(asset.Dest);
            if (!File.Exists(path))
            {
                output.WriteLine($"  {name,-30} MISSING");
                problems.Add($"{name} is missing from {Path.GetDirectoryName(path)}");
                continue;
            }
            var hash = Sha256(path);
            bool intact = string.Equals(hash, asset.Sha256, StringComparison.OrdinalIgnoreCase);
            output.WriteLine($"  {name,-30} sha256 {hash} {(intact ? "ok" : "MISMATCH")}  {asset.Licence} ({asset.Package})");
            if (!intact) problems.Add($"{path}: sha256 {hash} differs from the pinned {asset.Sha256}");
        }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
