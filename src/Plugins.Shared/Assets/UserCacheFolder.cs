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

    /// <summary>
    /// The folder a cache's variable asks for (RETOUCH_ORT_CACHE, RETOUCH_JIT_PROFILE): its value as a full path when set,
    /// null when it says "0" or "off" (the cache turned off), else <paramref name="unset"/> (usually <see cref="For"/>).
    /// </summary>
    public static string? Chosen(string? variable, string? unset)
    {
        if (variable is not { Length: > 0 }) return unset;
        return variable is "0" || variable.Equals("off", StringComparison.OrdinalIgnoreCase) ? null : Path.GetFullPath(variable);
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
