using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Support;
using Spectre.Console;
using Xunit.Abstractions;

namespace RetouchPlugins.Tests.Installer;

/// <summary>
/// The MSI installed, run, upgraded and uninstalled under Wine 8 (Debian), each scenario in a fresh prefix: what a
/// studio administrator does with msiexec, checked from outside (files and their sha256, registry, PATH, the shortcut,
/// the installed program's own output). What Wine cannot show (a real Paint.NET loading the plugin, DirectML on a GPU,
/// the all-users Start menu) is listed in the README's studio section.
/// </summary>
[Collection(InstallerCollection.Name)]
public sealed class WineInstallTests(MsiBuild build, ITestOutputHelper log)
{
    private const string InstallDir = @"C:\Program Files\RetouchPlugins";
    private const string OurKey = @"HKLM\SOFTWARE\RetouchPlugins";
    private const string UninstallKey = @"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall";
    private const string TestDir = @"C:\retouch-test"; // the test's own photos and logs, not the installer's

    [Fact]
    public void InstallsWithPaintDotNetRunsUpgradesAndUninstallsWithoutLeftovers()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var wine = new WinePrefix("pdn");
        File.Copy(WineShim.Build(Path.Combine(wine.Root, "shim-build")), wine.Unix(@"C:\windows\system32\" + WineShim.FileName));
        // Paint.NET's classic install, faked: its registry entry (no trailing backslash) and its Effects folder.
        Directory.CreateDirectory(wine.Unix(@"C:\Program Files\paint.net\Effects"));
        wine.SetRegistryString(@"HKLM\SOFTWARE\paint.net", "TARGETDIR", @"C:\Program Files\paint.net");
        const string effects = @"C:\Program Files\paint.net\Effects\";
        var pathBefore = wine.SystemPath();
        wine.Flush();
        var before = wine.DriveCEntries();
        Directory.CreateDirectory(wine.Unix(TestDir));

        var install = Msiexec(wine, "/i", build.Msi, "install.log");
        Assert.True(install.ExitCode == 0, install.Describe("msiexec /i"));
        AssertInstalled(wine, InstallDir, effects + "RetouchPlugins");
        var remembered = wine.RegistryValue(OurKey, "PdnEffectsDir");
        Assert.True(remembered == effects, $"PdnEffectsDir is {remembered ?? "absent"}, not {effects}; the key holds:\n{wine.RegistryListing(OurKey)}");
        Assert.Equal(pathBefore, wine.SystemPath()); // AddToPath is not in the default selection

        // The Start-menu entry runs `retouch.exe serve` in the install folder. Wine resolves ProgramMenuFolder to the
        // user's menu even for a per-machine install; the log says where it went.
        var menu = LoggedProperty(wine, "install.log", "ProgramMenuFolder");
        var shortcut = wine.Unix(menu + @"RetouchPlugins\RetouchPlugins.lnk");
        Assert.True(File.Exists(shortcut), $"no shortcut at {menu}RetouchPlugins\\RetouchPlugins.lnk");
        var lnk = File.ReadAllBytes(shortcut);
        Assert.True(ContainsText(lnk, InstallDir + @"\retouch.exe"), "the shortcut does not point at retouch.exe");
        Assert.True(ContainsText(lnk, "serve"), "the shortcut has no 'serve' argument");
        log.WriteLine($"installed in {install.Elapsed.TotalSeconds:F1} s");

        // The installed program: its natives, models and the DirectML build of ONNX Runtime.
        var doctor = wine.Run(InstallDir + @"\retouch.exe", "doctor");
        log.WriteLine(doctor.Output);
        Assert.True(doctor.ExitCode == 0, doctor.Describe("retouch doctor"));
        Assert.Matches(@"providers\s+.*DmlExecutionProvider", doctor.Output);
        // DirectML is tried: chosen where Wine has a D3D12 device, else the CPU with DirectML's own reason.
        Assert.Matches(@"chosen\s+(DmlExecutionProvider|CPUExecutionProvider: DirectML could not create a device)", doctor.Output);
        Assert.Matches(@"libvips\s+8\.\d+\.\d+", doctor.Output);
        foreach (var model in PinnedModels())
            Assert.Matches($@"{Regex.Escape(model)}\s+sha256 {InstallerTool.Sha256(Path.Combine(build.StandaloneDir, "models", model))} ok", doctor.Output);

        RetouchesADemoPhoto(wine);

        // A newer version replaces this one: one product registered, with the new version, files in place.
        var upgrade = Msiexec(wine, "/i", build.NewerMsi, "upgrade.log");
        Assert.True(upgrade.ExitCode == 0, upgrade.Describe("msiexec /i (newer version)"));
        Assert.Equal([build.NewerVersion], RegisteredVersions(wine));
        AssertInstalled(wine, InstallDir, effects + "RetouchPlugins");
        Assert.StartsWith("{", LoggedProperty(wine, "upgrade.log", "WIX_UPGRADE_DETECTED")); // the older product code

        var uninstall = Msiexec(wine, "/x", build.NewerMsi, "uninstall.log");
        Assert.True(uninstall.ExitCode == 0, uninstall.Describe("msiexec /x"));
        AssertNothingLeft(wine, before, pathBefore);
        Assert.True(Directory.Exists(wine.Unix(effects)), "Paint.NET's own Effects folder was removed");
        log.WriteLine($"install, doctor, skin, upgrade, uninstall under Wine: {clock.Elapsed.TotalSeconds:F0} s");
    }

    [Fact]
    public void WithoutPaintDotNetItsFeatureIsSkippedAndGivenFoldersAndPathAreUsed()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var wine = new WinePrefix("nopdn");
        var pathBefore = wine.SystemPath();
        wine.Flush();
        var before = wine.DriveCEntries();
        Directory.CreateDirectory(wine.Unix(TestDir));

        // 1. Default silent install on a workstation without Paint.NET: the application only, and the reason in the log.
        var install = Msiexec(wine, "/i", build.Msi, "install.log");
        Assert.True(install.ExitCode == 0, install.Describe("msiexec /i"));
        Assert.True(File.Exists(wine.Unix(InstallDir + @"\retouch.exe")));
        Assert.StartsWith("Paint.NET feature skipped: no Paint.NET classic install", LoggedProperty(wine, "install.log", "PDNSKIPPED"));
        Assert.Null(wine.RegistryValue(OurKey, "PdnEffectsDir"));
        Assert.DoesNotContain(wine.DriveCEntries(), e => e.Contains("PaintDotNetEffects") || e.Contains(@"Effects/RetouchPlugins"));
        var uninstall = Msiexec(wine, "/x", build.Msi, "uninstall.log");
        Assert.True(uninstall.ExitCode == 0, uninstall.Describe("msiexec /x"));
        AssertNothingLeft(wine, before, pathBefore);

        // 2. Everything chosen on the command line: install folder, Paint.NET Effects folder, PATH.
        const string tools = @"C:\Tools\Retouch\", effects = @"C:\Studio\PdnEffects\";
        // The studio's own folders exist already (an installer removes only the folders it is the owner of, and
        // Wine leaves an emptied parent of a custom INSTALLDIR that it created).
        Directory.CreateDirectory(wine.Unix(effects));
        Directory.CreateDirectory(wine.Unix(@"C:\Tools"));
        wine.Flush();
        before = wine.DriveCEntries();
        var custom = Msiexec(wine, "/i", build.Msi, "custom.log",
            $"INSTALLDIR={tools}", $"PDNEFFECTSDIR={effects}", "ADDLOCAL=Application,AddToPath,PaintDotNet");
        Assert.True(custom.ExitCode == 0, custom.Describe("msiexec /i with properties"));
        AssertInstalled(wine, tools.TrimEnd('\\'), effects + "RetouchPlugins");
        Assert.False(Directory.Exists(wine.Unix(InstallDir)), "installed into Program Files although INSTALLDIR was given");
        Assert.Equal(pathBefore + ";" + tools, wine.SystemPath());
        Assert.Equal(effects, wine.RegistryValue(OurKey, "PdnEffectsDir"));
        Assert.Equal(tools, wine.RegistryValue(OurKey, "InstallDir"));

        // Uninstalling without repeating the properties: the remembered Effects folder is found, PATH is restored.
        var remove = Msiexec(wine, "/x", build.Msi, "custom-uninstall.log");
        Assert.True(remove.ExitCode == 0, remove.Describe("msiexec /x"));
        AssertNothingLeft(wine, before, pathBefore);
        log.WriteLine($"two installs and uninstalls without Paint.NET under Wine: {clock.Elapsed.TotalSeconds:F0} s");
    }

    private void RetouchesADemoPhoto(WinePrefix wine)
    {
        var photo = Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg");
        File.Copy(photo, wine.Unix(TestDir + @"\sample1.jpg"));
        var skin = wine.Run(InstallDir + @"\retouch.exe", "skin", TestDir + @"\sample1.jpg", "-o", TestDir + @"\sample1-retouched.png");
        log.WriteLine(skin.Output);
        Assert.True(skin.ExitCode == 0, skin.Describe("retouch skin"));

        // The same command on Linux, in process, is the reference: same code, same models, other native builds.
        var reference = Path.Combine(wine.Root, "linux-sample1-retouched.png");
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Interactive = InteractionSupport.No });
        Assert.Equal(0, SkinRun.Run(photo, reference, null, SkinRecipe.Info.DefaultSettings(), console, null, default));
        var windows = ImageFile.Load(wine.Unix(TestDir + @"\sample1-retouched.png")).Pixels;
        var linux = ImageFile.Load(reference).Pixels;
        var input = ImageFile.Load(photo).Pixels;
        Assert.Equal((linux.Width, linux.Height, linux.Channels), (windows.Width, windows.Height, windows.Channels));
        var (mean, max, changed) = Compare(windows, linux);
        var (_, _, retouched) = Compare(windows, input);
        log.WriteLine($"retouch.exe under Wine vs the Linux build: mean {mean:F3} levels, max {max:F0}, {changed:P3} of samples differ; " +
                      $"{retouched:P2} of samples changed from the photo");
        Assert.True(retouched > 0.005, $"only {retouched:P3} of the samples changed: nothing was retouched");
        // Measured: identical (mean 0, max 0); a later native build may round differently, hence a small margin.
        Assert.True(mean < 0.05 && max <= 8, $"difference to the Linux result: mean {mean:F3} levels, max {max:F0}");
    }

    private static (double Mean, double Max, double ChangedShare) Compare(PlanarImage a, PlanarImage b)
    {
        double sum = 0, max = 0; long changed = 0;
        for (int i = 0; i < a.Data.Length; i++)
        {
            var d = Math.Abs(Math.Round(a.Data[i] * 255) - Math.Round(b.Data[i] * 255));
            sum += d; max = Math.Max(max, d);
            if (d > 0) changed++;
        }
        return (sum / a.Data.Length, max, (double)changed / a.Data.Length);
    }

    private ToolResult Msiexec(WinePrefix wine, string verb, string msi, string logName, params string[] properties)
    {
        var copy = wine.Unix($@"{TestDir}\{Path.GetFileName(msi)}");
        if (!File.Exists(copy)) File.Copy(msi, copy);
        var r = wine.Run(["msiexec", verb, $@"{TestDir}\{Path.GetFileName(msi)}", "/qn", "/l*v", $@"{TestDir}\{logName}", .. properties]);
        log.WriteLine($"msiexec {verb} {Path.GetFileName(msi)} {string.Join(' ', properties)}: exit {r.ExitCode}, {r.Elapsed.TotalSeconds:F1} s");
        return r;
    }

    /// <summary>Every published file at its place with its sha256, the notices beside retouch.exe, our registry key.</summary>
    private void AssertInstalled(WinePrefix wine, string installDir, string pluginDir)
    {
        foreach (var (dir, source) in new[] { (installDir, build.StandaloneDir), (pluginDir, build.PluginDir) })
        {
            var expected = MsiBuild.Hashes(source);
            var actual = MsiBuild.Hashes(wine.Unix(dir));
            Assert.Empty(expected.Keys.Except(actual.Keys).Order());
            Assert.Empty(expected.Where(e => actual[e.Key] != e.Value).Select(e => e.Key));
        }
        Assert.True(File.Exists(wine.Unix(installDir + @"\THIRD-PARTY-NOTICES.txt")));
        Assert.True(wine.RegistryKeyExists(OurKey));
    }

    /// <summary>The file tree is what it was before the install, and no registry value names the product.</summary>
    private static void AssertNothingLeft(WinePrefix wine, SortedSet<string> before, string? pathBefore)
    {
        // Wine 8 takes the appended folder out of PATH but leaves its ';' behind (Windows removes both), so PATH is
        // compared entry by entry.
        Assert.Equal(PathEntries(pathBefore), PathEntries(wine.SystemPath()));
        Assert.False(wine.RegistryKeyExists(OurKey), $"{OurKey} is left");
        var registry = wine.RegistryText();
        var left = registry.Split('\n').Where(l => l.Contains("RetouchPlugins", StringComparison.OrdinalIgnoreCase) || l.Contains("retouch.exe", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.True(left.Length == 0, "registry lines left behind:\n" + string.Join('\n', left));
        // Windows\Installer is Windows Installer's own cache folder (always present on Windows; Wine creates it on first use).
        var after = wine.DriveCEntries();
        var added = after.Except(before).Where(e => !e.StartsWith("retouch-test") && e != "windows/Installer").ToArray();
        Assert.True(added.Length == 0, "left behind:\n" + string.Join('\n', added));
        Assert.Empty(before.Except(after).Order());
    }

    private static string[] PathEntries(string? path) => (path ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>DisplayVersion of every product named RetouchPlugins in Add/Remove Programs.</summary>
    private static IReadOnlyList<string> RegisteredVersions(WinePrefix wine)
    {
        var r = wine.Run("reg", "query", UninstallKey, "/s", "/reg:64");
        Assert.True(r.ExitCode == 0, r.Describe("reg query"));
        return r.Output.Split("HKEY_").Where(b => Regex.IsMatch(b, @"DisplayName\s+REG_SZ\s+RetouchPlugins\s"))
            .Select(b => Regex.Match(b, @"DisplayVersion\s+REG_SZ\s+(\S+)").Groups[1].Value).ToArray();
    }

    /// <summary>The models of the pinned manifest the program ships (what `retouch doctor` re-hashes).</summary>
    private IEnumerable<string> PinnedModels()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(build.StandaloneDir, "models", "assets.json")));
        return manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("dest").GetString()!)
            .Where(d => d.StartsWith("models/")).Select(d => d["models/".Length..]).ToArray();
    }

    /// <summary>A property's final value from a verbose msiexec log ("Property(S): NAME = value").</summary>
    private static string LoggedProperty(WinePrefix wine, string logName, string property)
    {
        var text = ReadLog(wine.Unix($@"{TestDir}\{logName}"));
        var m = Regex.Match(text, $@"Property\(S\): {property} = (.*?)\r?$", RegexOptions.Multiline);
        Assert.True(m.Success, $"{logName} does not log {property}");
        return m.Groups[1].Value;
    }

    /// <summary>msiexec logs in UTF-16 on Windows and in the ANSI code page under Wine; read either.</summary>
    private static string ReadLog(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes.Length > 1 && bytes[0] == 0xFF && bytes[1] == 0xFE ? Encoding.Unicode.GetString(bytes) : Encoding.Latin1.GetString(bytes);
    }

    private static bool ContainsText(byte[] data, string text) =>
        data.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0 || data.AsSpan().IndexOf(Encoding.Latin1.GetBytes(text)) >= 0;
}
