using System.Runtime;
using RetouchPlugins.Shared.Assets;

namespace RetouchPlugins.Standalone;

/// <summary>
/// .NET's multi-core JIT (<see cref="ProfileOptimization"/>) for the command about to run. Each run records which
/// methods it compiled into a profile per command and per build in the per-user cache, and the next run of the same
/// command compiles them on a background thread ahead of the thread that calls them. A fresh `retouch skin` compiles
/// for about 0.4 s of CPU, most of it on the critical path while the other core idles (start-up, the single-threaded
/// decode); with the profile that work moves onto the idle core (bench/OBSERVATIONS.md, twenty-third session).
/// The runtime ignores a profile it cannot read or whose methods it cannot find, and a folder that cannot be written
/// only means no profile: nothing here can fail a command or change its output.
/// </summary>
internal static class JitProfile
{
    /// <summary>Set to a folder to keep the profiles there, or to "0" / "off" to turn them off. Unset: the per-user cache folder.</summary>
    public const string Variable = "RETOUCH_JIT_PROFILE";

    public const string Extension = ".jitprofile";

    /// <summary>Commands whose first argument is a subcommand, which gets a profile of its own (`worker run` is not `worker status`).</summary>
    private static readonly string[] WithSubcommands = ["worker"];

    /// <summary>Other builds' profiles not written for this long go when a new build records its first.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromDays(30);

    /// <summary>Plays back the profile of the command <paramref name="args"/> names, if an earlier run left one, and records this run's.</summary>
    public static void Start(IReadOnlyList<string> args)
    {
        if (NameFor(args) is not { } name || Folder() is not { } folder) return;
        try
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                DeleteStale(Path.GetDirectoryName(folder)!, DateTime.UtcNow - StaleAfter);
            }
            ProfileOptimization.SetProfileRoot(folder);
            ProfileOptimization.StartProfile(name + Extension);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written: the command runs as it would without a profile.
        }
    }

    /// <summary>This build's profile folder as the environment says (<see cref="Variable"/>, else the per-user cache); null when off.</summary>
    public static string? Folder() =>
        FolderFor(Environment.GetEnvironmentVariable(Variable), UserCacheFolder.For("jit-profile"), BuildIdentity.Of(AppContext.BaseDirectory));

    /// <summary>
    /// The profile's name: the command (`skin`, `batch`), with its subcommand for `worker`; null for anything else
    /// (a root option first, an argument that is not a plain command name, a command's help, which compiles little and
    /// would leave the next real run a profile of almost nothing), which records nothing.
    /// </summary>
    internal static string? NameFor(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !IsCommandName(args[0]) || args.Any(a => a is "--help" or "-h" or "-?" or "/?" or "/h")) return null;
        if (!WithSubcommands.Contains(args[0])) return args[0];
        return args.Count > 1 && IsCommandName(args[1]) ? $"{args[0]}-{args[1]}" : null;
    }

    /// <summary>This build's profile folder: under <paramref name="variable"/>'s folder when set (none when it says off), else under the per-user cache.</summary>
    internal static string? FolderFor(string? variable, string? userCache, string buildId) =>
        UserCacheFolder.Chosen(variable, userCache) is { } root ? Path.Combine(root, buildId) : null;

    /// <summary>Deletes the build folders in <paramref name="root"/> whose newest profile is older than <paramref name="before"/>.</summary>
    internal static void DeleteStale(string root, DateTime before)
    {
        foreach (var build in Directory.EnumerateDirectories(root))
        {
            var files = Directory.GetFiles(build);
            var newest = files.Length == 0 ? Directory.GetLastWriteTimeUtc(build) : files.Max(File.GetLastWriteTimeUtc);
            if (newest >= before) continue;
            try { Directory.Delete(build, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // another process's, or in use: next time
        }
    }

    private static bool IsCommandName(string arg) =>
        arg.Length is > 0 and <= 40 && char.IsAsciiLetterLower(arg[0]) && arg.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
