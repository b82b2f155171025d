using System.Text.Json;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Windows;

/// <summary>
/// The self-contained win-x64 publish of `retouch` (scripts/publish-windows.sh, as the installer uses it), made once
/// per test run into artifacts/test-publish/win-x64. The script's build is incremental and kept apart from the normal
/// obj/ folders: the first publish takes a few minutes, later ones seconds.
/// </summary>
public sealed class WindowsPublish
{
    public WindowsPublish()
    {
        var root = Repository.Root;
        Folder = Path.Combine(root, "artifacts", "test-publish", "win-x64");
        // The output folder is made afresh (the intermediate files stay, so it stays quick): a publish copies a file
        // only where the one in place is older, so a file precompiled by an earlier publish would outlive a change.
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
        var publish = ChildProcess.Run("bash", [Path.Combine(root, "scripts", "publish-windows.sh"), Folder], TimeSpan.FromMinutes(20),
            workingDirectory: root);
        if (publish.ExitCode != 0)
            throw new InvalidOperationException($"scripts/publish-windows.sh failed ({publish.ExitCode}):\n{publish.Output}");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "models", "assets.json")));
        Assets = [.. manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => new PinnedAsset(
            f.GetProperty("dest").GetString()!, f.GetProperty("sha256").GetString()!,
            f.TryGetProperty("platform", out var p) ? p.GetString() : null))];
    }

    public string Folder { get; }

    /// <summary>models/assets.json of the source tree: every pinned file with its hash.</summary>
    public IReadOnlyList<PinnedAsset> Assets { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public sealed record PinnedAsset(string Dest, string Sha256, string? Platform)
    {
        public string FileName => Path.GetFileName(Dest);
        public bool IsModel => Dest.StartsWith("models/", StringComparison.Ordinal);
    }
}

[CollectionDefinition(nameof(WindowsPublish))]
public sealed class WindowsPublishCollection : ICollectionFixture<WindowsPublish>;
