namespace RetouchPlugins.Shared.Assets;

/// <summary>
/// The per-user folder that things worth keeping between runs live in (optimised models, JIT profiles):
/// %LOCALAPPDATA%\RetouchPlugins on Windows, else $XDG_CACHE_HOME/RetouchPlugins or ~/.cache/RetouchPlugins.
/// </summary>
public static class UserCacheFolder
{
    /// <summary>The folder <paramref name="name"/> under the per-user cache, or null when there is no home folder to keep it in.</summary>
    public static string? For(string name)
    {
        var root = Root();
        return root is null ? null : Path.Combine(root, "RetouchPlugins", name);
    }

    private static string? Root()
    {
        if (OperatingSystem.IsWindows())
            return Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) is { Length: > 0 } local ? local : null;
        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg)) return xdg;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home is { Length: > 0 } ? Path.Combine(home, ".cache") : null;
    }
}
