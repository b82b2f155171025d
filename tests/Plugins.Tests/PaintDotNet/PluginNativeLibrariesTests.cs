using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using RetouchPlugins.Shared.Native;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// The native library search in the plugin's own folder, the way Paint.NET loads a plugin: a folder with the
/// assemblies and the natives, loaded into its own AssemblyLoadContext. The assemblies are written here with the
/// names of the packages the plugin uses (Microsoft.ML.OnnxRuntime, NetVips), each with one P/Invoke under the
/// name that package uses ("onnxruntime", "libvips.so.42"), and the real natives are copied next to them under
/// versioned file names (libonnxruntime.so.1, libvips-cpp.so.8.18.7), which the runtime's own probing does not find.
/// </summary>
public sealed class PluginNativeLibrariesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "retouch-natives-" + Guid.NewGuid().ToString("N"), "Effects", "RetouchPlugins");

    public PluginNativeLibrariesTests()
    {
        Directory.CreateDirectory(_folder);
        if (!OperatingSystem.IsLinux()) return;
        // Copies, not links: the loaded file's path must be the plugin folder's.
        // The real Linux natives of this build (ONNX Runtime staged from its NuGet package, libvips from
        // NetVips.Native), under the versioned names a folder may hold and the default probing misses.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "libonnxruntime.so"), Path.Combine(_folder, "libonnxruntime.so.1"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libvips.so.42"), Path.Combine(_folder, "libvips-cpp.so.8.18.7"));
    }

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(_folder))!, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public void Onnx_runtime_is_served_from_the_plugin_folder_to_the_package_assembly()
    {
        if (!OperatingSystem.IsLinux()) return; // the copied natives are Linux builds; the name tables are tested below for every OS
        var context = new AssemblyLoadContext("plugin", isCollectible: true);
        var natives = PluginNativeLibraries.Register(context, _folder);
        var probe = LoadProbe(context, "Microsoft.ML.OnnxRuntime", "onnxruntime", "OrtGetApiBase", typeof(IntPtr), []);

        var apiBase = (IntPtr)probe.Invoke(null, null)!;

        Assert.NotEqual(IntPtr.Zero, apiBase);
        Assert.Equal(Path.Combine(_folder, "libonnxruntime.so.1"), natives.Loaded["onnxruntime"]);
        Assert.Contains(Path.Combine(_folder, "libonnxruntime.so.1"), File.ReadAllText("/proc/self/maps"));
        context.Unload();
    }

    [Fact]
    public void Libvips_is_served_from_the_plugin_folder()
    {
        // Asked for by a name nothing else in this process resolves: NetVips' own "libvips.so.42" may already be
        // loaded here (from the test's runtimes/ folder, by other tests), and the loader would answer that by soname.
        if (!OperatingSystem.IsLinux()) return;
        var context = new AssemblyLoadContext("plugin", isCollectible: true);
        var natives = PluginNativeLibraries.Register(context, _folder);
        var probe = LoadProbe(context, "NetVips", "vips", "vips_version", typeof(int), [typeof(int)]);

        Assert.Equal(8, (int)probe.Invoke(null, [0])!); // libvips 8.18
        Assert.Equal(Path.Combine(_folder, "libvips-cpp.so.8.18.7"), natives.Loaded["vips"]);
        Assert.Contains(Path.Combine(_folder, "libvips-cpp.so.8.18.7"), File.ReadAllText("/proc/self/maps"));
    }

    [Fact]
    public void Without_the_handler_the_runtime_does_not_find_them()
    {
        // The case the handler exists for: the default probing looks for libonnxruntime.so next to the assembly, not .so.1.
        if (!OperatingSystem.IsLinux()) return;
        var context = new AssemblyLoadContext("plugin", isCollectible: true);
        var probe = LoadProbe(context, "Microsoft.ML.OnnxRuntime", "onnxruntime", "OrtGetApiBase", typeof(IntPtr), []);

        var error = Assert.Throws<TargetInvocationException>(() => probe.Invoke(null, null));
        Assert.IsType<DllNotFoundException>(error.InnerException);
    }

    [Fact]
    public void Other_assemblies_are_not_served()
    {
        if (!OperatingSystem.IsLinux()) return;
        var context = new AssemblyLoadContext("plugin", isCollectible: true);
        var natives = PluginNativeLibraries.Register(context, _folder);
        var probe = LoadProbe(context, "Someone.Else", "onnxruntime", "OrtGetApiBase", typeof(IntPtr), []);

        var error = Assert.Throws<TargetInvocationException>(() => probe.Invoke(null, null));
        Assert.IsType<DllNotFoundException>(error.InnerException);
        Assert.Empty(natives.Loaded);
    }

    [Theory]
    [InlineData("onnxruntime", "onnxruntime")]
    [InlineData("libonnxruntime.so.1", "onnxruntime")]
    [InlineData("onnxruntime.dll", "onnxruntime")]
    [InlineData("libvips-42.dll", "vips")]
    [InlineData("libvips.so.42", "vips")]
    [InlineData("libvips.42.dylib", "vips")]
    [InlineData("vips", "vips")]
    [InlineData("libglib-2.0-0.dll", "vips")]
    [InlineData("DirectML", "directml")]
    [InlineData("DirectML.dll", "directml")]
    [InlineData("kernel32", null)]
    [InlineData("libc", null)]
    public void Names_map_to_the_library_they_stand_for(string requested, string? logical) =>
        Assert.Equal(logical, PluginNativeLibraries.LogicalName(requested));

    [Fact]
    public void On_windows_directml_comes_from_the_plugin_folder_before_onnx_runtime()
    {
        Assert.Equal(["onnxruntime.dll"], PluginNativeLibraries.Files("onnxruntime", OSPlatform.Windows));
        Assert.Equal(["DirectML.dll"], PluginNativeLibraries.Files("directml", OSPlatform.Windows));
        Assert.Equal(["libvips-42.dll"], PluginNativeLibraries.Files("vips", OSPlatform.Windows));
        Assert.Equal(["directml"], PluginNativeLibraries.LoadedBefore("onnxruntime", OSPlatform.Windows));
        Assert.Equal(["directml"], PluginNativeLibraries.PreloadedAtOnce(OSPlatform.Windows));
        Assert.Empty(PluginNativeLibraries.PreloadedAtOnce(OSPlatform.Linux));
        Assert.Empty(PluginNativeLibraries.LoadedBefore("onnxruntime", OSPlatform.Linux));
        Assert.Empty(PluginNativeLibraries.Files("directml", OSPlatform.Linux));
    }

    /// <summary>
    /// Writes an assembly named <paramref name="assemblyName"/> into the plugin folder with one static P/Invoke
    /// (<paramref name="entryPoint"/> in <paramref name="library"/>), loads it into <paramref name="context"/> and returns the method.
    /// </summary>
    private MethodInfo LoadProbe(AssemblyLoadContext context, string assemblyName, string library, string entryPoint, Type returnType, Type[] parameters)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName(assemblyName), typeof(object).Assembly);
        var type = builder.DefineDynamicModule(assemblyName).DefineType("Probe", TypeAttributes.Public | TypeAttributes.Abstract | TypeAttributes.Sealed);
        var method = type.DefinePInvokeMethod(entryPoint, library, MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.PinvokeImpl,
            CallingConventions.Standard, returnType, parameters, CallingConvention.Cdecl, CharSet.Ansi);
        method.SetImplementationFlags(MethodImplAttributes.PreserveSig);
        type.CreateType();
        var path = Path.Combine(_folder, assemblyName + ".dll");
        builder.Save(path);
        return context.LoadFromAssemblyPath(path).GetType("Probe")!.GetMethod(entryPoint)!;
    }
}
