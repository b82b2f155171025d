using System.Reflection;
using System.Runtime.Loader;

namespace RetouchPlugins.PaintDotNet.LoadCheck;

/// <summary>
/// A plugin folder loaded the way Paint.NET 4.3+ documents it: an isolated load context per plugin, its assemblies
/// resolved through the plugin's .deps.json, Paint.NET's own assemblies (PaintDotNet.*) shared from the host.
/// Paint.NET's real loader is not public; this is the documented behaviour, not its code.
/// </summary>
internal sealed class PluginLoadContext(string pluginDll) : AssemblyLoadContext("plugin: " + Path.GetFileName(pluginDll))
{
    private readonly AssemblyDependencyResolver _resolver = new(pluginDll);

    protected override Assembly? Load(AssemblyName name) =>
        name.Name!.StartsWith("PaintDotNet", StringComparison.Ordinal) ? null // the host's, so the effect types are Paint.NET's
        : _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;

    protected override IntPtr LoadUnmanagedDll(string name) =>
        _resolver.ResolveUnmanagedDllToPath(name) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
