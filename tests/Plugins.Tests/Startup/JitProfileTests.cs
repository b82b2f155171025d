using RetouchPlugins.Shared.Running;
using RetouchPlugins.Standalone;
using RetouchPlugins.Standalone.Worker;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Startup;

/// <summary>
/// The multi-core JIT profile a command records for its next run (<see cref="JitProfile"/>): which command records
/// which profile where, that the built `retouch` writes one and plays it back, and that a profile, good, corrupt,
/// truncated or turned off, never changes a command's output or exit. (How much time it saves is the benchmark's
/// business: `Plugins.Benchmarks end-to-end`, bench/OBSERVATIONS.md.)
/// </summary>
public sealed class JitProfileTests : IDisposable
{
    private static readonly string Retouch = Path.Combine(AppContext.BaseDirectory, "retouch");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rp-jit-" + Guid.NewGuid().ToString("N")[..8]);

    public JitProfileTests() => Directory.CreateDirectory(_folder);

    [Theory]
    [InlineData(new[] { "skin", "photo.jpg", "-o", "out.jpg" }, "skin")]
    [InlineData(new[] { "tone-match", "photo.jpg", "-o", "out.jpg" }, "tone-match")]
    [InlineData(new[] { "batch", "in", "--effect", "skin" }, "batch")]
    [InlineData(new[] { "worker", "run", "--idle-minutes", "1" }, "worker-run")]
    [InlineData(new[] { "worker", "status" }, "worker-status")]
    [InlineData(new[] { "worker" }, null)]
    [InlineData(new[] { "--plugins", "dir", "skin" }, null)] // a root option first: no command name to key on
    [InlineData(new[] { "--help" }, null)]
    [InlineData(new[] { "skin", "--help" }, null)] // help compiles little: its profile would leave the next run almost nothing
    [InlineData(new[] { "worker", "start", "-h" }, null)]
    [InlineData(new[] { "Skin" }, null)] // not a command name (commands are lower case): System.CommandLine refuses it anyway
    [InlineData(new[] { "../skin" }, null)]
    [InlineData(new string[0], null)]
    public void Each_command_records_a_profile_of_its_own(string[] args, string? expected) =>
        Assert.Equal(expected, JitProfile.NameFor(args));

    [Fact]
    public void The_folder_is_per_build_under_the_variable_or_the_user_cache()
    {
        Assert.Equal(Path.Combine(_folder, "abc"), JitProfile.FolderFor(_folder, "/home/u/.cache/RetouchPlugins/jit-profile", "abc"));
        Assert.Equal(Path.Combine("/home/u/.cache/RetouchPlugins/jit-profile", "abc"), JitProfile.FolderFor(null, "/home/u/.cache/RetouchPlugins/jit-profile", "abc"));
        Assert.Equal(Path.Combine("/c", "abc"), JitProfile.FolderFor("", "/c", "abc"));
        Assert.Null(JitProfile.FolderFor("off", "/c", "abc"));
        Assert.Null(JitProfile.FolderFor("OFF", "/c", "abc"));
        Assert.Null(JitProfile.FolderFor("0", "/c", "abc"));
        Assert.Null(JitProfile.FolderFor(null, null, "abc")); // no home folder: no profile
    }

    [Fact]
    public void Other_builds_profiles_are_deleted_only_when_stale()
    {
        var now = DateTime.UtcNow;
        string Build(string name, DateTime written, bool withFile = true)
        {
            var dir = Path.Combine(_folder, name);
            Directory.CreateDirectory(dir);
            if (withFile)
            {
                var file = Path.Combine(dir, "skin" + JitProfile.Extension);
                File.WriteAllText(file, "profile");
                File.SetLastWriteTimeUtc(file, written);
            }
            Directory.SetLastWriteTimeUtc(dir, written);
            return dir;
        }
        var old = Build("old", now.AddDays(-40));
        var recent = Build("recent", now.AddDays(-2));
        var emptyOld = Build("empty", now.AddDays(-40), withFile: false);
        var oldDirRecentFile = Build("touched", now.AddDays(-1));
        Directory.SetLastWriteTimeUtc(oldDirRecentFile, now.AddDays(-40)); // a profile rewritten in place leaves the folder's time as it was

        JitProfile.DeleteStale(_folder, now.AddDays(-30));

        Assert.False(Directory.Exists(old));
        Assert.False(Directory.Exists(emptyOld));
        Assert.True(Directory.Exists(recent));
        Assert.True(Directory.Exists(oldDirRecentFile));
    }

    /// <summary>
    /// The built `retouch` on a real photo: the first run writes skin.jitprofile under the build's folder, later runs
    /// play it back; the output is the same file, byte for byte, with a good profile, with garbage or half a profile in
    /// its place, and with profiles turned off.
    /// </summary>
    [Fact]
    public void A_profile_good_corrupt_or_off_never_changes_the_result()
    {
        var photo = Path.Combine(_folder, "photo.jpg");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg"), photo);
        var profiles = Path.Combine(_folder, "profiles");
        byte[] Run(string name, string variable)
        {
            var output = Path.Combine(_folder, name + ".jpg");
            var result = ChildProcess.Run(Retouch, ["skin", photo, "-o", output], TimeSpan.FromMinutes(3), new Dictionary<string, string>
            {
                [JitProfile.Variable] = variable,
                [WorkerAddress.SwitchVariable] = "off",
            });
            Assert.True(result.ExitCode == RunExit.Ok, $"{name}: {result.Output}");
            return File.ReadAllBytes(output);
        }

        var first = Run("first", profiles);
        var builds = Directory.GetDirectories(profiles);
        var profile = Assert.Single(Directory.GetFiles(Assert.Single(builds)));
        Assert.Equal("skin" + JitProfile.Extension, Path.GetFileName(profile));
        var recorded = File.ReadAllBytes(profile);
        Assert.True(recorded.Length > 4096, $"the profile holds {recorded.Length} bytes; a skin run compiles thousands of methods");

        Assert.Equal(first, Run("played", profiles));

        var garbage = new byte[8192];
        new Random(23).NextBytes(garbage);
        File.WriteAllBytes(profile, garbage);
        Assert.Equal(first, Run("garbage", profiles));

        File.WriteAllBytes(profile, recorded[..(recorded.Length / 2)]);
        Assert.Equal(first, Run("truncated", profiles));
        Assert.True(new FileInfo(profile).Length > 4096, "the run after a broken profile records a whole one again");

        File.Delete(profile);
        Assert.Equal(first, Run("off", "off"));
        Assert.False(File.Exists(profile));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
