using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RetouchPlugins.Shared.Native;

/// <summary>
/// Maps the logical library names our P/Invokes use ("onnxruntime", "vips") to the files the
/// asset step copied next to the binaries (models/assets.json). The npm packages ship them under
/// versioned names (libonnxruntime.so.1, libvips-cpp.so.8.18.7) that the default probing misses.
/// </summary>
public static class NativeLibraries
{
    public const string OnnxRuntime = "onnxruntime";
    public const string Vips = "vips";

#pragma warning disable CA2255 // a library must register its resolver before its first P/Invoke
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);

    /// <summary>The file names tried for a logical name on this OS, in order.</summary>
    public static IReadOnlyList<string> CandidateFiles(string logicalName) => logicalName switch
    {
        OnnxRuntime when OperatingSystem.IsWindows() => ["onnxruntime.dll"],
        OnnxRuntime when OperatingSystem.IsMacOS() => ["libonnxruntime.1.dylib"],
        OnnxRuntime => ["libonnxruntime.so.1", "libonnxruntime.so"],
        Vips when OperatingSystem.IsWindows() => ["libvips-42.dll"],
        Vips when OperatingSystem.IsMacOS() => ["libvips-cpp.8.18.7.dylib"],
        Vips => ["libvips-cpp.so.8.18.7", "libvips-cpp.so.42", "libvips.so.42"],
        _ => [],
    };

    /// <summary>Where the file for <paramref name="logicalName"/> would be loaded from, or null.</summary>
    public static string? Locate(string logicalName)
    {
        foreach (var dir in SearchDirectories())
            foreach (var file in CandidateFiles(logicalName))
            {
                var path = Path.Combine(dir, file);
                if (File.Exists(path)) return path;
            }
        return null;
    }

    /// <summary>
    /// The folder of this assembly first, then the application folder: inside a host such as Paint.NET the
    /// application folder is the host's, and a library of the same name there must not win over ours.
    /// </summary>
    private static IEnumerable<string> SearchDirectories()
    {
        var own = Path.GetDirectoryName(typeof(NativeLibraries).Assembly.Location);
        if (!string.IsNullOrEmpty(own)) yield return own;
        if (string.IsNullOrEmpty(own) || !string.Equals(Path.GetFullPath(own).TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            yield return AppContext.BaseDirectory;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name is not (OnnxRuntime or Vips)) return IntPtr.Zero;
        var path = Locate(name);
        if (path is not null)
        {
            // onnxruntime.dll loads DirectML.dll by bare name through the Windows loader, which searches the host's
            // .exe folder and System32 (an older DirectML) before ours: load the one beside it first.
            if (name == OnnxRuntime && OperatingSystem.IsWindows() && Path.Combine(Path.GetDirectoryName(path)!, "DirectML.dll") is var dml && File.Exists(dml))
                NativeLibrary.Load(dml);
            return NativeLibrary.Load(path);
        }
        // Fall back to the system's copy (e.g. a distribution's libvips); the error below names what was looked for.
        foreach (var file in CandidateFiles(name))
            if (NativeLibrary.TryLoad(file, assembly, searchPath, out var handle)) return handle;
        throw new DllNotFoundException(
            $"Native library '{name}' not found: looked for {string.Join(", ", CandidateFiles(name))} in {string.Join(" and ", SearchDirectories())}. " +
            "Build the solution once with Node.js installed so the pinned assets are fetched (models/restore.mjs).");
    }
}
