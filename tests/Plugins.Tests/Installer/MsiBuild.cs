using System.Diagnostics;
using System.Text.RegularExpressions;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Installer;

/// <summary>
/// Builds the installer once for the tests of the "Installer" collection, the way CI builds it: installer/build-msi.sh
/// publishes the standalone (win-x64, self-contained) and the Paint.NET plugin and makes the MSI with wixl. A second MSI
/// with the build number bumped, from the same publish output, is the "newer version" of the upgrade test.
/// STANDALONE_DIR / PLUGIN_DIR in the environment skip the publish (as for the script itself).
/// </summary>
public sealed partial class MsiBuild : IDisposable
{
    public string Root { get; }
    public string Version { get; }
    public string NewerVersion { get; }
    public string StandaloneDir { get; }
    public string PluginDir { get; }
    public string Msi { get; }
    public string NewerMsi { get; }
    public TimeSpan BuildTime { get; }
    public TimeSpan NewerBuildTime { get; }
    /// <summary>True when the first build published both parts itself (its time includes the two publishes).</summary>
    public bool Published { get; }

    public MsiBuild()
    {
        var repo = Repository.Root;
        Root = Path.Combine(repo, "artifacts", "installer", "test");
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
        Directory.CreateDirectory(Root);
        var csproj = File.ReadAllText(Path.Combine(repo, "Directory.Build.props"));
        Version = VersionElement().Match(csproj) is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidDataException("Directory.Build.props: no <Version>");
        var parts = Version.Split('.');
        NewerVersion = $"{parts[0]}.{parts[1]}.{int.Parse(parts[2]) + 1}";

        Published = Environment.GetEnvironmentVariable("STANDALONE_DIR") is not { Length: > 0 } || Environment.GetEnvironmentVariable("PLUGIN_DIR") is not { Length: > 0 };
        StandaloneDir = Environment.GetEnvironmentVariable("STANDALONE_DIR") is { Length: > 0 } s ? s : Path.Combine(Root, "work", "standalone");
        PluginDir = Environment.GetEnvironmentVariable("PLUGIN_DIR") is { Length: > 0 } p ? p : Path.Combine(Root, "work", "plugin");
        var script = Path.Combine(repo, "installer", "build-msi.sh");

        var clock = Stopwatch.StartNew();
        InstallerTool.RunOk("bash", [script, Path.Combine(Root, "v1")], TimeSpan.FromMinutes(20),
            new Dictionary<string, string> { ["WORK"] = Path.Combine(Root, "work") });
        BuildTime = clock.Elapsed;
        Msi = Path.Combine(Root, "v1", $"RetouchPlugins-{Version}-x64.msi");

        clock.Restart();
        InstallerTool.RunOk("bash", [script, Path.Combine(Root, "v2")], TimeSpan.FromMinutes(10),
            new Dictionary<string, string>
            {
                ["WORK"] = Path.Combine(Root, "work-v2"), ["VERSION"] = NewerVersion,
                ["STANDALONE_DIR"] = StandaloneDir, ["PLUGIN_DIR"] = PluginDir,
            });
        NewerBuildTime = clock.Elapsed;
        NewerMsi = Path.Combine(Root, "v2", $"RetouchPlugins-{NewerVersion}-x64.msi");
    }

    /// <summary>Relative path (forward slashes) → sha256 of every file of a publish folder.</summary>
    public static IReadOnlyDictionary<string, string> Hashes(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f).Replace('\\', '/'), InstallerTool.Sha256);

    public void Dispose() { }

    [GeneratedRegex("<Version>([^<]+)</Version>")]
    private static partial Regex VersionElement();
}

[CollectionDefinition(Name)]
public sealed class InstallerCollection : ICollectionFixture<MsiBuild>
{
    public const string Name = "Installer";
}
