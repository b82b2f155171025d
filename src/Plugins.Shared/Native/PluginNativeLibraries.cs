using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace RetouchPlugins.Shared.Native;

/// <summary>
/// Serves the native libraries that lie in a plugin's own folder (ONNX Runtime with DirectML, libvips) to the
/// assemblies that P/Invoke them, when a host loads the plugin into its own AssemblyLoadContext: Paint.NET 4.3+
/// loads each plugin folder in an isolated context, and its process's native search directories are Paint.NET's,
/// not ours. Hooked on the context's ResolvingUnmanagedDll event: unlike
/// NativeLibrary.SetDllImportResolver (one per assembly), the event cannot collide with a resolver the packages set
/// themselves (NetVips sets one in its module initializer), so the official ONNX Runtime and NetVips packages and
/// our own bindings are all served by name. The runtime's default probing runs before it and already looks in
/// the folder of the calling assembly (the plugin folder) under the file name it was asked for; this handler
/// finds what that misses: the versioned file names (libonnxruntime.so.1, libvips.so.42) and a NetVips name remapped
/// on Windows. DirectML.dll, which onnxruntime.dll loads by bare name through the Windows loader (whose search starts
/// at the host's .exe folder, then System32's older copy), is loaded from the plugin folder when the handler is registered.
/// </summary>
public sealed class PluginNativeLibraries
{
    /// <summary>The assemblies served, by simple name: our own bindings, Microsoft.ML.OnnxRuntime.Managed, NetVips.</summary>
    public static readonly IReadOnlyList<string> ServedAssemblies = ["Plugins.Shared", "Microsoft.ML.OnnxRuntime", "NetVips"];

    private readonly ConcurrentDictionary<string, string> _loaded = new(StringComparer.Ordinal);

    private PluginNativeLibraries(string folder) => Folder = folder;

    /// <summary>The plugin folder searched.</summary>
    public string Folder { get; }

    /// <summary>What this handler loaded: the name asked for → the file loaded (diagnostics and tests).</summary>
    public IReadOnlyDictionary<string, string> Loaded => _loaded;

    /// <summary>
    /// Serves <paramref name="folder"/>'s native libraries to the served assemblies in <paramref name="context"/>.
    /// Call it once per context and folder (the Paint.NET plugin's one PluginServices per folder does): every call adds a handler.
    /// </summary>
    public static PluginNativeLibraries Register(AssemblyLoadContext context, string folder)
    {
        ArgumentNullException.ThrowIfNull(context);
        var natives = new PluginNativeLibraries(Path.GetFullPath(folder));
        context.ResolvingUnmanagedDll += natives.Resolve;
        // At once, not only when ONNX Runtime is resolved here: the official package's onnxruntime.dll is found by the
        // runtime's own probing (this handler never sees it), and it loads DirectML.dll later by bare name, which then
        // resolves to the module already loaded.
        var os = CurrentOs();
        foreach (var first in PreloadedAtOnce(os))
            if (natives.Find(first, os) is { } path) natives.Load(first, path);
        return natives;
    }

    /// <summary>
    /// The logical library a P/Invoke name stands for: "onnxruntime", "vips" or "directml", whatever the platform's
    /// decoration ("libvips-42.dll", "libvips.so.42", "libonnxruntime.so.1", "DirectML.dll"); null for any other.
    /// NetVips on Windows may also ask for GLib's own DLLs; in the single-file libvips build they are libvips-42.dll.
    /// </summary>
    public static string? LogicalName(string requested)
    {
        var name = Path.GetFileName(requested).ToLowerInvariant();
        if (name.StartsWith("lib", StringComparison.Ordinal)) name = name[3..];
        int cut = name.IndexOfAny(['.', '-']);
        if (cut >= 0) name = name[..cut];
        return name switch
        {
            "onnxruntime" => "onnxruntime",
            "vips" or "glib" or "gobject" => "vips",
            "directml" => "directml",
            _ => null,
        };
    }

    /// <summary>The files tried in the plugin folder for a logical library on an OS, in order.</summary>
    public static IReadOnlyList<string> Files(string logicalName, OSPlatform os) => logicalName switch
    {
        "onnxruntime" when os == OSPlatform.Windows => ["onnxruntime.dll"],
        "onnxruntime" when os == OSPlatform.OSX => ["libonnxruntime.dylib", "libonnxruntime.1.dylib"],
        "onnxruntime" => ["libonnxruntime.so.1", "libonnxruntime.so"],
        // NetVips.Native names first (libvips.so.42, libvips.42.dylib), then the npm-staged single-file build.
        "vips" when os == OSPlatform.Windows => ["libvips-42.dll"],
        "vips" when os == OSPlatform.OSX => ["libvips.42.dylib", "libvips-cpp.8.18.7.dylib"],
        "vips" => ["libvips.so.42", "libvips-cpp.so.8.18.7", "libvips-cpp.so.42"],
        "directml" when os == OSPlatform.Windows => ["DirectML.dll"],
        _ => [],
    };

    /// <summary>What is loaded from the plugin folder as soon as the handler is registered: DirectML on Windows.</summary>
    public static IReadOnlyList<string> PreloadedAtOnce(OSPlatform os) => os == OSPlatform.Windows ? ["directml"] : [];

    /// <summary>What must be loaded before a logical library, from the same folder: DirectML before ONNX Runtime on Windows.</summary>
    public static IReadOnlyList<string> LoadedBefore(string logicalName, OSPlatform os) =>
        logicalName == "onnxruntime" && os == OSPlatform.Windows ? ["directml"] : [];

    private IntPtr Resolve(Assembly assembly, string requested)
    {
        if (!ServedAssemblies.Contains(assembly.GetName().Name, StringComparer.Ordinal)) return IntPtr.Zero;
        if (LogicalName(requested) is not { } logical) return IntPtr.Zero;
        var os = CurrentOs();
        if (Find(logical, os) is not { } path) return IntPtr.Zero; // not ours: the runtime's DllNotFoundException follows
        foreach (var before in LoadedBefore(logical, os))
            if (Find(before, os) is { } first) Load(before, first);
        return Load(requested, path);
    }

    private string? Find(string logical, OSPlatform os) =>
        Files(logical, os).Select(f => Path.Combine(Folder, f)).FirstOrDefault(File.Exists);

    private IntPtr Load(string requested, string path)
    {
        // By full path: the OS keeps one copy per file, so loading again (another name for the same file) returns the same handle.
        var handle = NativeLibrary.Load(path);
        _loaded[requested] = path;
        return handle;
    }

    private static OSPlatform CurrentOs() =>
        OperatingSystem.IsWindows() ? OSPlatform.Windows : OperatingSystem.IsMacOS() ? OSPlatform.OSX : OSPlatform.Linux;
}
