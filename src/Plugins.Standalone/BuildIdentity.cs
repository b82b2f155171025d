using System.Security.Cryptography;
using System.Text;

namespace RetouchPlugins.Standalone;

/// <summary>
/// Which build of retouch this is, for what must not outlive it (the worker's socket, the JIT profiles): the
/// application folder and the name, size and time of every assembly and plugin in it.
/// </summary>
internal static class BuildIdentity
{
    /// <summary>12 hex digits of SHA-256 over the application folder and its assemblies' and plugins' names, sizes and times.</summary>
    public static string Of(string applicationFolder)
    {
        var text = new StringBuilder(Path.GetFullPath(applicationFolder));
        foreach (var file in BuildFiles(applicationFolder))
        {
            var info = new FileInfo(file);
            text.Append('|').Append(Path.GetRelativePath(applicationFolder, file)).Append(':').Append(info.Length)
                .Append(':').Append(info.LastWriteTimeUtc.Ticks);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    private static IEnumerable<string> BuildFiles(string applicationFolder)
    {
        var files = Directory.EnumerateFiles(applicationFolder, "*.dll").ToList();
        var plugins = Path.Combine(applicationFolder, "plugins");
        if (Directory.Exists(plugins)) files.AddRange(Directory.EnumerateFiles(plugins, "*", SearchOption.AllDirectories));
        files.Sort(StringComparer.Ordinal);
        return files;
    }
}
