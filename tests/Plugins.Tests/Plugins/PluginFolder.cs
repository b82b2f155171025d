using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Tests.Plugins;

/// <summary>
/// A temporary plugins/ folder with chosen test plugins copied in from testplugins/ (built by the test build from
/// tests/Plugins.SamplePlugin, Plugins.BrokenPlugin and Plugins.OldContractPlugin), as a user would drop them.
/// </summary>
public sealed class PluginFolder : IDisposable
{
    public const string Sample = "Plugins.SamplePlugin", Broken = "Plugins.BrokenPlugin", OldContract = "Plugins.OldContractPlugin";

    /// <summary>The sample plugin's effect id and its result layer.</summary>
    public const string VignetteId = "portrait-vignette";

    public PluginFolder(params string[] plugins)
    {
        Root = Directory.CreateTempSubdirectory("retouch-plugins-").FullName;
        Path = Directory.CreateDirectory(System.IO.Path.Combine(Root, "plugins")).FullName;
        foreach (var name in plugins) Add(name);
    }

    public string Root { get; }

    /// <summary>The plugins/ folder.</summary>
    public string Path { get; }

    public string Add(string plugin, string? into = null)
    {
        var folder = into is null ? Path : Directory.CreateDirectory(System.IO.Path.Combine(Path, into)).FullName;
        var target = System.IO.Path.Combine(folder, plugin + ".dll");
        File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, "testplugins", plugin + ".dll"), target);
        return target;
    }

    /// <summary>A file named .dll that is no assembly at all (a renamed text file).</summary>
    public string AddNotAnAssembly(string name = "readme.dll")
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, "These are the release notes, saved with the wrong extension.\n");
        return file;
    }

    public HostCatalog Catalog() => HostCatalog.WithPlugins([Path], Standalone.PluginArguments.ToolCommands, Standalone.PluginArguments.HostOptions);

    public void Dispose()
    {
        // The plugin assemblies stay loaded (their contexts are not collectible); on Linux their files can still go.
        try { Directory.Delete(Root, recursive: true); }
        catch (UnauthorizedAccessException) { }
        catch (IOException) { }
    }
}
