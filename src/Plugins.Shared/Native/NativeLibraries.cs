using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RetouchPlugins.Shared.Native;

/// <summary>
/// Maps the logical library name our P/Invokes use ("onnxruntime") to the file the asset step copied next
/// to the binaries (models/assets.json). The npm package ships it under a versioned name
/// (libonnxruntime.so.1) that the default probing misses. (libvips comes with NetVips, which finds its own.)
/// </summary>
public static class NativeLibraries
{
    public const string OnnxRuntime = "onnxruntime";

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
    /// The application folder, then the folder of this assembly: inside a host such as Paint.NET the
    /// application folder is the host's, while our natives sit next to our own DLL.
    /// </summary>
    private static IEnumerable<string> SearchDirectories()
    {
        yield return AppContext.BaseDirectory;
        var own = Path.GetDirectoryName(typeof(NativeLibraries).Assembly.Location);
        if (!string.IsNullOrEmpty(own) && !string.Equals(Path.GetFullPath(own), Path.GetFullPath(AppContext.BaseDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            yield return own;
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name is not OnnxRuntime) return IntPtr.Zero;
        var path = Locate(name);
        if (path is not null) return NativeLibrary.Load(path);
        // Fall back to the system's copy; the error below names what was looked for.
        foreach (var file in CandidateFiles(name))
            if (NativeLibrary.TryLoad(file, assembly, searchPath, out var handle)) return handle;
        throw new DllNotFoundException(
            $"Native library '{name}' not found: looked for {string.Join(", ", CandidateFiles(name))} in {string.Join(" and ", SearchDirectories())}. " +
            "Build the solution once with Node.js installed so the pinned assets are fetched (models/restore.mjs).");
    }
}
