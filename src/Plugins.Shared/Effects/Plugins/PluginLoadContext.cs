using System.Reflection;
using System.Runtime.Loader;

namespace RetouchPlugins.Shared.Effects.Plugins;

/// <summary>
/// One plugin assembly's own load context. The contract assemblies (Plugins.Shared, Plugins.Shaders) always come
/// from the host, so the plugin's <see cref="IPortraitEffect"/> is the host's type; everything else the plugin
/// brings (its own dependencies, in any version) is resolved next to it from its .deps.json, apart from the host's
/// and from other plugins'. Not collectible: the catalog keeps the effects for the life of the process, and a
/// collectible context would forbid nothing we need while adding unload bookkeeping no host uses.
/// </summary>
internal sealed class PluginLoadContext(string pluginPath, IReadOnlySet<string> shared)
    : AssemblyLoadContext($"plugin:{Path.GetFileName(pluginPath)}", isCollectible: false)
{
    private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

    protected override Assembly? Load(AssemblyName name)
    {
        // null = the default context, i.e. the host's copy: the contract types must be one and the same.
        if (name.Name is { } simple && shared.Contains(simple)) return null;
        return _resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
