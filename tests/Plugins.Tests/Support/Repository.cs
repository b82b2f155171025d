namespace RetouchPlugins.Tests.Support;

/// <summary>The source tree the tests run from (found from the test binary's folder upward), for files tests keep or read there.</summary>
internal static class Repository
{
    /// <summary>The folder holding RetouchPlugins.sln, or null when the tests run outside the source tree.</summary>
    public static string? RootOrNull()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "RetouchPlugins.sln"))) return d.FullName;
        return null;
    }

    /// <summary>The folder holding RetouchPlugins.sln; throws when there is none above the test binary.</summary>
    public static string Root => RootOrNull() ?? throw new DirectoryNotFoundException($"no RetouchPlugins.sln above {AppContext.BaseDirectory}");
}
